import { analyzeRun } from '../../src/analysis/netpol';
import { unprotectedExposedServices } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/exposed-service-unprotected',
    category: 'network',
    severity: 'warning',
    description: 'A LoadBalancer or NodePort Service sends traffic to pods that no NetworkPolicy selects for Ingress.',
    rationale:
      'These pods are reachable from outside the cluster, and without an ingress policy also on every other port they listen on and from every pod in the cluster. A policy that admits only the service port limits what an attacker can reach.',
    fix: 'Add a NetworkPolicy selecting the Service\'s pods that allows the service\'s target port (from the load balancer\'s source ranges or any address) and nothing else.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports:\n    - {port: 443, targetPort: 8443}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - {name: web, image: web:1.0}\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports:\n    - {port: 443, targetPort: 8443}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - {name: web, image: web:1.0}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n    - ports:\n        - {port: 8443}\n',
    },
    equivalents: { 'kube-linter': 'exposed-services (partly)' },
  },
  check(run, context) {
    for (const f of unprotectedExposedServices(analyzeRun(run), run.objects)) context.report(f);
  },
});
