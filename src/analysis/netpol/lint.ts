/**
 * The checks behind the `network/*` rules, as pure functions over the analysis. They judge
 * only what the run can see: a peer or policy "matches nothing" only when every namespace it
 * can reach has workloads in the run (or the run is declared closed-world), so pods defined
 * elsewhere (other charts, other repositories) never produce false findings.
 */
import type { FieldPath, KubeObject } from '../../model';
import { ConnSet } from './connections';
import type { NetpolAnalysis } from './index';
import type { Direction, PeerModel, PodPeer, PolicyModel, PortModel, RuleModel } from './policy';
import { selectorImplies, selects, type PolicySelector } from './selectors';
import { externallyExposedWorkloads, ingressBackends, isExternallyExposedType, isIngress, serviceWorkloads, servicesOf, targetContainerPort } from './services';
import { NAMESPACE_NAME_LABEL, resolveNamedPort, type Workload } from './topology';
import { groupBy } from './util';

export interface LintFinding {
  object: KubeObject;
  path: FieldPath;
  message: string;
}

const MAX_LISTED = 5;

/** `a, b, c and 4 more` */
export function listNames(names: readonly string[]): string {
  if (names.length <= MAX_LISTED) return names.join(', ');
  return `${names.slice(0, MAX_LISTED).join(', ')} and ${names.length - MAX_LISTED} more`;
}

export function ruleLabel(rule: RuleModel): string {
  return `${rule.direction} rule #${rule.index + 1}`;
}

const workloadGroups = new WeakMap<NetpolAnalysis, Map<string, Workload[]>>();

/** Workloads grouped by namespace, in workload order (computed once per analysis). */
function workloadsByNamespace(analysis: NetpolAnalysis): Map<string, Workload[]> {
  let groups = workloadGroups.get(analysis);
  if (groups === undefined) {
    groups = groupBy(analysis.topology.workloads, (w) => w.namespace);
    workloadGroups.set(analysis, groups);
  }
  return groups;
}

const policyGroups = new WeakMap<NetpolAnalysis, Map<string, PolicyModel[]>>();

/** Policies grouped by namespace, in input order (computed once per analysis). */
function policiesByNamespace(analysis: NetpolAnalysis): Map<string, PolicyModel[]> {
  let groups = policyGroups.get(analysis);
  if (groups === undefined) {
    groups = groupBy(analysis.policies, (p) => p.namespace);
    policyGroups.set(analysis, groups);
  }
  return groups;
}

/** Everything the API server would reject, plus duplicate names. */
export function invalidPolicies(analysis: NetpolAnalysis): LintFinding[] {
  const out: LintFinding[] = [];
  const first = new Map<string, PolicyModel>();
  for (const policy of analysis.policies) {
    for (const problem of policy.problems) out.push({ object: policy.object, path: problem.path, message: `NetworkPolicy ${policy.key} is invalid: ${problem.message}` });
    const earlier = first.get(policy.key);
    if (earlier === undefined) first.set(policy.key, policy);
    else {
      const at = earlier.object.range(['metadata', 'name']);
      out.push({ object: policy.object, path: ['metadata', 'name'], message: `NetworkPolicy ${policy.key} is defined twice (first at ${earlier.object.file}:${at.line}); the second apply replaces the first, so one of them never takes effect — rename one` });
    }
  }
  return out;
}

function anchorFor(analysis: NetpolAnalysis, namespace: string, workloads: readonly Workload[]): { object: KubeObject; path: FieldPath } {
  const ns = analysis.topology.namespaces.get(namespace)?.object;
  if (ns !== undefined) return { object: ns, path: ['metadata', 'name'] };
  return { object: workloads[0].object, path: ['metadata', 'namespace'] };
}

/** Namespaces with workloads but no policy that selects all their pods for the direction. */
export function missingDefaultDeny(analysis: NetpolAnalysis, direction: Direction): LintFinding[] {
  const out: LintFinding[] = [];
  for (const [namespace, workloads] of workloadsByNamespace(analysis)) {
    const covered = (policiesByNamespace(analysis).get(namespace) ?? []).some((p) => p.podSelector.empty && (direction === 'ingress' ? p.affectsIngress : p.affectsEgress));
    if (covered) continue;
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    out.push({
      ...anchorFor(analysis, namespace, workloads),
      message: `namespace ${namespace} has ${workloads.length} workload${workloads.length === 1 ? '' : 's'} but no default-deny ${type} NetworkPolicy (podSelector: {} with policyTypes [${type}]): any pod added later is open to ${direction === 'ingress' ? 'every source' : 'every destination'}`,
    });
  }
  return out;
}

