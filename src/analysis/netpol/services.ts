/**
 * Services and Ingresses as far as NetworkPolicy findings need them: which workloads a
 * Service sends traffic to (and on which container port), which Services are exposed outside
 * the cluster (LoadBalancer, NodePort, or routed by an Ingress).
 */
import { isRecord, type FieldPath, type KubeObject } from '../../model';
import { isProtocol, type Protocol } from './connections';
import { resolveNamedPort, type Workload } from './topology';

export interface ServicePort {
  port: number | undefined;
  name: string | undefined;
  /** targetPort: a number, a container port name, or undefined (= port). */
  targetPort: number | string | undefined;
  protocol: Protocol;
}

export interface ServiceModel {
  object: KubeObject;
  namespace: string;
  name: string;
  type: string;
  /** undefined: no selector (endpoints managed elsewhere). */
  selector: Readonly<Record<string, string>> | undefined;
  ports: readonly ServicePort[];
}

export interface IngressBackend {
  ingress: KubeObject;
  path: FieldPath;
  service: string;
  /** Service port by number or name; undefined when not given. */
  port: number | string | undefined;
}

export function isService(object: KubeObject): boolean {
  return object.kind === 'Service' && object.group === '' && object.namespace !== null;
}

export function parseService(object: KubeObject): ServiceModel {
  const spec = isRecord(object.raw.spec) ? object.raw.spec : {};
  const selector = isRecord(spec.selector) && Object.keys(spec.selector).length > 0 ? Object.fromEntries(Object.entries(spec.selector).map(([k, v]) => [k, String(v)])) : undefined;
  const ports = (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord).map((p): ServicePort => ({
    port: typeof p.port === 'number' ? p.port : undefined,
    name: typeof p.name === 'string' ? p.name : undefined,
    targetPort: typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : undefined,
    protocol: isProtocol(p.protocol) ? p.protocol : 'TCP',
  }));
  return { object, namespace: object.namespace ?? 'default', name: object.name, type: typeof spec.type === 'string' ? spec.type : 'ClusterIP', selector, ports };
}

/** The Services of a run, parsed once per object list, with a lookup by namespace and name. */
export interface ServiceIndex {
  all: readonly ServiceModel[];
  /** Services that have a selector (the others send traffic to no workload). */
  withSelector: readonly ServiceModel[];
  /** The first Service with a namespace and name (`find` semantics). */
  named(namespace: string, name: string, withSelectorOnly?: boolean): ServiceModel | undefined;
}

const serviceIndexes = new WeakMap<readonly KubeObject[], ServiceIndex>();

export function servicesOf(objects: readonly KubeObject[]): ServiceIndex {
  let index = serviceIndexes.get(objects);
  if (index === undefined) {
    const all = objects.filter(isService).map(parseService);
    const withSelector = all.filter((s) => s.selector !== undefined);
    const first = firstByName(all);
    const firstWithSelector = firstByName(withSelector);
    index = {
      all,
      withSelector,
      named: (namespace, name, withSelectorOnly = false) => (withSelectorOnly ? firstWithSelector : first).get(`${namespace}\u0000${name}`),
    };
    serviceIndexes.set(objects, index);
  }
  return index;
}

function firstByName(services: readonly ServiceModel[]): Map<string, ServiceModel> {
  const out = new Map<string, ServiceModel>();
  for (const s of services) {
    const key = `${s.namespace}\u0000${s.name}`;
    if (!out.has(key)) out.set(key, s);
  }
  return out;
}

/** Workloads by namespace, then by `key=value` of each pod label, in workload order. */
const labelIndexes = new WeakMap<readonly Workload[], Map<string, Map<string, Workload[]>>>();

