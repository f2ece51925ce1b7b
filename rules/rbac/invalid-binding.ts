import { analysisOf } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/invalid-binding',
    category: 'rbac',
    severity: 'error',
    description: 'A binding the API server rejects or that can never apply: a ClusterRoleBinding referencing a Role, a wrong roleRef kind or apiGroup, a ServiceAccount subject without namespace in a ClusterRoleBinding, a subject with a wrong kind or apiGroup.',
    rationale:
      'The API server validates bindings: a ClusterRoleBinding can only reference a ClusterRole; `roleRef.apiGroup` must be rbac.authorization.k8s.io; a ServiceAccount subject takes no apiGroup and, in a ClusterRoleBinding, needs a namespace; User and Group subjects need apiGroup rbac.authorization.k8s.io (the default when omitted). Such a binding fails to apply, and tools that accept it anyway (checkov treats a namespace-less ServiceAccount in a ClusterRoleBinding as a match) report permissions nobody gets.',
    fix: 'Correct the field named in the message.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: read-secrets\nsubjects:\n  - kind: ServiceAccount\n    name: reader\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: read-secrets\nsubjects:\n  - kind: ServiceAccount\n    name: reader\n    namespace: tools\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const binding of analysis.policy.bindings) {
      const object = binding.object;
      if (object === undefined) continue;
      const resolution = analysis.policy.resolve(binding);
      if (resolution.status === 'invalid') {
        const field = binding.roleRef.kind === 'Role' && binding.kind === 'ClusterRoleBinding' ? 'kind' : binding.roleRef.apiGroup !== 'rbac.authorization.k8s.io' ? 'apiGroup' : binding.roleRef.name === '' ? 'name' : 'kind';
        const at = object.get(['roleRef']) === undefined ? [] : ['roleRef', field];
        context.report({ object, path: at, message: `${binding.kind} ${binding.name}: ${resolution.reason}; the API server rejects the binding` });
      }
      for (const entry of binding.subjects) {
        if (entry.problem !== undefined) context.report({ object, path: entry.problem.path, message: `${binding.kind} ${binding.name}: ${entry.problem.message}` });
      }
    }
  },
});