/** Per namespace that uses ingress policies: the workloads none of them selects. */
export function unprotectedWorkloads(analysis: NetpolAnalysis): LintFinding[] {
  const out: LintFinding[] = [];
  const model = analysis.model;
  for (const [namespace, workloads] of workloadsByNamespace(analysis)) {
    const policies = (policiesByNamespace(analysis).get(namespace) ?? []).filter((p) => p.affectsIngress);
    if (policies.length === 0) continue;
    const open = workloads.filter((w) => model.classOfWorkload(w).ingressPolicies.length === 0);
    if (open.length === 0) continue;
    out.push({
      object: open[0].object,
      path: ['metadata', 'name'],
      message: `no NetworkPolicy selects ${open.length === 1 ? 'workload' : `${open.length} workloads`} ${listNames(open.map((w) => w.display))} for Ingress, although namespace ${namespace} uses ingress policies (${listNames(policies.map((p) => p.name))}): ${open.length === 1 ? 'it accepts' : 'they accept'} connections from every pod and address`,
    });
  }
  return out;
}

const populatedCache = new WeakMap<NetpolAnalysis, Set<string>>();

/** True when every pod the run cannot see is ruled out: the namespace's workloads are in the run. */
function namespaceKnown(analysis: NetpolAnalysis, namespace: string, closedWorld: boolean): boolean {
  if (closedWorld) return true;
  let populated = populatedCache.get(analysis);
  if (populated === undefined) {
    populated = new Set(analysis.topology.workloads.map((w) => w.namespace));
    populatedCache.set(analysis, populated);
  }
  return populated.has(namespace);
}

/** Policies whose podSelector matches no workload (judged where the namespace is visible). */
export function policiesSelectingNothing(analysis: NetpolAnalysis, closedWorld: boolean): LintFinding[] {
  const out: LintFinding[] = [];
  // Per namespace, not per policy: a namespace can hold thousands of workloads and policies.
  const workloadsText = new Map<string, string>();
  for (const policy of analysis.policies) {
    if (policy.podSelector.selector.matchesNothing) continue;
    if ((analysis.model.selected.get(policy) ?? []).length > 0 || !namespaceKnown(analysis, policy.namespace, closedWorld)) continue;
    let workloads = workloadsText.get(policy.namespace);
    if (workloads === undefined) {
      const names = (workloadsByNamespace(analysis).get(policy.namespace) ?? []).map((w) => w.name);
      workloads = names.length === 0 ? 'workloads in the run' : `workloads in namespace ${policy.namespace} (${listNames(names)})`;
      workloadsText.set(policy.namespace, workloads);
    }
    out.push({
      object: policy.object,
      path: ['spec', 'podSelector'],
      message: `NetworkPolicy ${policy.key} selects no workload: podSelector {${policy.podSelector.display}} matches none of the ${workloads}, so the policy has no effect — check the labels`,
    });
  }
  return out;
}

/** Namespace names a selector pins with kubernetes.io/metadata.name (undefined: not pinned). */
function pinnedNamespaces(selector: PolicySelector): string[] | undefined {
  const req = selector.selector.requirements.find((r) => r.key === NAMESPACE_NAME_LABEL && r.operator === 'In');
  return req === undefined ? undefined : [...req.values];
}

function peerProvablyEmpty(analysis: NetpolAnalysis, policy: PolicyModel, peer: PodPeer, closedWorld: boolean): boolean {
  if (analysis.model.peerWorkloads(peer, policy).length > 0) return false;
  if (closedWorld) return true;
  if (peer.namespaceSelector === null) return namespaceKnown(analysis, policy.namespace, false);
  const pinned = pinnedNamespaces(peer.namespaceSelector);
  return pinned !== undefined && pinned.every((ns) => namespaceKnown(analysis, ns, false));
}

function peerText(peer: PodPeer): string {
  const ns = peer.namespaceSelector === null ? '' : `namespaceSelector {${peer.namespaceSelector.display}}`;
  const pod = peer.podSelector === null ? '' : `podSelector {${peer.podSelector.display}}`;
  return [ns, pod].filter((s) => s !== '').join(' + ');
}