function labelIndex(workloads: readonly Workload[]): Map<string, Map<string, Workload[]>> {
  let index = labelIndexes.get(workloads);
  if (index === undefined) {
    index = new Map();
    for (const w of workloads) {
      let byLabel = index.get(w.namespace);
      if (byLabel === undefined) {
        byLabel = new Map();
        index.set(w.namespace, byLabel);
      }
      for (const [k, v] of Object.entries(w.labels)) {
        const key = `${k}=${v}`;
        const list = byLabel.get(key);
        if (list === undefined) byLabel.set(key, [w]);
        else list.push(w);
      }
    }
    labelIndexes.set(workloads, index);
  }
  return index;
}

/**
 * Workloads whose pods a Service selects. Candidates come from the label index (one of the
 * selector's pairs), so the cost follows the matches, not the number of workloads.
 */
export function serviceWorkloads(service: ServiceModel, workloads: readonly Workload[]): Workload[] {
  const selector = service.selector;
  if (selector === undefined) return [];
  const entries = Object.entries(selector);
  const [key, value] = entries[0];
  const candidates = labelIndex(workloads).get(service.namespace)?.get(`${key}=${value}`) ?? [];
  return candidates.filter((w) => w.namespace === service.namespace && entries.every(([k, v]) => w.labels[k] === v));
}

/** The container port a Service port reaches on a workload (undefined when it cannot be resolved). */
export function targetContainerPort(port: ServicePort, workload: Workload): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (typeof target === 'string') return /^\d+$/.test(target) ? Number(target) : resolveNamedPort(workload, target, port.protocol);
  return undefined;
}

export function isExternallyExposedType(type: string): boolean {
  return type === 'LoadBalancer' || type === 'NodePort';
}

/** Every backend of an Ingress (networking.k8s.io/v1 and the old serviceName/servicePort form). */
export function ingressBackends(object: KubeObject): IngressBackend[] {
  const spec = isRecord(object.raw.spec) ? object.raw.spec : {};
  const out: IngressBackend[] = [];
  const add = (backend: unknown, path: FieldPath): void => {
    if (!isRecord(backend)) return;
    if (isRecord(backend.service) && typeof backend.service.name === 'string') {
      const port = isRecord(backend.service.port) ? (typeof backend.service.port.number === 'number' ? backend.service.port.number : typeof backend.service.port.name === 'string' ? backend.service.port.name : undefined) : undefined;
      out.push({ ingress: object, path, service: backend.service.name, port });
    } else if (typeof backend.serviceName === 'string') {
      const port = typeof backend.servicePort === 'number' || typeof backend.servicePort === 'string' ? backend.servicePort : undefined;
      out.push({ ingress: object, path, service: backend.serviceName, port });
    }
  };
  add(spec.defaultBackend ?? spec.backend, [spec.defaultBackend !== undefined ? 'defaultBackend' : 'backend']);
  (Array.isArray(spec.rules) ? spec.rules : []).forEach((rule, i) => {
    if (!isRecord(rule) || !isRecord(rule.http) || !Array.isArray(rule.http.paths)) return;
    rule.http.paths.forEach((p, j) => {
      if (isRecord(p)) add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
    });
  });
  return out.map((b) => (b.path[0] === 'defaultBackend' || b.path[0] === 'backend' ? { ...b, path: ['spec', ...b.path] } : b));
}

export function isIngress(object: KubeObject): boolean {
  return object.kind === 'Ingress' && (object.group === 'networking.k8s.io' || object.group === 'extensions') && object.namespace !== null;
}

/** Workloads reachable from outside the cluster: behind a LoadBalancer/NodePort Service or an Ingress. */
export function externallyExposedWorkloads(objects: readonly KubeObject[], workloads: readonly Workload[]): Set<Workload> {
  const services = servicesOf(objects);
  const exposed = new Set<Workload>();
  for (const s of services.all) if (isExternallyExposedType(s.type)) for (const w of serviceWorkloads(s, workloads)) exposed.add(w);
  for (const ingress of objects.filter(isIngress)) {
    for (const backend of ingressBackends(ingress)) {
      const service = services.named(ingress.namespace ?? '', backend.service);
      if (service !== undefined) for (const w of serviceWorkloads(service, workloads)) exposed.add(w);
    }
  }
  return exposed;
}
