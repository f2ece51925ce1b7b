import { analyzeRun } from '../../src/analysis/netpol';
import { unprotectedWorkloads } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/unprotected-workload',
    category: 'network',
    severity: 'warning',
    description: 'In a namespace that uses ingress NetworkPolicies, some workloads are selected by none of them (one finding per namespace).',
    rationale:
      'A pod that no policy selects for Ingress accepts connections from every pod and address. When a namespace has no policies at all, network/missing-default-deny says so once (as info); this rule fires only where policies exist but leave workloads out — usually a label that drifted or a workload added after the policies were written — which is why it is a warning. Pods with hostNetwork: true are modelled like any other pod (as np-guard/netpol-analyzer does), although most network plugins do not apply policies to them.',
    fix: 'Give the workload a policy (or extend a policy\'s podSelector to it), or add a namespace-wide default deny.',
    equivalents: { 'netpol-analyzer': 'Workloads not protected by network policies', 'kube-linter': 'non-isolated-pod', Polaris: 'missingNetworkPolicy', 'kube-score': 'pod-networkpolicy', popeye: 'POP-1204' },
  },
  check(run, context) {
    for (const f of unprotectedWorkloads(analyzeRun(run))) context.report(f);
  },
});