/** Rules (or single peers) that can match no pod. */
export function deadRules(analysis: NetpolAnalysis, closedWorld: boolean): LintFinding[] {
  const out: LintFinding[] = [];
  for (const policy of analysis.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      if (rule.peers === null || rule.peers.length === 0) continue;
      const dead = rule.peers.filter((p): p is PodPeer => p.kind === 'pods' && peerProvablyEmpty(analysis, policy, p, closedWorld));
      if (dead.length === 0) continue;
      const what = rule.direction === 'ingress' ? 'allows traffic from nothing' : 'allows traffic to nothing';
      if (dead.length === rule.peers.length) {
        out.push({ object: policy.object, path: rule.path, message: `${ruleLabel(rule)} of NetworkPolicy ${policy.key} ${what}: ${dead.length === 1 ? `its peer (${peerText(dead[0])}) matches` : 'none of its peers matches'} no workload in the run — check the labels` });
      } else {
        for (const peer of dead) out.push({ object: policy.object, path: peer.path, message: `this peer of ${ruleLabel(rule)} (${peerText(peer)}) of NetworkPolicy ${policy.key} matches no workload in the run — check the labels` });
      }
    }
  }
  return out;
}

/** Rule r' covers rule r when it applies wherever r does and allows at least what r allows. */
export interface Redundancy {
  policy: PolicyModel;
  rule: RuleModel;
  coveringPolicy: PolicyModel;
  coveringRule: RuleModel;
}

/** Above this many policies in a namespace, only empty and identical podSelectors are compared (linear time). */
const FULL_COMPARISON_LIMIT = 100;

export function redundantRules(analysis: NetpolAnalysis): Redundancy[] {
  const out: Redundancy[] = [];
  const labelsOf = (ns: string): Readonly<Record<string, string>> => analysis.topology.namespaces.get(ns)?.labels ?? { [NAMESPACE_NAME_LABEL]: ns };
  const valid = analysis.policies.filter((p) => p.problems.length === 0);
  const byNamespace = groupBy(valid, (p) => p.namespace);
  const bySelector = groupBy(valid, (p) => `${p.namespace}\u0000${p.podSelector.canonical}`);
  for (const policy of analysis.policies) {
    if (policy.problems.length > 0) continue;
    const local = byNamespace.get(policy.namespace) ?? [];
    const candidates =
      local.length <= FULL_COMPARISON_LIMIT
        ? local.filter((p) => p === policy || selectorImplies(policy.podSelector, p.podSelector))
        : [...new Set([policy, ...(bySelector.get(`${policy.namespace}\u0000`) ?? []), ...(bySelector.get(`${policy.namespace}\u0000${policy.podSelector.canonical}`) ?? [])])];
    const nsLabels = labelsOf(policy.namespace);
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const other of candidates) {
        const rules = rule.direction === 'ingress' ? other.ingress : other.egress;
        const cover = rules.find((r) => r !== rule && ruleCovers(r, rule, nsLabels) && !(ruleCovers(rule, r, nsLabels) && comesLater(other, r, policy, rule, analysis.policies)));
        if (cover !== undefined) {
          out.push({ policy, rule, coveringPolicy: other, coveringRule: cover });
          break;
        }
      }
    }
  }
  return out;
}

const policyPositions = new WeakMap<readonly PolicyModel[], Map<PolicyModel, number>>();

/** For two equivalent rules, only the later one is reported. */
function comesLater(pa: PolicyModel, ra: RuleModel, pb: PolicyModel, rb: RuleModel, all: readonly PolicyModel[]): boolean {
  let positions = policyPositions.get(all);
  if (positions === undefined) {
    positions = new Map();
    // indexOf semantics: the first position of a policy.
    for (let i = all.length - 1; i >= 0; i--) positions.set(all[i], i);
    policyPositions.set(all, positions);
  }
  const ia = positions.get(pa) ?? -1;
  const ib = positions.get(pb) ?? -1;
  return ia > ib || (ia === ib && ra.index > rb.index);
}

function ruleCovers(big: RuleModel, small: RuleModel, nsLabels: Readonly<Record<string, string>>): boolean {
  return peersCover(big.peers, small.peers, nsLabels) && portsCover(big.ports, small.ports);
}

