/**
 * Exposure analysis: what each workload is open to beyond the workloads in the run — the
 * entire cluster, namespaces or pods that policies name by labels but the run does not
 * contain ("representative" peers), and external addresses. Follows netpol-analyzer's
 * `--exposure`: a representative peer stands for the exact selectors of a rule peer; a rule
 * reaches it only when its own selectors are empty or equal (never by partial overlap).
 */
import { ConnSet } from './connections';
import { compareText, matchesFocus, type ConnRow } from './connlist';
import { groupBy } from './util';
import { portsConn, type ReachabilityModel } from './model';
import type { Direction, PodPeer, PolicyModel, RuleModel } from './policy';
import { selects, type PolicySelector } from './selectors';
import { NAMESPACE_NAME_LABEL, type Workload } from './topology';

export interface RepresentativePeer {
  key: string;
  /** The namespace of the policy for peers without namespaceSelector. */
  namespace: string | undefined;
  namespaceSelector: PolicySelector;
  podSelector: PolicySelector | null;
  /** `ns/[all pods]`, `[all namespaces]/[pod with {k8s-app=kube-dns}]`, ... */
  name: string;
}

export interface ExposureLine {
  workload: Workload;
  direction: Direction;
  /** `entire-cluster`, a representative peer's name or an external range. */
  peer: string;
  conn: ConnSet;
}

export interface ExposureResult {
  lines: ExposureLine[];
  /** `<workload> is not protected on Ingress|Egress`. */
  unprotected: { workload: Workload; direction: Direction }[];
}

export const ENTIRE_CLUSTER = 'entire-cluster';

/** Exposure of every workload (or the focus workloads), with connlist rows for external lines. */
export function exposureAnalysis(model: ReachabilityModel, rows: readonly ConnRow[], focus: readonly string[] = [], focusDirection?: Direction): ExposureResult {
  const reps = representativePeers(model);
  const fromExternal = groupBy(rows.filter((r) => r.src.kind === 'external'), (r) => r.dst.name);
  const toExternal = groupBy(rows.filter((r) => r.dst.kind === 'external'), (r) => r.src.name);
  const lines: ExposureLine[] = [];
  const unprotected: ExposureResult['unprotected'] = [];
  for (const w of model.topology.workloads) {
    if (focus.length > 0 && !matchesFocus(w, focus)) continue;
    const perDirection = (['egress', 'ingress'] as const).map((direction) => workloadExposure(model, w, direction, reps));
    if (perDirection.every((d) => d.protected && d.lines.length === 0)) continue;
    perDirection.forEach((d, i) => {
      const direction = i === 0 ? 'egress' : 'ingress';
      if (focusDirection !== undefined && direction !== focusDirection) return;
      if (!d.protected) unprotected.push({ workload: w, direction });
      lines.push(...d.lines);
      if (direction === 'ingress') for (const row of fromExternal.get(w.display) ?? []) lines.push({ workload: w, direction, peer: row.src.name, conn: row.conn });
      else for (const row of toExternal.get(w.display) ?? []) lines.push({ workload: w, direction, peer: row.dst.name, conn: row.conn });
    });
  }
  return { lines, unprotected };
}

interface DirectionExposure {
  protected: boolean;
  lines: ExposureLine[];
}

function workloadExposure(model: ReachabilityModel, w: Workload, direction: Direction, reps: readonly RepresentativePeer[]): DirectionExposure {
  const cls = model.classOfWorkload(w);
  const policies = direction === 'ingress' ? cls.ingressPolicies : cls.egressPolicies;
  if (policies.length === 0) return { protected: false, lines: [{ workload: w, direction, peer: ENTIRE_CLUSTER, conn: ConnSet.ALL }] };
  const rules = policies.flatMap((p) => (direction === 'ingress' ? p.ingress : p.egress).map((rule) => ({ policy: p, rule })));
  const ruleConn = (rule: RuleModel): ConnSet => (direction === 'ingress' ? portsConn(rule, w, true) : portsConn(rule, undefined, true));
  let cluster = ConnSet.NONE;
  for (const { rule } of rules) if (rule.peers === null || rule.peers.some((p) => p.kind === 'pods' && isEntireCluster(p))) cluster = cluster.union(ruleConn(rule));
  const lines: ExposureLine[] = [];
  if (!cluster.isEmpty()) lines.push({ workload: w, direction, peer: ENTIRE_CLUSTER, conn: cluster });
  for (const rep of reps) {
    let conn = ConnSet.NONE;
    for (const { policy, rule } of rules) {
      if (rule.peers === null || rule.peers.some((p) => p.kind === 'pods' && fullyMatches(p, policy, rep))) {
        conn = conn.union(direction === 'ingress' ? portsConn(rule, w, false) : ruleConn(rule));
      }
    }
    if (!conn.isEmpty() && !(!cluster.isEmpty() && conn.isSubsetOf(cluster))) lines.push({ workload: w, direction, peer: rep.name, conn });
  }
  return { protected: true, lines };
}

