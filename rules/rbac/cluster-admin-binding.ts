import { analysisOf, authoredBindings, isClusterAdminRef } from '../../src/analysis/rbac/findings';
import { describeSubject, isSystemComponent, SYSTEM_MASTERS } from '../../src/analysis/rbac/subjects';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/cluster-admin-binding',
    category: 'rbac',
    severity: 'error',
    description: 'A binding grants `cluster-admin` to something other than a system component.',
    rationale:
      '`cluster-admin` allows every verb on every resource, including every future one. Through a ClusterRoleBinding that is the whole cluster; through a RoleBinding it is full control of the namespace, including its Namespace object, Roles and Secrets. A ServiceAccount bound to it makes every pod that runs as it, and everyone who can create pods in its namespace, a cluster administrator. Kubernetes binds it only to the group `system:masters` (whose members bypass RBAC anyway).',
    fix: 'Grant a role with only the permissions needed; for namespace administrators use the built-in `admin` role in a RoleBinding.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: deployer-admin\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: deployer-edit\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n',
    },
    equivalents: { Trivy: 'KSV111', 'kube-linter': 'cluster-admin-role-binding', Polaris: 'clusterrolebindingClusterAdmin, rolebindingClusterAdminClusterRole', 'rbac-police': 'cluster_admin' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const { binding, object } of authoredBindings(analysis)) {
      if (!isClusterAdminRef(analysis, binding)) continue;
      const subjects = binding.subjects.flatMap((s) => (s.subject === undefined || isSystemComponent(s.subject) ? [] : [s.subject]));
      if (subjects.length === 0) {
        const masters = binding.subjects.some((s) => s.subject?.kind === 'Group' && s.subject.name === SYSTEM_MASTERS);
        if (masters && binding.kind === 'ClusterRoleBinding' && binding.name !== 'cluster-admin') {
          context.report({ object, path: ['roleRef', 'name'], message: `${binding.kind} ${binding.name} binds cluster-admin to group system:masters, whose members bypass RBAC altogether: the binding has no effect` });
        }
        continue;
      }
      const who = subjects.map(describeSubject).join(', ');
      const scope = binding.kind === 'ClusterRoleBinding' ? 'the whole cluster' : `namespace ${binding.namespace ?? ''} (including its Namespace object, Roles and Secrets)`;
      context.report({ object, path: ['roleRef', 'name'], message: `${binding.kind} ${binding.name} makes ${who} administrator of ${scope}: cluster-admin allows every verb on every resource` });
    }
  },
});
