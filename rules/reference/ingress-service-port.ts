import { canonicalGroup, findTarget, ingressBackends, SERVICE } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

interface ServicePort {
  name: string | undefined;
  port: number | undefined;
}

function servicePorts(value: unknown): ServicePort[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter(isRecord).map((p) => ({
    name: typeof p.name === 'string' && p.name !== '' ? p.name : undefined,
    port: typeof p.port === 'number' && Number.isInteger(p.port) ? p.port : undefined,
  }));
}

function describePorts(ports: readonly ServicePort[]): string {
  return ports.map((p) => (p.name === undefined ? String(p.port) : `${p.port} (\`${p.name}\`)`)).join(', ');
}

export default defineObjectRule({
  meta: {
    id: 'reference/ingress-service-port',
    category: 'reference',
    severity: 'warning',
    description: 'An Ingress backend names a port (by number or name) that its Service, defined in the run, does not have.',
    rationale:
      'An Ingress backend port refers to the Service port (`spec.ports[].port` or its name), not to the container port. A backend with `number: 8080` when the Service exposes 80 → 8080, or a port name the Service does not define, leaves the ingress controller without an upstream, and requests get 503 errors although the Service and pods are healthy. Only checked when the Service is in the run; a missing Service is reported by `reference/dangling-reference` or `reference/unresolved-reference`.',
    fix: 'Use the Service\'s `port` number or port `name` (the message lists them), not the targetPort or containerPort.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 8080}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {name: http}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n',
    },
    equivalents: { 'kube-linter': 'dangling-ingress' },
  },
  appliesTo: (object) => object.kind === 'Ingress' && canonicalGroup(object.group, object.kind) === 'networking.k8s.io',
  check(object, context) {
    for (const backend of ingressBackends(object)) {
      if (backend.port === undefined) continue;
      const services = findTarget(context.run, context.settings, { from: object, target: SERVICE, name: backend.service });
      if (services.length === 0) continue;
      const all = services.map((s) => servicePorts(s.get(['spec', 'ports'])));
      if (all.some((ports) => ports === undefined)) continue;
      const ports = all.flatMap((p) => p ?? []);
      const wanted = backend.port;
      const ok = typeof wanted === 'number' ? ports.some((p) => p.port === wanted) : /^\d+$/.test(wanted) ? ports.some((p) => p.port === Number(wanted)) : ports.some((p) => p.name === wanted);
      if (ok) continue;
      const byTarget = typeof wanted === 'number' ? services.flatMap((s) => (Array.isArray(s.get(['spec', 'ports'])) ? (s.get(['spec', 'ports']) as unknown[]) : [])).find((p) => isRecord(p) && p.targetPort === wanted) : undefined;
      const hint = isRecord(byTarget) ? `; ${wanted} is the targetPort of Service port ${String(byTarget.port)}, but the backend must name the Service port` : '';
      context.report({
        path: backend.portPath,
        message: `Service \`${backend.service}\` has no port ${typeof wanted === 'number' ? wanted : `\`${wanted}\``} (it exposes ${describePorts(ports)})${hint}; the ingress controller finds no upstream and answers 503: use one of the Service's ports`,
      });
    }
  },
});