function peersCover(big: readonly PeerModel[] | null, small: readonly PeerModel[] | null, nsLabels: Readonly<Record<string, string>>): boolean {
  if (big === null) return true;
  if (small === null) return false;
  return small.every((s) => big.some((b) => peerCovers(b, s, nsLabels)));
}

function peerCovers(big: PeerModel, small: PeerModel, nsLabels: Readonly<Record<string, string>>): boolean {
  if (big.kind === 'ipBlock' || small.kind === 'ipBlock') return big.kind === 'ipBlock' && small.kind === 'ipBlock' && small.set.isSubsetOf(big.set);
  const nsOk =
    big.namespaceSelector === null
      ? small.namespaceSelector === null
      : big.namespaceSelector.empty || (small.namespaceSelector === null ? selects(big.namespaceSelector, nsLabels) : selectorImplies(small.namespaceSelector, big.namespaceSelector));
  if (!nsOk) return false;
  if (big.podSelector === null || big.podSelector.empty) return true;
  return small.podSelector !== null && selectorImplies(small.podSelector, big.podSelector);
}

function portsCover(big: readonly PortModel[] | null, small: readonly PortModel[] | null): boolean {
  if (big === null) return true;
  if (small === null) return false;
  const numeric = numericConn(big);
  return small.every((p) => {
    if (typeof p.port === 'string') return big.some((b) => b.protocol === p.protocol && (b.port === p.port || b.port === undefined));
    return numericConn([p]).isSubsetOf(numeric);
  });
}

function numericConn(ports: readonly PortModel[]): ConnSet {
  let out = ConnSet.NONE;
  for (const p of ports) {
    if (p.port === undefined) out = out.union(ConnSet.ports(p.protocol));
    else if (typeof p.port === 'number') out = out.union(ConnSet.ports(p.protocol, p.port, p.endPort ?? p.port));
  }
  return out;
}

function isEntireCluster(peer: PodPeer): boolean {
  return peer.namespaceSelector !== null && peer.namespaceSelector.empty && (peer.podSelector === null || peer.podSelector.empty);
}

function isAnyAddress(peer: PeerModel): boolean {
  return peer.kind === 'ipBlock' && /\/0$/.test(peer.cidr.trim());
}

/** Ingress rules open to every namespace or every address, on workloads not exposed on purpose. */
export function overBroadIngress(analysis: NetpolAnalysis, objects: readonly KubeObject[]): LintFinding[] {
  const out: LintFinding[] = [];
  const exposed = externallyExposedWorkloads(objects, analysis.topology.workloads);
  for (const policy of analysis.policies) {
    const targets = analysis.model.selected.get(policy) ?? [];
    const internal = targets.filter((w) => !exposed.has(w));
    if (internal.length === 0) continue;
    for (const rule of policy.ingress) {
      const broad = rule.peers === null ? { path: rule.path, what: 'every source (the rule has no from), including the internet' } : broadPeer(rule.peers);
      if (broad === undefined) continue;
      out.push({
        object: policy.object,
        path: broad.path,
        message: `${ruleLabel(rule)} of NetworkPolicy ${policy.key} admits ${broad.what}${rule.ports === null ? ' on every port' : ''} to ${listNames(internal.map((w) => w.display))}, which no LoadBalancer/NodePort Service or Ingress exposes — narrow it to the namespaces and pods that need access`,
      });
    }
  }
  return out;
}

function broadPeer(peers: readonly PeerModel[]): { path: FieldPath; what: string } | undefined {
  for (const peer of peers) {
    if (peer.kind === 'pods' && isEntireCluster(peer)) return { path: peer.path, what: 'every pod in every namespace' };
    if (isAnyAddress(peer)) return { path: peer.path, what: `any address (${(peer as { cidr: string }).cidr})` };
  }
  return undefined;
}

/** Egress rules to any address on every port. */
export function overBroadEgress(analysis: NetpolAnalysis): LintFinding[] {
  const out: LintFinding[] = [];
  for (const policy of analysis.policies) {
    for (const rule of policy.egress) {
      if (rule.ports !== null) continue;
      const any = rule.peers === null ? { path: rule.path, what: 'every destination (the rule has no to)' } : rule.peers.filter(isAnyAddress).map((p) => ({ path: p.path, what: `any address (${(p as { cidr: string }).cidr})` }))[0];
      if (any === undefined) continue;
      out.push({ object: policy.object, path: any.path, message: `${ruleLabel(rule)} of NetworkPolicy ${policy.key} allows egress to ${any.what} on every port and protocol: a compromised pod can reach any host — list the ports (and if possible the CIDRs) it needs` });
    }
  }
  return out;
}

