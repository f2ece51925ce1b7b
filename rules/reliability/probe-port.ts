import { listAt, stringAt } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';
import { suggest } from '../../src/util/suggest';

const HANDLERS: readonly { path: readonly string[]; what: string }[] = [
  { path: ['readinessProbe'], what: 'readinessProbe' },
  { path: ['livenessProbe'], what: 'livenessProbe' },
  { path: ['startupProbe'], what: 'startupProbe' },
  { path: ['lifecycle', 'postStart'], what: 'postStart hook' },
  { path: ['lifecycle', 'preStop'], what: 'preStop hook' },
];

function at(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

export default defineObjectRule({
  meta: {
    id: 'reliability/probe-port',
    category: 'reliability',
    severity: 'warning',
    description: 'A probe or lifecycle hook uses a named port that its container does not declare.',
    rationale:
      'The kubelet resolves a named probe port (`port: http`) against the ports of the same container only. If that container has no port of that name the probe fails on every attempt: a liveness or startup probe restarts the container forever (CrashLoopBackOff) and a readiness probe keeps the pod out of service, though the application is fine. This happens when a port is renamed, or when the probe names a port of another container in the pod. Numeric probe ports need no declaration and are not checked.',
    fix: 'Use the name of a port declared in the same container (the message suggests the closest), declare the port there, or give the port number.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports: [{name: web, containerPort: 80}]\n      livenessProbe:\n        httpGet: {path: /healthz, port: http}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports: [{name: http, containerPort: 80}]\n      livenessProbe:\n        httpGet: {path: /healthz, port: http}\n',
    },
    equivalents: { 'kube-linter': 'liveness-port, readiness-port, startup-port' },
  },
  appliesTo: (object) => podSpecOf(object) !== undefined,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const view of containersOf(pod)) {
      const names = listAt(view.container, 'ports').map((p) => stringAt(p, 'name')).filter((n): n is string => n !== undefined);
      for (const handler of HANDLERS) {
        const spec = at(view.container, handler.path);
        if (!isRecord(spec)) continue;
        for (const action of ['httpGet', 'tcpSocket'] as const) {
          const port = isRecord(spec[action]) ? spec[action].port : undefined;
          if (typeof port !== 'string' || port === '' || /^\d+$/.test(port) || names.includes(port)) continue;
          const path: FieldPath = [...view.path, ...handler.path, action, 'port'];
          const near = suggest(port, names);
          const elsewhere = containersOf(pod).find((other) => other !== view && listAt(other.container, 'ports').some((p) => stringAt(p, 'name') === port));
          const hint = elsewhere !== undefined ? `; \`${port}\` belongs to container \`${elsewhere.name}\`, but probes only see their own container's ports` : near !== undefined ? `; did you mean \`${near}\`?` : names.length === 0 ? ' (it declares no named ports)' : ` (it declares ${names.map((n) => `\`${n}\``).join(', ')})`;
          const effect = handler.what === 'readinessProbe' ? 'the pod never becomes ready' : handler.what === 'livenessProbe' || handler.what === 'startupProbe' ? 'the kubelet restarts the container over and over' : 'the hook fails';
          context.report({ path, message: `${handler.what} ${action} port \`${port}\` is not a port of container \`${view.name}\`${hint}; the probe cannot connect, so ${effect}: name a port of this container or use the port number` });
        }
      }
    }
  },
});
