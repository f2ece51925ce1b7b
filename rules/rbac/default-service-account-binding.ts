import { analysisOf, authoredBindings, boundRoleName } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/default-service-account-binding',
    category: 'rbac',
    severity: 'warning',
    description: 'A binding grants a role to a namespace\'s `default` ServiceAccount.',
    rationale:
      'Every pod that does not set `serviceAccountName` runs as `default`, so a role bound to it goes to every such pod of the namespace, today and in the future, including third-party charts that never asked for it. Give each workload that needs the API its own ServiceAccount instead.',
    fix: 'Create a ServiceAccount for the workload, set `serviceAccountName` in its pod template and bind the role to that ServiceAccount.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: pod-watcher\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
    equivalents: { checkov: 'CKV_K8S_42', 'CIS Kubernetes': '5.1.5' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      const what = boundRoleName(analysis, binding);
      for (const entry of binding.subjects) {
        const s = entry.subject;
        if (s === undefined || s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
        const where = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${binding.namespace ?? ''}`;
        context.report({ object, path: ['subjects', entry.index, 'name'], message: `${binding.kind} ${binding.name} grants ${what} ${where} to the default ServiceAccount of namespace ${s.namespace ?? ''}: every pod there without serviceAccountName gets it` });
      }
    }
  },
});