/** Named ports no relevant pod defines (with that protocol), and names used towards ipBlocks. */
export function unresolvedNamedPorts(analysis: NetpolAnalysis): LintFinding[] {
  const out: LintFinding[] = [];
  for (const policy of analysis.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      (rule.ports ?? []).forEach((port, i) => {
        if (typeof port.port !== 'string') return;
        const path = [...rule.path, 'ports', i, 'port'];
        const name = port.port;
        if (rule.direction === 'egress' && rule.peers !== null && rule.peers.length > 0 && rule.peers.every((p) => p.kind === 'ipBlock')) {
          out.push({ object: policy.object, path, message: `named port "${name}" in ${ruleLabel(rule)} of NetworkPolicy ${policy.key} can never match: the rule's peers are ipBlocks, and external addresses have no container port names — give the port number` });
          return;
        }
        const candidates = rule.direction === 'ingress' ? (analysis.model.selected.get(policy) ?? []) : rule.peers === null ? [] : rule.peers.flatMap((p) => analysis.model.peerWorkloads(p, policy));
        if (candidates.length === 0 || candidates.some((w) => resolveNamedPort(w, name, port.protocol) !== undefined)) return;
        const otherProtocol = candidates.flatMap((w) => w.ports.filter((p) => p.name === name)).map((p) => p.protocol)[0];
        const role = rule.direction === 'ingress' ? 'pods this policy selects' : 'destination pods of this rule';
        const hint = otherProtocol === undefined ? '' : ` (it is defined with protocol ${otherProtocol}, not ${port.protocol})`;
        out.push({ object: policy.object, path, message: `named port "${name}"/${port.protocol} in ${ruleLabel(rule)} of NetworkPolicy ${policy.key} matches no container port of the ${role} (${listNames([...new Set(candidates.map((w) => w.display))])})${hint}, so the entry allows nothing` });
      });
    }
  }
  return out;
}

/** Ingress backends whose pods' ingress policies admit nothing from other namespaces on the backend port. */
export function blockedIngressBackends(analysis: NetpolAnalysis, objects: readonly KubeObject[]): LintFinding[] {
  const out: LintFinding[] = [];
  const services = servicesOf(objects);
  const model = analysis.model;
  for (const ingress of objects.filter(isIngress)) {
    for (const backend of ingressBackends(ingress)) {
      const service = services.named(ingress.namespace ?? '', backend.service);
      if (service === undefined) continue;
      const servicePort = backend.port === undefined ? service.ports[0] : service.ports.find((p) => (typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port));
      const blocked: string[] = [];
      for (const w of serviceWorkloads(service, analysis.topology.workloads)) {
        const cls = model.classOfWorkload(w);
        if (cls.ingressPolicies.length === 0) continue;
        const port = servicePort === undefined ? undefined : targetContainerPort(servicePort, w);
        const protocol = servicePort?.protocol ?? 'TCP';
        const admitted = cls.ingressRules.some((ref) => {
          const fromOutside = ref.rule.peers === null || ref.rule.peers.some((p) => p.kind === 'pods' && p.namespaceSelector !== null);
          if (!fromOutside) return false;
          const conn = model.ruleConn(ref, cls);
          return port === undefined ? !conn.isEmpty() : conn.allows(protocol, port);
        });
        if (!admitted) blocked.push(`${w.display}${port === undefined ? '' : ` (${protocol} ${port})`}`);
      }
      if (blocked.length > 0) {
        out.push({
          object: ingress,
          path: backend.path,
          message: `Ingress ${ingress.namespace}/${ingress.name} routes to Service ${service.name}, but the NetworkPolicies selecting ${listNames(blocked)} admit no traffic from other namespaces on that port, so the ingress controller (in its own namespace) is blocked — allow it, e.g. from namespaceSelector {kubernetes.io/metadata.name: ingress-nginx}`,
        });
      }
    }
  }
  return out;
}

