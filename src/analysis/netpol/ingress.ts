/**
 * Connections from the ingress controller, as netpol-analyzer infers them: every Ingress
 * (networking.k8s.io) or OpenShift Route backend Service selects workloads, its target port is
 * looked up among their container ports, and the policies of each workload decide what the
 * controller — an unknown pod in its own namespace, with no labels — may use of it. Only TCP.
 */
import { isRecord, type KubeObject } from '../../model';
import { ConnSet } from './connections';
import type { ReachabilityModel } from './model';
import { portsConn } from './model';
import { selects } from './selectors';
import { ingressBackends, isIngress, serviceWorkloads, servicesOf, type ServiceModel } from './services';
import { NAMESPACE_NAME_LABEL, resolveNamedPort, type Workload } from './topology';

export const INGRESS_CONTROLLER = '{ingress-controller}';
const CONTROLLER_NAMESPACE = 'ingress-controller-ns';

interface Backend {
  namespace: string;
  service: string;
  port: number | string | undefined;
}

function isRoute(object: KubeObject): boolean {
  return object.kind === 'Route' && object.group === 'route.openshift.io' && object.namespace !== null;
}

function routeBackends(object: KubeObject): Backend[] {
  const spec = isRecord(object.raw.spec) ? object.raw.spec : {};
  const port = isRecord(spec.port) && (typeof spec.port.targetPort === 'number' || typeof spec.port.targetPort === 'string') ? spec.port.targetPort : undefined;
  const targets = [spec.to, ...(Array.isArray(spec.alternateBackends) ? spec.alternateBackends : [])];
  return targets.filter((t): t is Record<string, unknown> => isRecord(t) && typeof t.name === 'string' && (t.kind === undefined || t.kind === 'Service')).map((t) => ({ namespace: object.namespace ?? 'default', service: String(t.name), port }));
}

/** Container ports a backend reaches: the Service port's targetPort (all ports when none is named). */
function accessPorts(service: ServiceModel, required: number | string | undefined): (number | string)[] {
  const out: (number | string)[] = [];
  for (const p of service.ports) {
    const access = p.targetPort ?? p.port;
    if (access === undefined) continue;
    if (required === undefined) out.push(access);
    else if ((p.name !== undefined && p.name === required) || p.port === required || p.targetPort === required) return [access];
  }
  return out;
}

/** What the Ingress/Route objects would send to each workload (before policies). */
export function ingressTargets(objects: readonly KubeObject[], workloads: readonly Workload[]): Map<Workload, ConnSet> {
  const services = servicesOf(objects);
  const backends: Backend[] = [
    ...objects.filter(isIngress).flatMap((o) => ingressBackends(o).map((b) => ({ namespace: o.namespace ?? 'default', service: b.service, port: b.port }))),
    ...objects.filter(isRoute).flatMap(routeBackends),
  ];
  const out = new Map<Workload, ConnSet>();
  for (const backend of backends) {
    const service = services.named(backend.namespace, backend.service, true);
    if (service === undefined) continue;
    for (const w of serviceWorkloads(service, workloads)) {
      let conn = out.get(w) ?? ConnSet.NONE;
      for (const access of accessPorts(service, backend.port)) {
        const port = typeof access === 'number' ? access : /^\d+$/.test(access) ? Number(access) : resolveNamedPort(w, access, 'TCP');
        // netpol-analyzer counts every declared container port as a TCP port here.
        if (port !== undefined && w.ports.some((p) => p.port === port)) conn = conn.union(ConnSet.ports('TCP', port, port));
      }
      out.set(w, conn);
    }
  }
  return out;
}

/** What a workload's ingress policies allow from the ingress controller. */
export function ingressFromController(model: ReachabilityModel, w: Workload): ConnSet {
  const cls = model.classOfWorkload(w);
  if (cls.ingressPolicies.length === 0) return ConnSet.ALL;
  const nsLabels = { [NAMESPACE_NAME_LABEL]: CONTROLLER_NAMESPACE };
  let out = ConnSet.NONE;
  for (const ref of cls.ingressRules) {
    const peers = ref.rule.peers;
    const matches =
      peers === null ||
      peers.some((p) => p.kind === 'pods' && (p.namespaceSelector === null ? ref.policy.namespace === CONTROLLER_NAMESPACE : selects(p.namespaceSelector, nsLabels)) && (p.podSelector === null || selects(p.podSelector, {})));
    if (matches) out = out.union(portsConn(ref.rule, w, false));
  }
  return out;
}

/** Allowed connections from the ingress controller to each workload an Ingress or Route targets. */
export function ingressControllerConns(model: ReachabilityModel, objects: readonly KubeObject[]): Map<Workload, ConnSet> {
  const out = new Map<Workload, ConnSet>();
  for (const [w, wanted] of ingressTargets(objects, model.topology.workloads)) {
    const conn = wanted.intersect(ingressFromController(model, w));
    if (!conn.isEmpty()) out.set(w, conn);
  }
  return out;
}
