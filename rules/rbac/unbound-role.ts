import { analysisOf, isBootstrapObject } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/unbound-role',
    category: 'rbac',
    severity: 'info',
    description: 'A Role or ClusterRole is referenced by no binding of the run and is not aggregated into another ClusterRole.',
    rationale:
      'A role nobody is bound to grants nothing, so its verbs are unused; it is either left over (and will be granted by accident the day someone binds it) or its binding lives elsewhere or was misspelt. A ClusterRole labelled to aggregate into another one counts as used. Bindings outside the run are unknown, hence info.',
    fix: 'Remove the role, or add (or correct) the binding that should reference it.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: leftover\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["web"]\n    verbs: ["get"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web-config\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["web"]\n    verbs: ["get"]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-config\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: web-config\n',
    },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const role of analysis.policy.roles) {
      const object = role.object;
      if (object === undefined || isBootstrapObject(object)) continue;
      if (analysis.policy.aggregatorsOf(role).length > 0 || analysis.isRoleBound(role)) continue;
      const where = role.kind === 'Role' ? ` in namespace ${role.namespace ?? ''}` : '';
      context.report({ object, path: ['metadata', 'name'], message: `no binding in the run references ${role.kind} ${role.name}${where}, so it grants nothing: remove it, or add the binding it was written for` });
    }
  },
});
