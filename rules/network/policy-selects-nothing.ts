import { analyzeRun } from '../../src/analysis/netpol';
import { policiesSelectingNothing } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/policy-selects-nothing',
    category: 'network',
    severity: 'warning',
    description: 'A NetworkPolicy whose podSelector matches no workload in its namespace.',
    rationale:
      'A policy that selects no pod has no effect — typically a typo in a label, or labels that changed on the workload. It is only reported when the run contains workloads of that namespace (or with closedWorld: true), since pods defined elsewhere are unknown.',
    fix: 'Correct the podSelector so it matches the pod template labels of the workload you meant, or delete the policy.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: wbe}\n  policyTypes: [Ingress]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - {name: web, image: web:1.0}\n',
    },
    equivalents: { 'network-config-analyzer': 'emptiness / vacuity', 'kube-linter': 'dangling-networkpolicy', 'kube-score': 'networkpolicy-targets-pod' },
  },
  check(run, context) {
    for (const f of policiesSelectingNothing(analyzeRun(run), context.settings.closedWorld)) context.report(f);
  },
});