function isEntireCluster(peer: PodPeer): boolean {
  return peer.namespaceSelector !== null && peer.namespaceSelector.empty && (peer.podSelector === null || peer.podSelector.empty);
}

/** A rule peer reaches a representative peer when its selectors are empty or equal to the peer's. */
function fullyMatches(peer: PodPeer, policy: PolicyModel, rep: RepresentativePeer): boolean {
  if (peer.namespaceSelector === null) {
    if (rep.namespace !== policy.namespace) return false;
  } else if (!peer.namespaceSelector.empty && peer.namespaceSelector.canonical !== rep.namespaceSelector.canonical) {
    return false;
  }
  if (peer.podSelector === null || peer.podSelector.empty) return true;
  return rep.podSelector !== null && !rep.podSelector.empty && peer.podSelector.canonical === rep.podSelector.canonical;
}

/**
 * One representative peer per distinct (namespace selector, pod selector) written in a rule
 * peer, except the entire cluster, and except label-only selectors a workload in the run
 * matches exactly (that workload already shows the connection).
 */
export function representativePeers(model: ReachabilityModel): RepresentativePeer[] {
  const out = new Map<string, RepresentativePeer>();
  for (const policy of model.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'pods' || isEntireCluster(peer)) continue;
        const rep = representativeOf(peer, policy);
        if (!out.has(rep.key)) out.set(rep.key, rep);
      }
    }
  }
  return [...out.values()].filter((rep) => !coveredByWorkload(model, rep));
}

function representativeOf(peer: PodPeer, policy: PolicyModel): RepresentativePeer {
  const namespaceSelector = peer.namespaceSelector ?? nameSelector(policy.namespace);
  const nsKey = namespaceSelector.canonical;
  const podKey = peer.podSelector?.canonical ?? '';
  return {
    key: `${nsKey}/${podKey}`,
    namespace: peer.namespaceSelector === null ? policy.namespace : undefined,
    namespaceSelector,
    podSelector: peer.podSelector,
    name: `${namespacePart(namespaceSelector)}/${podPart(peer.podSelector)}`,
  };
}

function nameSelector(namespace: string): PolicySelector {
  return {
    selector: { requirements: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [namespace] }], matchesNothing: false },
    empty: false,
    canonical: `${NAMESPACE_NAME_LABEL}=${namespace}`,
    display: `${NAMESPACE_NAME_LABEL}=${namespace}`,
    labelsOnly: true,
    matchLabels: { [NAMESPACE_NAME_LABEL]: namespace },
  };
}

function namespacePart(selector: PolicySelector): string {
  const keys = Object.keys(selector.matchLabels);
  if (selector.labelsOnly && keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL) return selector.matchLabels[NAMESPACE_NAME_LABEL];
  if (selector.empty) return '[all namespaces]';
  return `[namespace with {${selector.display}}]`;
}

function podPart(selector: PolicySelector | null): string {
  if (selector === null || selector.empty) return '[all pods]';
  return `[pod with {${selector.display}}]`;
}

function coveredByWorkload(model: ReachabilityModel, rep: RepresentativePeer): boolean {
  const pod = rep.podSelector;
  if (pod === null || pod.empty || !pod.labelsOnly || rep.namespaceSelector.empty || !rep.namespaceSelector.labelsOnly) return false;
  return model.topology.workloads.some((w) => {
    const ns = model.topology.namespaces.get(w.namespace);
    return ns !== undefined && selects(pod, w.labels) && selects(rep.namespaceSelector, ns.labels);
  });
}

/** Egress lines sorted by workload then peer; ingress lines by workload then peer. */
export function sortExposure(lines: readonly ExposureLine[], direction: Direction): ExposureLine[] {
  return lines.filter((l) => l.direction === direction).sort((a, b) => compareText(a.workload.display, b.workload.display) || compareText(a.peer, b.peer));
}

/** netpol-analyzer's text section (after the connlist lines). */
export function exposureText(result: ExposureResult): string {
  const width = Math.max(0, ...result.lines.map((l) => l.workload.display.length), ...result.unprotected.map((u) => u.workload.display.length));
  const line = (l: ExposureLine): string => `${l.workload.display.padEnd(width)} \t${l.direction === 'ingress' ? '<=' : '=>'} \t${l.peer} : ${l.conn.toString()}`;
  const egress = sortExposure(result.lines, 'egress').map(line);
  const ingress = sortExposure(result.lines, 'ingress').map(line);
  let out = 'Exposure Analysis Result:\n';
  if (egress.length > 0) out += `Egress Exposure:\n${egress.join('\n')}\n`;
  if (ingress.length > 0) out += `${egress.length > 0 ? '\n' : ''}Ingress Exposure:\n${ingress.join('\n')}\n`;
  const unprotected = result.unprotected.map((u) => `${u.workload.display} is not protected on ${u.direction === 'ingress' ? 'Ingress' : 'Egress'}`).sort(compareText);
  if (unprotected.length > 0) out += `\nWorkloads not protected by network policies:\n${unprotected.join('\n')}\n`;
  return out;
}
