import { analyzeRun } from '../../src/analysis/netpol';
import { overBroadIngress } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/overly-broad-ingress',
    category: 'network',
    severity: 'warning',
    description: 'An ingress rule admits every namespace (namespaceSelector: {}), every address (0.0.0.0/0) or every source (no from) to workloads that no LoadBalancer/NodePort Service or Ingress exposes.',
    rationale:
      'Internal workloads (databases, caches, back ends) should be reachable only by the pods that use them. A rule open to the entire cluster or the internet undoes the isolation the policy creates. Workloads deliberately exposed through a LoadBalancer/NodePort Service or an Ingress are not reported. ipBlocks are read as cluster-external addresses (as np-guard/netpol-analyzer does): whether a plugin also matches pod IPs against them differs between Calico and Cilium.',
    fix: 'Replace the broad peer with the namespaces and pods that need access (namespaceSelector on kubernetes.io/metadata.name plus a podSelector).',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: redis\nspec:\n  podSelector:\n    matchLabels: {app: redis}\n  ingress:\n    - from:\n        - namespaceSelector: {}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: redis\n  labels: {app: redis}\nspec:\n  containers:\n    - {name: redis, image: redis:7}\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: redis\nspec:\n  podSelector:\n    matchLabels: {app: redis}\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels: {app: cart}\n      ports:\n        - {port: 6379}\n',
    },
    equivalents: { 'netpol-analyzer': '--exposure (entire-cluster, 0.0.0.0-255.255.255.255)' },
  },
  check(run, context) {
    for (const f of overBroadIngress(analyzeRun(run), run.objects)) context.report(f);
  },
});
