import { analysisOf, authoredBindings, boundRoleName } from '../../src/analysis/rbac/findings';
import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS } from '../../src/analysis/rbac/subjects';
import { defineRunRule } from '../../src/engine/rule';

/** Built-in roles Kubernetes itself binds to these groups: binding them again adds nothing. */
const DEFAULT_PUBLIC_ROLES = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:service-account-issuer-discovery']);

function audience(group: string): string | undefined {
  if (group === ALL_AUTHENTICATED) return 'every authenticated identity (every user and every ServiceAccount of every namespace; on some managed clusters any account of the cloud provider)';
  if (group === ALL_SERVICE_ACCOUNTS) return 'every ServiceAccount of every namespace, so every pod that mounts a token';
  if (group.startsWith(`${ALL_SERVICE_ACCOUNTS}:`)) return `every ServiceAccount of namespace ${group.slice(ALL_SERVICE_ACCOUNTS.length + 1)}, so every pod there that mounts a token`;
  return undefined;
}

export default defineRunRule({
  meta: {
    id: 'rbac/authenticated-binding',
    category: 'rbac',
    severity: 'warning',
    description: 'A binding grants a role to `system:authenticated`, `system:serviceaccounts` or `system:serviceaccounts:<namespace>`, groups that every identity or every ServiceAccount belongs to implicitly.',
    rationale:
      'These groups are added by the authenticator, not by anyone\'s choice: `system:authenticated` holds every user and ServiceAccount (on GKE, any Google account), `system:serviceaccounts` every ServiceAccount token, so every pod that mounts one. A role bound to them is held by every workload, including the least trusted, and is easy to miss because no individual subject is named.',
    fix: 'Bind the role to the ServiceAccounts or groups that need it.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: all-view\nsubjects:\n  - kind: Group\n    name: system:serviceaccounts\n    apiGroup: rbac.authorization.k8s.io\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: dashboard-view\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: dashboard\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n',
    },
    equivalents: { Trivy: 'KSV01011', 'CIS GKE': '4.1.10' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      if (DEFAULT_PUBLIC_ROLES.has(binding.roleRef.name)) continue;
      const what = boundRoleName(analysis, binding);
      for (const entry of binding.subjects) {
        const s = entry.subject;
        if (s === undefined || s.kind !== 'Group') continue;
        const who = audience(s.name);
        if (who === undefined) continue;
        const where = binding.kind === 'RoleBinding' ? ` in namespace ${binding.namespace ?? ''}` : ' cluster-wide';
        context.report({ object, path: ['subjects', entry.index, 'name'], message: `${binding.kind} ${binding.name} grants ${what}${where} to group ${s.name}: that is ${who}` });
      }
    }
  },
});
