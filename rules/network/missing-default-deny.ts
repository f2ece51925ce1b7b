import { analyzeRun } from '../../src/analysis/netpol';
import { missingDefaultDeny } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/missing-default-deny',
    category: 'network',
    severity: 'info',
    description: 'A namespace with workloads has no default-deny ingress NetworkPolicy (podSelector: {} with policyTypes [Ingress]).',
    rationale:
      'Pods are open to every source until a policy selects them for Ingress. A namespace-wide default deny makes every pod — including ones added later — closed unless a policy opens it. Most small setups have no policies at all, so this is an info, not a warning: it is hardening advice, reported once per namespace rather than once per workload.',
    fix: 'Add `kind: NetworkPolicy` with `spec: {podSelector: {}, policyTypes: [Ingress]}` to the namespace, then one policy per workload that opens exactly the traffic it needs.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: web:1.0\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
    },
    equivalents: { 'kube-linter': 'non-isolated-pod (per namespace)', Polaris: 'missingNetworkPolicy (per namespace)', 'kube-score': 'pod-networkpolicy (per namespace)' },
  },
  check(run, context) {
    for (const f of missingDefaultDeny(analyzeRun(run), 'ingress')) context.report(f);
  },
});
