import { analysisOf, authoredBindings } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/missing-role',
    category: 'rbac',
    severity: 'warning',
    description: 'With `closedWorld: true`, a binding references a Role or ClusterRole that is neither in the run nor a built-in ClusterRole.',
    rationale:
      'A binding to a role that does not exist grants nothing today, and whoever later creates a role of that name decides what the subjects get (for a RoleBinding, anyone allowed to create Roles in the namespace). Usually the roleRef has a typo, names a Role in another namespace, or points at a Role where a ClusterRole was meant. Only reported when the configuration says the run is complete (`closedWorld: true`); otherwise rbac/role-outside-run notes it.',
    fix: 'Correct the roleRef (kind, name; a RoleBinding only finds Roles of its own namespace), or add the role to the manifests. For example, a RoleBinding in namespace shop with `roleRef: {kind: Role, name: pod-reader}` is reported when no Role shop/pod-reader is in the run.',
    examples: {
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: reader\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
    equivalents: { krane: 'undefined-role-subjects' },
  },
  check(_run, context) {
    if (!context.settings.closedWorld) return;
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      if (analysis.policy.resolve(binding).status !== 'missing') continue;
      const where = binding.roleRef.kind === 'Role' ? ` in namespace ${binding.namespace ?? ''}` : '';
      context.report({
        object,
        path: ['roleRef', 'name'],
        message: `${binding.kind} ${binding.name} references ${binding.roleRef.kind} ${binding.roleRef.name}, which is not defined${where} in the run and is not a built-in role: the binding grants nothing, and whoever creates that ${binding.roleRef.kind} decides what its subjects get`,
      });
    }
  },
});
