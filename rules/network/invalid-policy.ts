import { analyzeRun } from '../../src/analysis/netpol';
import { invalidPolicies } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/invalid-policy',
    category: 'network',
    severity: 'error',
    description: 'A NetworkPolicy that the API server rejects: ipBlock combined with selectors, except outside cidr, bad CIDRs, endPort with a named port or below port, empty peers, bad selectors, or a duplicate name.',
    rationale:
      'The API server refuses these policies (`kubectl apply` fails, or the second of two policies with one name silently replaces the first), so the isolation you wrote never exists. np-guard/netpol-analyzer refuses to analyse such inputs for the same reason. kubevet keeps going and treats the invalid part as matching nothing.',
    fix: 'Write ipBlock and selectors as separate peers, keep every `except` strictly inside its `cidr`, use a numeric `port` with `endPort` (and endPort >= port), remove empty `{}` peers (a rule without from/to already allows everything), and give each policy in a namespace its own name.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n          namespaceSelector: {}\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n        - namespaceSelector: {}\n',
    },
    equivalents: { 'netpol-analyzer': 'fatal errors (CIDR, rule NetworkPolicyPeer, named port, port range, NPWithSameName)' },
  },
  check(run, context) {
    for (const f of invalidPolicies(analyzeRun(run))) context.report(f);
  },
});
