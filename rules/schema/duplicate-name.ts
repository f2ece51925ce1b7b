import { isInteger, portNameProblem } from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { formatPath, isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf, type ContainerView } from '../../src/model/workload';

/** Reports every later occurrence of a key already seen, pointing back at the first. */
class Seen {
  private readonly first = new Map<string, FieldPath>();

  /** The path of the first occurrence, or undefined (and the key is recorded). */
  check(key: string, path: FieldPath): FieldPath | undefined {
    const previous = this.first.get(key);
    if (previous === undefined) this.first.set(key, path);
    return previous;
  }
}

function protocolOf(port: Record<string, unknown>): string | undefined {
  if (port.protocol === undefined || port.protocol === null) return 'TCP';
  return typeof port.protocol === 'string' ? port.protocol : undefined;
}

function checkContainerNames(context: RuleContext, views: readonly ContainerView[]): void {
  const names = new Seen();
  for (const view of views) {
    const name = view.container.name;
    if (typeof name !== 'string' || name === '') continue;
    const first = names.check(name, [...view.path, 'name']);
    if (first !== undefined) {
      context.report({ path: [...view.path, 'name'], message: `container name \`${name}\` is already used at ${formatPath(first)}; names must be unique across init, regular and ephemeral containers, so the API server rejects the pod: rename one of them` });
    }
  }
}

function checkPerContainer(context: RuleContext, view: ContainerView): void {
  const ports = view.container.ports;
  if (Array.isArray(ports)) {
    const names = new Seen();
    ports.forEach((port, i) => {
      // Only valid names are compared, as in the API server.
      if (!isRecord(port) || typeof port.name !== 'string' || port.name === '' || portNameProblem(port.name) !== undefined) return;
      const first = names.check(port.name, [...view.path, 'ports', i, 'name']);
      if (first !== undefined) {
        context.report({ path: [...view.path, 'ports', i, 'name'], message: `port name \`${port.name}\` is already used at ${formatPath(first)} in container \`${view.name}\`; the API server rejects duplicate port names: rename one` });
      }
    });
  }
  const mounts = view.container.volumeMounts;
  if (Array.isArray(mounts)) {
    const paths = new Seen();
    mounts.forEach((mount, i) => {
      if (!isRecord(mount) || typeof mount.mountPath !== 'string' || mount.mountPath === '') return;
      const first = paths.check(mount.mountPath, [...view.path, 'volumeMounts', i, 'mountPath']);
      if (first !== undefined) {
        context.report({ path: [...view.path, 'volumeMounts', i, 'mountPath'], message: `mountPath \`${mount.mountPath}\` is already mounted at ${formatPath(first)} in container \`${view.name}\`; mount paths must be unique, so the API server rejects it: mount the second volume elsewhere` });
      }
    });
  }
}

/** hostPort clashes: across all regular containers, and within each init container (they run one at a time). */
function checkHostPorts(context: RuleContext, views: readonly ContainerView[]): void {
  const regular = new Seen();
  for (const view of views) {
    if (view.list === 'ephemeralContainers') continue;
    const seen = view.list === 'initContainers' ? new Seen() : regular;
    const ports = view.container.ports;
    if (!Array.isArray(ports)) continue;
    ports.forEach((port, i) => {
      if (!isRecord(port) || !isInteger(port.hostPort) || port.hostPort === 0) return;
      const protocol = protocolOf(port);
      if (protocol === undefined) return;
      const hostIP = typeof port.hostIP === 'string' ? port.hostIP : '';
      const first = seen.check(`${protocol}/${hostIP}/${port.hostPort}`, [...view.path, 'ports', i, 'hostPort']);
      if (first !== undefined) {
        context.report({ path: [...view.path, 'ports', i, 'hostPort'], message: `hostPort ${port.hostPort}/${protocol}${hostIP === '' ? '' : ` on ${hostIP}`} is already claimed at ${formatPath(first)}; one node port cannot be bound twice, so the API server rejects the pod: use another hostPort` });
      }
    });
  }
}

function checkVolumes(context: RuleContext, volumes: unknown, path: FieldPath): void {
  if (!Array.isArray(volumes)) return;
  const names = new Seen();
  volumes.forEach((volume, i) => {
    if (!isRecord(volume) || typeof volume.name !== 'string' || volume.name === '') return;
    const first = names.check(volume.name, [...path, i, 'name']);
    if (first !== undefined) {
      context.report({ path: [...path, i, 'name'], message: `volume name \`${volume.name}\` is already used at ${formatPath(first)}; the API server rejects duplicate volume names: rename one (and its volumeMounts)` });
    }
  });
}

function checkService(object: KubeObject, context: RuleContext): void {
  const ports = object.get(['spec', 'ports']);
  if (!Array.isArray(ports)) return;
  const names = new Seen();
  const numbers = new Seen();
  const nodePorts = new Seen();
  ports.forEach((port, i) => {
    if (!isRecord(port)) return;
    const at = ['spec', 'ports', i];
    if (typeof port.name === 'string' && port.name !== '') {
      const first = names.check(port.name, [...at, 'name']);
      if (first !== undefined) context.report({ path: [...at, 'name'], message: `Service port name \`${port.name}\` is already used at ${formatPath(first)}; the API server rejects duplicate port names: rename one` });
    } else if ((port.name === undefined || port.name === null || port.name === '') && ports.length > 1) {
      context.report({ path: at, message: 'this Service has several ports, so each needs a name (Endpoints and EndpointSlices refer to ports by name); the API server rejects an unnamed one: add `name:`, e.g. `http`' });
    }
    const protocol = protocolOf(port);
    if (protocol === undefined) return;
    if (isInteger(port.port)) {
      const first = numbers.check(`${protocol}/${port.port}`, [...at, 'port']);
      if (first !== undefined) context.report({ path: [...at, 'port'], message: `port ${port.port}/${protocol} is already exposed at ${formatPath(first)}; the API server rejects duplicate Service ports: remove one or change its port` });
    }
    if (isInteger(port.nodePort) && port.nodePort !== 0) {
      const first = nodePorts.check(`${protocol}/${port.nodePort}`, [...at, 'nodePort']);
      if (first !== undefined) context.report({ path: [...at, 'nodePort'], message: `nodePort ${port.nodePort}/${protocol} is already used at ${formatPath(first)}; the API server rejects duplicate node ports: pick another or omit it` });
    }
  });
}

export default defineObjectRule({
  meta: {
    id: 'schema/duplicate-name',
    category: 'schema',
    severity: 'error',
    description: 'Two containers, volumes, container ports, Service ports, mount paths or host ports share a name or number that the API server requires to be unique.',
    rationale: 'The API server rejects pods whose container names repeat across init, regular and ephemeral containers, duplicate volume names, duplicate port names within a container, two mounts on one path, or the same hostPort twice, and Services with repeated port names, numbers or nodePorts or with several ports of which one is unnamed. Copy-pasted blocks make these easy to produce and the schema cannot see them.',
    fix: 'Rename or remove the duplicate; give every port of a multi-port Service a name.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - {name: app, image: nginx:1.27}\n    - {name: app, image: busybox:1.36}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - {name: app, image: nginx:1.27}\n    - {name: sidecar, image: busybox:1.36}\n',
    },
  },
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod !== undefined) {
      const views = containersOf(pod);
      checkContainerNames(context, views);
      checkVolumes(context, pod.spec.volumes, [...pod.path, 'volumes']);
      for (const view of views) checkPerContainer(context, view);
      checkHostPorts(context, views);
    }
    if (object.kind === 'Service' && object.group === '') checkService(object, context);
  },
});
