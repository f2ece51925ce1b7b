import { analyzeRun } from '../../src/analysis/netpol';
import { missingDefaultDeny } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/missing-default-deny-egress',
    category: 'network',
    severity: 'info',
    enabledByDefault: false,
    description: 'A namespace with workloads has no default-deny egress NetworkPolicy (podSelector: {} with policyTypes [Egress]).',
    rationale:
      'Without egress isolation a compromised pod can reach every other pod, the cloud metadata endpoint and the internet. Egress default deny also needs explicit DNS allowances, which is more work than most teams take on, so the rule is opt-in.',
    fix: 'Add a `podSelector: {}` policy with `policyTypes: [Egress]` and allow DNS (UDP and TCP 53 to kube-dns in kube-system) plus the destinations each workload needs.',
    examples: {
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-egress\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: kube-system}\n          podSelector:\n            matchLabels: {k8s-app: kube-dns}\n      ports:\n        - {protocol: UDP, port: 53}\n        - {protocol: TCP, port: 53}\n',
    },
  },
  check(run, context) {
    for (const f of missingDefaultDeny(analyzeRun(run), 'egress')) context.report(f);
  },
});
