import { analysisOf, RBAC_RULE_OPTIONS, type RbacRuleOptions } from '../../src/analysis/rbac/findings';
import { describeBinding, describeRole } from '../../src/analysis/rbac/parse';
import { presentableHits, TIER_RANK } from '../../src/analysis/rbac/risks';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule<RbacRuleOptions>({
  meta: {
    id: 'rbac/powerful-workload',
    category: 'rbac',
    severity: 'warning',
    description: 'A workload mounts the token of a ServiceAccount that holds critical or high-risk permissions.',
    rationale:
      'The ServiceAccount token sits in every container of the pod (`/var/run/secrets/kubernetes.io/serviceaccount/token`). Whoever gets code execution in one of those containers, through an application bug, a compromised image or `kubectl exec`, holds the ServiceAccount\'s permissions. For a DaemonSet the token is on every node, so compromising any node yields it. The message names the permissions and the bindings that give them (bindings to the ServiceAccount and to its implicit groups `system:serviceaccounts[:<namespace>]` and `system:authenticated`).',
    fix: 'Trim the ServiceAccount\'s roles to what the workload uses; if the application never calls the API, set `automountServiceAccountToken: false` in the pod template.',
    examples: {
      bad: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: deployer\n  namespace: ci\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: deployer-edit\n  namespace: ci\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: deployer\n  namespace: ci\nspec:\n  selector:\n    matchLabels: {app: deployer}\n  template:\n    metadata:\n      labels: {app: deployer}\n    spec:\n      serviceAccountName: deployer\n      containers:\n        - name: app\n          image: ghcr.io/acme/deployer:1.0\n',
      good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: deployer\n  namespace: ci\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: deployer-view\n  namespace: ci\nsubjects:\n  - kind: ServiceAccount\n    name: deployer\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: deployer\n  namespace: ci\nspec:\n  selector:\n    matchLabels: {app: deployer}\n  template:\n    metadata:\n      labels: {app: deployer}\n    spec:\n      serviceAccountName: deployer\n      containers:\n        - name: app\n          image: ghcr.io/acme/deployer:1.0\n',
    },
    options: RBAC_RULE_OPTIONS,
    equivalents: { KubiScan: 'risky pods', 'rbac-police': 'serviceAccounts[].nodes' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const workload of analysis.workloads) {
      if (workload.token === 'none') continue;
      const risks = presentableHits(analysis.serviceAccountRisks(workload.namespace, workload.serviceAccount).map((r) => r.hit)).filter((h) => TIER_RANK[h.tier] <= TIER_RANK.high);
      if (risks.length === 0) continue;
      const groups = new Map<string, string[]>();
      for (const r of analysis.serviceAccountRisks(workload.namespace, workload.serviceAccount)) {
        if (!risks.includes(r.hit)) continue;
        const via = r.hit.rules[0];
        const key = `${r.namespace === null ? 'cluster-wide' : `in namespace ${r.namespace}`}${via === undefined ? '' : ` (${describeBinding(via.binding)} → ${describeRole(via.role)})`}`;
        const list = groups.get(key);
        const title = r.hit.pattern.title.replace(/ \(.*\)$/, '');
        if (list === undefined) groups.set(key, [title]);
        else list.push(title);
      }
      const listed = [...groups].slice(0, 3).map(([where, titles]) => `${titles.slice(0, 4).join(', ')}${titles.length > 4 ? ` and ${titles.length - 4} more` : ''} ${where}`);
      const more = groups.size > 3 ? `; and more through ${groups.size - 3} other bindings` : '';
      const daemon = workload.object.kind === 'DaemonSet' ? ' The token is on every node this DaemonSet runs on, so any node compromise yields it.' : '';
      const token = workload.token === 'projected' ? 'a projected token' : 'the automounted token';
      context.report({
        object: workload.object,
        path: workload.serviceAccountPath,
        message: `${workload.object.kind} ${workload.object.name} carries ${token} of ServiceAccount ${workload.namespace}/${workload.serviceAccount}, which can ${listed.join('; ')}${more}: code execution in any of its containers gets these permissions.${daemon}`,
      });
    }
  },
});
