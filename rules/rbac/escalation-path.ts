import { analysisOf, pathsOf, RBAC_RULE_OPTIONS, type RbacRuleOptions } from '../../src/analysis/rbac/findings';
import { chainOf, describePath } from '../../src/analysis/rbac/paths';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule<RbacRuleOptions>({
  meta: {
    id: 'rbac/escalation-path',
    category: 'rbac',
    severity: 'error',
    description: 'A subject can become a more powerful ServiceAccount: it can run a pod as it, mint or forge its token, impersonate it or exec into a pod that carries its token.',
    rationale:
      'Permissions in Kubernetes are transitive in practice: whoever can create a pod (or a Deployment, Job, CronJob…) in a namespace can run it as any ServiceAccount of that namespace and read its token, and `serviceaccounts/token`, Secret creation, impersonation and exec lead to the same place. A small grant next to a powerful ServiceAccount is therefore a large grant. The finding shows the shortest chain to the most powerful identity reachable, with the binding behind each step and what the subject gains; it is reported at the binding that allows the first step.',
    fix: 'Move the powerful ServiceAccount to a namespace where the subject cannot create workloads, or remove the permission that allows the first step; for pod creation, also consider an admission policy that restricts `serviceAccountName`.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: builder-jobs\n  namespace: billing\nsubjects:\n  - kind: ServiceAccount\n    name: builder\n    namespace: build\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ops-secrets\nsubjects:\n  - kind: ServiceAccount\n    name: ops\n    namespace: billing\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: secret-reader\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: builder-view\n  namespace: billing\nsubjects:\n  - kind: ServiceAccount\n    name: builder\n    namespace: build\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ops-secrets\nsubjects:\n  - kind: ServiceAccount\n    name: ops\n    namespace: billing\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: secret-reader\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list"]\n',
    },
    options: RBAC_RULE_OPTIONS,
    equivalents: { KubeHound: 'POD_CREATE, TOKEN_STEAL, IDENTITY_IMPERSONATE', 'rbac-police': 'assign_sa, token_request, issue_token_secrets' },
  },
  check(_run, context) {
    for (const path of pathsOf(analysisOf(context))) {
      const object = path.steps[0].binding.object;
      if (object === undefined) continue;
      // The chain, step by step, ending at the binding that makes the reached identity powerful.
      const flow = chainOf(path).flatMap((step, i) => {
        const binding = path.steps[i].binding.object;
        return binding === undefined ? [] : [{ object: binding, path: ['roleRef'], message: `${step.action} through ${step.binding} (${step.role}): ${step.consequence}` }];
      });
      const top = path.gains[0]?.hit.rules[0];
      if (top?.binding.object !== undefined) {
        flow.push({ object: top.binding.object, path: ['roleRef'], message: `the identity reached is bound here, which gives it: ${path.gains[0].hit.pattern.title}` });
      }
      context.report({ object, path: ['roleRef'], message: describePath(path), flow });
    }
  },
});
