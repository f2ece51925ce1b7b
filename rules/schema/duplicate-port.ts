import { isInteger } from '../../src/data/k8s-validation';
import { defineObjectRule } from '../../src/engine/rule';
import { formatPath, isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';

interface PortEntry {
  path: FieldPath;
  hostPort: number;
  hostIP: string;
}

export default defineObjectRule({
  meta: {
    id: 'schema/duplicate-port',
    category: 'schema',
    severity: 'warning',
    description: 'Two container ports of a pod declare the same containerPort and protocol.',
    rationale: 'All containers of a pod share one network namespace, so two declarations of the same port and protocol describe one socket: at best one is redundant, at worst two containers try to bind the same port and one crash-loops. The API server accepts it with only a warning ("duplicate port definition").',
    fix: 'Remove the repeated declaration, or move one of the processes to another port.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      ports: [{containerPort: 8080}]\n    - name: proxy\n      image: envoyproxy/envoy:v1.31.0\n      ports: [{containerPort: 8080}]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      ports: [{containerPort: 8080}]\n    - name: proxy\n      image: envoyproxy/envoy:v1.31.0\n      ports: [{containerPort: 9901}]\n',
    },
  },
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const seen = new Map<string, PortEntry[]>();
    for (const view of containersOf(pod)) {
      const ports = view.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, i) => {
        if (!isRecord(port) || !isInteger(port.containerPort)) return;
        const protocol = port.protocol === undefined || port.protocol === null ? 'TCP' : port.protocol;
        if (typeof protocol !== 'string') return;
        const entry: PortEntry = {
          path: [...view.path, 'ports', i],
          hostPort: isInteger(port.hostPort) ? port.hostPort : 0,
          hostIP: typeof port.hostIP === 'string' ? port.hostIP : '',
        };
        const key = `${port.containerPort}/${protocol}`;
        const others = seen.get(key) ?? [];
        for (const other of others) {
          const same = other.hostPort === entry.hostPort && other.hostIP === entry.hostIP;
          if (same || other.hostPort === 0 || entry.hostPort === 0) {
            context.report({
              path: [...entry.path, 'containerPort'],
              message: `containerPort ${key} is already declared at ${formatPath(other.path)}; containers of a pod share one network namespace, so this ${same ? 'duplicates' : 'overlaps'} that declaration: remove one or use another port`,
            });
            break;
          }
        }
        others.push(entry);
        seen.set(key, others);
      });
    }
  },
});