/** LoadBalancer/NodePort Services whose pods no ingress policy selects. */
export function unprotectedExposedServices(analysis: NetpolAnalysis, objects: readonly KubeObject[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const service of servicesOf(objects).all) {
    if (!isExternallyExposedType(service.type)) continue;
    const open = serviceWorkloads(service, analysis.topology.workloads).filter((w) => analysis.model.classOfWorkload(w).ingressPolicies.length === 0);
    if (open.length === 0) continue;
    out.push({
      object: service.object,
      path: ['spec', 'type'],
      message: `Service ${service.namespace}/${service.name} (type ${service.type}) exposes ${listNames(open.map((w) => w.display))} outside the cluster, and no NetworkPolicy selects ${open.length === 1 ? 'it' : 'them'} for Ingress: every pod and address can reach every port — add a policy that admits only the service port`,
    });
  }
  return out;
}

/** A peer already covered by another peer of the same rule (often an AND written as an OR). */
export interface PeerRedundancy {
  policy: PolicyModel;
  rule: RuleModel;
  peer: number;
  coveringPeer: number;
}

export function redundantPeers(analysis: NetpolAnalysis): PeerRedundancy[] {
  const out: PeerRedundancy[] = [];
  for (const policy of analysis.policies) {
    if (policy.problems.length > 0) continue;
    const nsLabels = analysis.topology.namespaces.get(policy.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: policy.namespace };
    for (const rule of [...policy.ingress, ...policy.egress]) {
      const peers = rule.peers ?? [];
      peers.forEach((peer, i) => {
        const j = peers.findIndex((other, k) => k !== i && peerCovers(other, peer, nsLabels) && !(peerCovers(peer, other, nsLabels) && k > i));
        if (j >= 0) out.push({ policy, rule, peer: i, coveringPeer: j });
      });
    }
  }
  return out;
}

/**
 * Closed-world redundancy (network-config-analyzer's definition): a rule is redundant when,
 * for every workload its policy selects and every peer in the run (workloads and external
 * address pieces), the policy's other rules of that direction already allow what it allows.
 * `covering` lists the other rules that overlap it.
 */
export interface SemanticRedundancy {
  policy: PolicyModel;
  rule: RuleModel;
  covering: RuleModel[];
  /** True when the rule allows nothing at all in the run (a dead rule, reported as such). */
  vacuous: boolean;
}

export function semanticRedundantRules(analysis: NetpolAnalysis): SemanticRedundancy[] {
  const model = analysis.model;
  const out: SemanticRedundancy[] = [];
  const refsByPolicy = groupBy(model.rules, (r) => r.policy);
  for (const policy of analysis.policies) {
    if (policy.problems.length > 0) continue;
    const selected = [...new Set((model.selected.get(policy) ?? []).map((w) => model.classOfWorkload(w)))];
    if (selected.length === 0) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const refs = (refsByPolicy.get(policy) ?? []).filter((r) => r.direction === direction);
      const pieces = direction === 'ingress' ? model.srcPieces.length : model.dstPieces.length;
      for (const ref of refs) {
        const others = refs.filter((r) => r !== ref);
        const overlapping = new Set<RuleModel>();
        let redundant = true;
        let vacuous = true;
        const check = (matches: (r: typeof ref) => boolean, conn: (r: typeof ref) => ConnSet): void => {
          if (!redundant || !matches(ref)) return;
          const mine = conn(ref);
          if (mine.isEmpty()) return;
          vacuous = false;
          let rest = ConnSet.NONE;
          for (const o of others) {
            if (!matches(o)) continue;
            const c = conn(o);
            if (!c.intersect(mine).isEmpty()) overlapping.add(o.rule);
            rest = rest.union(c);
          }
          if (!mine.isSubsetOf(rest)) redundant = false;
        };
        for (const own of selected) {
          for (const other of model.classes) {
            if (!redundant) break;
            const dst = direction === 'ingress' ? own : other;
            check((r) => r.classes.has(other.index), (r) => model.ruleConn(r, dst));
          }
          for (let i = 0; i < pieces && redundant; i++) check((r) => r.pieces.has(i), (r) => model.ruleConn(r, direction === 'ingress' ? own : undefined));
          if (!redundant) break;
        }
        if (redundant) out.push({ policy, rule: ref.rule, covering: others.map((o) => o.rule).filter((r) => overlapping.has(r)), vacuous });
      }
    }
  }
  return out;
}
