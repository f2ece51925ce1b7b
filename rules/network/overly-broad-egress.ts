import { analyzeRun } from '../../src/analysis/netpol';
import { overBroadEgress } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/overly-broad-egress',
    category: 'network',
    severity: 'warning',
    description: 'An egress rule allows every port and protocol to any address (ipBlock 0.0.0.0/0 or ::/0, or no to).',
    rationale:
      'Egress to any host on any port lets a compromised pod exfiltrate data, reach the cloud metadata endpoint (169.254.169.254) and scan internal networks. Restricting egress to the ports in use (e.g. TCP 443) keeps most of that out.',
    fix: 'List the ports the workload needs (and, where possible, the CIDRs), e.g. `ports: [{protocol: TCP, port: 443}]`.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels: {app: api}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: 0.0.0.0/0}\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector:\n    matchLabels: {app: api}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: 0.0.0.0/0}\n      ports:\n        - {protocol: TCP, port: 443}\n',
    },
  },
  check(run, context) {
    for (const f of overBroadEgress(analyzeRun(run))) context.report(f);
  },
});
