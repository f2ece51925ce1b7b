import { analysisOf, authoredBindings, boundRoleName } from '../../src/analysis/rbac/findings';
import { ALL_UNAUTHENTICATED, ANONYMOUS_USER } from '../../src/analysis/rbac/subjects';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/public-binding',
    category: 'rbac',
    severity: 'error',
    description: 'A binding grants a role to the user `system:anonymous` or the group `system:unauthenticated`, that is, to requests without any credentials.',
    rationale:
      'Every request that reaches the API server without a token or certificate is authenticated as `system:anonymous` in group `system:unauthenticated` (anonymous auth is on by default). A binding to either gives the role to anyone on the network that can reach the API server. Kubernetes itself only binds `system:public-info-viewer` (health and version endpoints) to them.',
    fix: 'Bind the role to the identities that need it (a group of your identity provider, or a ServiceAccount) instead.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: public-view\nsubjects:\n  - kind: Group\n    name: system:unauthenticated\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ops-view\nsubjects:\n  - kind: Group\n    name: ops\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
    equivalents: { Trivy: 'KSV122', kubesec: 'BindingsToSystemAnonymous' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      const what = boundRoleName(analysis, binding);
      for (const entry of binding.subjects) {
        const s = entry.subject;
        if (s === undefined) continue;
        const anonymous = s.kind === 'User' && s.name === ANONYMOUS_USER;
        const unauthenticated = s.kind === 'Group' && s.name === ALL_UNAUTHENTICATED;
        if (!anonymous && !unauthenticated) continue;
        context.report({
          object,
          path: ['subjects', entry.index, 'name'],
          message: `${binding.kind} ${binding.name} grants ${what} to ${s.kind} ${s.name}: anyone who can reach the API server without credentials gets its permissions${binding.kind === 'RoleBinding' ? ` in namespace ${binding.namespace ?? ''}` : ''}`,
        });
      }
    }
  },
});
