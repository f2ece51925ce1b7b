import { analysisOf, isBootstrapObject } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/binding-without-subjects',
    category: 'rbac',
    severity: 'warning',
    description: 'A RoleBinding or ClusterRoleBinding has no subjects, so it grants nothing.',
    rationale:
      'A binding without subjects is accepted by the API server and does nothing. It usually comes from a template whose subject list rendered empty (an unset Helm value, a conditional that was false), so the identity that was meant to get the role silently does not.',
    fix: 'Add the intended subjects, or remove the binding.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-view\n  namespace: shop\nsubjects: []\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: web-view\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: web\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
  },
  check(_run, context) {
    for (const binding of analysisOf(context).policy.bindings) {
      const object = binding.object;
      if (object === undefined || isBootstrapObject(object) || binding.subjects.length > 0) continue;
      const present = object.raw.subjects !== undefined && object.raw.subjects !== null;
      context.report({ object, path: present ? ['subjects'] : [], message: `${binding.kind} ${binding.name} has no subjects, so it grants ${binding.roleRef.kind} ${binding.roleRef.name} to nobody: add the subjects it was meant for` });
    }
  },
});
