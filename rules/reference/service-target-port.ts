import { declaredPorts, protocolOf, serviceBackends } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

export default defineObjectRule({
  meta: {
    id: 'reference/service-target-port',
    category: 'reference',
    severity: 'warning',
    description: 'A Service `targetPort` names a container port that none of the pods it selects declares.',
    rationale:
      'A named targetPort is looked up in each selected pod\'s container ports, by name and protocol. A pod without a port of that name gets no endpoint for it, so when no selected pod declares the name the Service port has no endpoints at all and connections fail, while the Service and the pods look healthy. Renaming a container port (`http` to `web`) without updating the Service, or a protocol mismatch (a UDP Service port naming a TCP container port), causes it. Only checked when the Service selects workloads in the run, and not when it also matches a custom resource (operator-created pods may declare the port).',
    fix: 'Use the name of a port the selected containers declare (the message lists them), or declare the port with that name and protocol in the container.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27, ports: [{name: web, containerPort: 8080}]}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: web}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27, ports: [{name: web, containerPort: 8080}]}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.kind === 'Service' && object.group === '',
  check(object, context) {
    const backends = serviceBackends(object, context.run, context.settings);
    if (backends === undefined) return;
    const { ports, workloads } = backends;
    const declared = workloads.flatMap((w) => declaredPorts(w));
    ports.forEach((port, i) => {
      if (!isRecord(port) || typeof port.targetPort !== 'string' || port.targetPort === '' || /^\d+$/.test(port.targetPort)) return;
      const name = port.targetPort;
      const protocol = protocolOf(port);
      if (declared.some((p) => p.name === name && p.protocol === protocol)) return;
      const sameName = declared.find((p) => p.name === name);
      const names = [...new Set(declared.map((p) => p.name).filter((n): n is string => n !== undefined))];
      const why = sameName !== undefined ? `the selected pods declare \`${name}\` only for ${sameName.protocol}, not ${protocol}` : names.length === 0 ? 'the selected pods declare no named ports' : `the selected pods declare ${names.slice(0, 6).map((n) => `\`${n}\``).join(', ')}`;
      const who = workloads.length === 1 ? `${workloads[0].kind} \`${workloads[0].name}\`` : `${workloads.length} selected workloads`;
      context.report({
        path: ['spec', 'ports', i, 'targetPort'],
        message: `targetPort \`${name}\` (${protocol}) is not a container port of ${who}: ${why}, so this Service port gets no endpoints and connections to it fail: name one of the declared ports, or add a \`${name}\` port to the container`,
      });
    });
  },
});
