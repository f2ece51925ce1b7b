import { analysisOf, authoredBindings } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/role-outside-run',
    category: 'rbac',
    severity: 'info',
    description: 'A binding references a role that is not in the run: a built-in ClusterRole (whose bundled definition kubevet uses), or a role that may exist in the cluster.',
    rationale:
      'The permissions a binding grants are only as known as its role. For the built-in ClusterRoles (`admin`, `edit`, `view`, `cluster-admin`, `system:*`) kubevet uses the definitions bundled for the target Kubernetes version, including aggregation (`admin` ⊇ `edit` ⊇ `view`, plus any ClusterRole of the run labelled `aggregate-to-…`); note that these roles change between releases and can be extended in the cluster. A role that is neither in the run nor built in is unknown: the binding may grant anything or nothing. With `closedWorld: true` that case is reported by rbac/missing-role instead.',
    fix: 'Nothing to do for built-in roles; for other roles, add them to the run (or pass them with the other manifests) so their permissions are analysed.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-reader\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["web"]\n    verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-reader\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\n',
    },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      const status = analysis.policy.resolve(binding).status;
      const ref = `${binding.roleRef.kind} ${binding.roleRef.name}`;
      if (status === 'builtin') {
        context.report({ object, path: ['roleRef', 'name'], message: `${binding.kind} ${binding.name} references the built-in ${ref}; kubevet uses its Kubernetes ${context.settings.kubernetesVersion} definition (the cluster may extend it through aggregation)` });
      } else if (status === 'missing' && !context.settings.closedWorld) {
        const where = binding.roleRef.kind === 'Role' ? ` in namespace ${binding.namespace ?? ''}` : '';
        context.report({ object, path: ['roleRef', 'name'], message: `${binding.kind} ${binding.name} references ${ref}, which is not in the run${where} and is not built in: its permissions are unknown (if it does not exist in the cluster, the binding grants nothing)` });
      }
    }
  },
});
