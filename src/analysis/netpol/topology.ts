/**
 * What the policies act on: workloads (by their pod template's labels and container ports)
 * and namespaces (by their labels). Pods owned by a controller are reported under the owner,
 * as netpol-analyzer does; a namespace named only by objects gets the one label Kubernetes
 * always sets, `kubernetes.io/metadata.name`.
 */
import { isRecord, podSpecOf, type KubeObject } from '../../model';
import { isProtocol, type Protocol } from './connections';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

export interface ContainerPort {
  name: string | undefined;
  port: number;
  protocol: Protocol;
}

export interface Workload {
  /** Position in the run's workload list. */
  index: number;
  namespace: string;
  name: string;
  /** Kind shown in output: the owner's kind for owned pods. */
  kind: string;
  /** `namespace/name[Kind]`. */
  display: string;
  labels: Readonly<Record<string, string>>;
  ports: readonly ContainerPort[];
  /** The object that defines the workload (the Pod itself for owned pods). */
  object: KubeObject;
  hostNetwork: boolean;
}

export interface NamespaceInfo {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** The Namespace object, when the run has one. */
  object: KubeObject | undefined;
}

export interface Topology {
  workloads: readonly Workload[];
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  /** Namespace objects defined more than once. */
  duplicateNamespaces: readonly KubeObject[];
}

export function isWorkloadObject(object: KubeObject): boolean {
  return WORKLOAD_KINDS.has(object.kind) && ['', 'apps', 'batch', 'extensions'].includes(object.group) && object.namespace !== null;
}

export function buildTopology(objects: readonly KubeObject[]): Topology {
  const workloads: Workload[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    if (!isWorkloadObject(object)) continue;
    const workload = workloadOf(object, workloads.length);
    if (workload === undefined || seen.has(workload.display)) continue;
    seen.add(workload.display);
    workloads.push(workload);
  }
  const namespaces = new Map<string, NamespaceInfo>();
  const duplicateNamespaces: KubeObject[] = [];
  for (const object of objects) {
    if (object.kind !== 'Namespace' || object.group !== '' || object.name === '') continue;
    if (namespaces.has(object.name)) {
      duplicateNamespaces.push(object);
      continue;
    }
    namespaces.set(object.name, { name: object.name, labels: { ...object.labels, [NAMESPACE_NAME_LABEL]: object.name }, object });
  }
  for (const object of objects) {
    if (object.namespace !== null) ensureNamespace(namespaces, object.namespace);
  }
  return { workloads, namespaces, duplicateNamespaces };
}

export function ensureNamespace(namespaces: Map<string, NamespaceInfo>, name: string): NamespaceInfo {
  let info = namespaces.get(name);
  if (info === undefined) {
    info = { name, labels: { [NAMESPACE_NAME_LABEL]: name }, object: undefined };
    namespaces.set(name, info);
  }
  return info;
}

function workloadOf(object: KubeObject, index: number): Workload | undefined {
  const pod = podSpecOf(object);
  if (pod === undefined || object.namespace === null) return undefined;
  const owner = object.kind === 'Pod' ? controllerOwner(object) : undefined;
  const name = owner?.name ?? object.name;
  const kind = owner?.kind ?? object.kind;
  const labels: Record<string, string> = {};
  if (isRecord(pod.metadata.labels)) {
    for (const [k, v] of Object.entries(pod.metadata.labels)) if (typeof v === 'string') labels[k] = v;
  }
  return {
    index,
    namespace: object.namespace,
    name,
    kind,
    display: `${object.namespace}/${name}[${kind}]`,
    labels,
    ports: containerPorts(pod.spec),
    object,
    hostNetwork: pod.spec.hostNetwork === true,
  };
}

/** The controlling owner of a Pod (ownerReferences with controller: true), ignoring Nodes. */
function controllerOwner(object: KubeObject): { kind: string; name: string } | undefined {
  const metadata = isRecord(object.raw.metadata) ? object.raw.metadata : {};
  const refs = Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
  for (const ref of refs) {
    if (!isRecord(ref) || ref.controller !== true) continue;
    if (typeof ref.name !== 'string' || ref.name === '' || ref.kind === 'Node') return undefined;
    // An owner reference without a kind is shown as a Pod (as netpol-analyzer does).
    return { kind: typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : 'Pod', name: ref.name };
  }
  return undefined;
}

/** Ports of the regular containers (init containers do not serve traffic). */
function containerPorts(spec: Record<string, unknown>): ContainerPort[] {
  const out: ContainerPort[] = [];
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  for (const container of containers) {
    if (!isRecord(container) || !Array.isArray(container.ports)) continue;
    for (const port of container.ports) {
      if (!isRecord(port) || typeof port.containerPort !== 'number') continue;
      const protocol = port.protocol ?? 'TCP';
      if (!isProtocol(protocol)) continue;
      out.push({ name: typeof port.name === 'string' ? port.name : undefined, port: port.containerPort, protocol });
    }
  }
  return out;
}

/** The container port a named port means on this workload, if the name and protocol match. */
export function resolveNamedPort(workload: { ports: readonly ContainerPort[] }, name: string, protocol: Protocol): number | undefined {
  const found = workload.ports.find((p) => p.name === name);
  return found !== undefined && found.protocol === protocol ? found.port : undefined;
}
