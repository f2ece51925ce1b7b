import { analysisOf, authoredBindings } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/undefined-service-account',
    category: 'rbac',
    severity: 'info',
    description: 'A binding names a ServiceAccount that the run does not define.',
    rationale:
      'Bindings outlive the ServiceAccounts they name. A binding to a ServiceAccount that does not exist waits for whoever creates one of that name: anyone allowed to create ServiceAccounts in that namespace (the built-in `edit` role can) inherits the binding. It is also a common typo (a wrong name or namespace binds nobody). The `default` ServiceAccount exists in every namespace and is not reported, nor is a subject whose ServiceAccount the run defines without a namespace (it lands where the manifests are applied); objects outside the run are unknown, hence only info.',
    fix: 'Add the ServiceAccount to the manifests, or correct the subject\'s name and namespace.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-view\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
      good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-view\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
    equivalents: { 'rbac-tool': 'viz missing-service-account' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      for (const entry of binding.subjects) {
        const s = entry.subject;
        if (s === undefined || s.kind !== 'ServiceAccount' || s.name === 'default') continue;
        if (analysis.definesServiceAccount(s.namespace ?? '', s.name)) continue;
        context.report({
          object,
          path: ['subjects', entry.index, 'name'],
          message: `${binding.kind} ${binding.name} names ServiceAccount ${s.namespace ?? ''}/${s.name}, which the run does not define: whoever creates a ServiceAccount of that name in namespace ${s.namespace ?? ''} gets this binding`,
        });
      }
    }
  },
});
