import { declaredPorts, protocolOf, serviceBackends } from '../../src/analysis/references';
import { isInteger } from '../../src/data/k8s-validation';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

export default defineObjectRule({
  meta: {
    id: 'reference/service-port-undeclared',
    category: 'reference',
    severity: 'info',
    description: 'A Service sends traffic to a port number that none of the selected containers declares, although they declare other ports.',
    rationale:
      'Container `ports` are informational: traffic reaches any port the process listens on, so an undeclared numeric targetPort can be correct. But when the selected containers do declare their ports and the Service targets a different number (`targetPort: 8080` while the container declares 80, or a targetPort left out so it defaults to `port`), the Service usually points at a port nothing listens on. Not reported when the containers declare no ports at all (nothing to compare with), when the Service selects no workload in the run, or when it also matches a custom resource.',
    fix: 'Point targetPort at the declared containerPort (better: at its name), or declare the port the process really listens on.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: example/web:1.0, ports: [{containerPort: 8080}]}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: example/web:1.0, ports: [{containerPort: 8080}]}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.kind === 'Service' && object.group === '',
  check(object, context) {
    const backends = serviceBackends(object, context.run, context.settings);
    if (backends === undefined) return;
    const { ports, workloads } = backends;
    const declared = workloads.flatMap((w) => declaredPorts(w)).filter((p) => p.number !== undefined);
    if (declared.length === 0) return;
    ports.forEach((port, i) => {
      if (!isRecord(port)) return;
      const explicit = isInteger(port.targetPort) && port.targetPort !== 0;
      const target = explicit ? port.targetPort : port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 ? port.port : undefined;
      if (!isInteger(target)) return;
      const protocol = protocolOf(port);
      if (declared.some((p) => p.number === target && p.protocol === protocol)) return;
      const numbers = [...new Set(declared.filter((p) => p.protocol === protocol).map((p) => p.number))];
      const which = explicit ? `targetPort ${target}` : `targetPort (not set, so it defaults to port ${target})`;
      context.report({
        path: explicit ? ['spec', 'ports', i, 'targetPort'] : ['spec', 'ports', i, 'port'],
        message: `${which} is not declared by the selected containers, which declare ${numbers.length === 0 ? `no ${protocol} ports` : numbers.slice(0, 6).join(', ')} (${protocol}); if nothing listens on ${target}, connections through this Service port fail: target the declared port (by name, ideally) or declare port ${target}`,
      });
    });
  },
});
