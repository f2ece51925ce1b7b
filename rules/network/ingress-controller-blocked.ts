import { analyzeRun } from '../../src/analysis/netpol';
import { blockedIngressBackends } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/ingress-controller-blocked',
    category: 'network',
    severity: 'warning',
    description: 'An Ingress routes to pods whose ingress NetworkPolicies admit nothing from other namespaces on the backend port, so the ingress controller cannot reach them.',
    rationale:
      'The ingress controller runs in its own namespace (ingress-nginx, traefik, …) and connects to the backend pods directly on the Service\'s targetPort. If the policies selecting those pods only admit peers of their own namespace — or a different port, such as the Service port instead of the container port — the site returns 502/504 once the policy is applied.',
    fix: 'Add an ingress rule from the controller\'s namespace (namespaceSelector on kubernetes.io/metadata.name, optionally with the controller\'s podSelector) on the container port the Service targets.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - {port: 80, targetPort: 8080}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - {name: web, image: web:1.0}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n    - from:\n        - podSelector: {}\n      ports:\n        - {port: 8080}\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n    - {port: 80, targetPort: 8080}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - {name: web, image: web:1.0}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}\n      ports:\n        - {port: 8080}\n',
    },
    equivalents: { 'netpol-analyzer': 'BlockedIngressWarning' },
  },
  check(run, context) {
    for (const f of blockedIngressBackends(analyzeRun(run), run.objects)) context.report(f);
  },
});
