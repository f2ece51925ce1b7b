/**
 * The reachability model. Workloads that no policy, rule peer or referenced port name can tell
 * apart form one equivalence class; rules record which classes (as a bit set) and which
 * external address pieces they match. A connection needs the source's egress and the
 * destination's ingress to allow it, and each side is the union over the rules of the
 * policies that select it, so a pair costs a few bit tests, never a loop over all policies.
 */
import type { Interval } from './intervals';
import { BitSet } from './bitset';
import { ConnSet } from './connections';
import { disjointPieces, IpSet, V6_BASE } from './ip';
import type { Direction, PeerModel, PodPeer, PolicyModel, RuleModel } from './policy';
import { selects, type PolicySelector } from './selectors';
import { resolveNamedPort, type NamespaceInfo, type Topology, type Workload } from './topology';

export interface RuleRef {
  id: number;
  policy: PolicyModel;
  rule: RuleModel;
  direction: Direction;
  /** Classes matched by the rule's pod peers (every class when the rule has no peers). */
  classes: BitSet;
  /** Address pieces (of this direction's partition) matched by its ipBlock peers. */
  pieces: BitSet;
  /** Workloads each peer matches (parallel to rule.peers; empty for ipBlock peers). */
  peerWorkloads: readonly (readonly Workload[])[];
  hasNamedPorts: boolean;
}

export interface PodClass {
  index: number;
  workloads: Workload[];
  /** Stands for every workload of the class (same policies, peers and named ports). */
  representative: Workload;
  ingressPolicies: PolicyModel[];
  egressPolicies: PolicyModel[];
  ingressRules: RuleRef[];
  egressRules: RuleRef[];
}

export interface ModelInput {
  topology: Topology;
  policies: readonly PolicyModel[];
}

interface NamespaceIndex {
  all: Workload[];
  byLabel: Map<string, Workload[]>;
}

export class ReachabilityModel {
  readonly topology: Topology;
  readonly policies: readonly PolicyModel[];
  readonly classes: PodClass[] = [];
  /** Class index of each workload (by Workload.index). */
  readonly classOf: Int32Array;
  readonly rules: RuleRef[] = [];
  /** Workloads each policy selects. */
  readonly selected = new Map<PolicyModel, readonly Workload[]>();
  /** Disjoint external address pieces as sources (from ingress ipBlocks) and destinations (egress). */
  readonly srcPieces: Interval<bigint>[];
  readonly dstPieces: Interval<bigint>[];
  readonly universe: IpSet;

  private readonly index = new Map<string, NamespaceIndex>();
  private readonly ruleConnCache = new Map<number, ConnSet | Map<number, ConnSet>>();
  private matrix: Int32Array | undefined;
  private readonly connById = new Map<number, ConnSet>();

  constructor(input: ModelInput) {
    this.topology = input.topology;
    this.policies = input.policies;
    for (const w of this.topology.workloads) indexWorkload(this.index, w);
    this.universe = addressUniverse(this.policies);
    this.srcPieces = disjointPieces(ipSetsOf(this.policies, 'ingress'), this.universe);
    this.dstPieces = disjointPieces(ipSetsOf(this.policies, 'egress'), this.universe);
    this.classOf = new Int32Array(this.topology.workloads.length);
    this.build();
  }

  /** Workloads of a namespace matching a selector (null: all of them). */
  workloadsIn(namespace: string, selector: PolicySelector | null): Workload[] {
    const entry = this.index.get(namespace);
    if (entry === undefined) return [];
    if (selector === null || selector.empty) return entry.all;
    if (selector.selector.matchesNothing) return [];
    const equality = selector.selector.requirements.find((r) => r.operator === 'In' && r.values.length === 1);
    const candidates = equality === undefined ? entry.all : (entry.byLabel.get(`${equality.key}=${equality.values[0]}`) ?? []);
    return candidates.filter((w) => selects(selector, w.labels));
  }

  /** Namespaces a peer's namespaceSelector matches (the policy's own when there is none). */
  peerNamespaces(peer: PodPeer, policy: PolicyModel): NamespaceInfo[] {
    if (peer.namespaceSelector === null) {
      const own = this.topology.namespaces.get(policy.namespace);
      return own === undefined ? [] : [own];
    }
    const selector = peer.namespaceSelector;
    return [...this.topology.namespaces.values()].filter((ns) => selects(selector, ns.labels));
  }

  peerWorkloads(peer: PeerModel, policy: PolicyModel): Workload[] {
    if (peer.kind !== 'pods') return [];
    return this.peerNamespaces(peer, policy).flatMap((ns) => this.workloadsIn(ns.name, peer.podSelector));
  }

  classOfWorkload(workload: Workload): PodClass {
    return this.classes[this.classOf[workload.index]];
  }

  /** What the destination's ingress allows from a source class. */
  ingressFromClass(src: PodClass, dst: PodClass): ConnSet {
    if (dst.ingressPolicies.length === 0) return ConnSet.ALL;
    let out = ConnSet.NONE;
    for (const ref of dst.ingressRules) if (ref.classes.has(src.index)) out = out.union(this.ruleConn(ref, dst));
    return out;
  }

  /** What the destination's ingress allows from an external address piece. */
  ingressFromPiece(piece: number, dst: PodClass): ConnSet {
    if (dst.ingressPolicies.length === 0) return ConnSet.ALL;
    let out = ConnSet.NONE;
    for (const ref of dst.ingressRules) if (ref.pieces.has(piece)) out = out.union(this.ruleConn(ref, dst));
    return out;
  }

  /** What the source's egress allows to a destination class. */
  egressToClass(src: PodClass, dst: PodClass): ConnSet {
    if (src.egressPolicies.length === 0) return ConnSet.ALL;
    let out = ConnSet.NONE;
    for (const ref of src.egressRules) if (ref.classes.has(dst.index)) out = out.union(this.ruleConn(ref, dst));
    return out;
  }

  /** What the source's egress allows to an external address piece. */
  egressToPiece(src: PodClass, piece: number): ConnSet {
    if (src.egressPolicies.length === 0) return ConnSet.ALL;
    let out = ConnSet.NONE;
    for (const ref of src.egressRules) if (ref.pieces.has(piece)) out = out.union(this.ruleConn(ref, undefined));
    return out;
  }

  /** Allowed connections from one class to another (cached). */
  conn(src: PodClass, dst: PodClass): ConnSet {
    const n = this.classes.length;
    this.matrix ??= new Int32Array(n * n).fill(-1);
    const slot = src.index * n + dst.index;
    const cached = this.matrix[slot];
    if (cached >= 0) return this.connById.get(cached) as ConnSet;
    const result = this.egressToClass(src, dst).intersect(this.ingressFromClass(src, dst));
    this.connById.set(result.id, result);
    this.matrix[slot] = result.id;
    return result;
  }

  /**
   * What one rule allows towards a destination: its ports, with port names resolved against
   * the destination workload (an external destination resolves no names).
   */
  ruleConn(ref: RuleRef, dst: PodClass | undefined): ConnSet {
    const cached = this.ruleConnCache.get(ref.id);
    if (!ref.hasNamedPorts) {
      if (cached instanceof ConnSet) return cached;
      const conn = portsConn(ref.rule, undefined, false);
      this.ruleConnCache.set(ref.id, conn);
      return conn;
    }
    const perClass = cached instanceof Map ? cached : new Map<number, ConnSet>();
    if (!(cached instanceof Map)) this.ruleConnCache.set(ref.id, perClass);
    const key = dst === undefined ? -1 : dst.index;
    let conn = perClass.get(key);
    if (conn === undefined) {
      conn = portsConn(ref.rule, dst?.representative, false);
      perClass.set(key, conn);
    }
    return conn;
  }

  private build(): void {
    const workloads = this.topology.workloads;
    const ingressOf: number[][] = workloads.map(() => []);
    const egressOf: number[][] = workloads.map(() => []);
    const peersOf: number[][] = workloads.map(() => []);
    this.policies.forEach((policy, pi) => {
      const selected = this.workloadsIn(policy.namespace, policy.podSelector);
      this.selected.set(policy, selected);
      for (const w of selected) {
        if (policy.affectsIngress) ingressOf[w.index].push(pi);
        if (policy.affectsEgress) egressOf[w.index].push(pi);
      }
    });
    const peerMatches: { policy: PolicyModel; rule: RuleModel; direction: Direction; peers: Workload[][] }[] = [];
    let peerId = 0;
    for (const policy of this.policies) {
      for (const rule of [...policy.ingress, ...policy.egress]) {
        const peers = (rule.peers ?? []).map((peer) => {
          const matched = this.peerWorkloads(peer, policy);
          for (const w of matched) peersOf[w.index].push(peerId);
          peerId++;
          return matched;
        });
        peerMatches.push({ policy, rule, direction: rule.direction, peers });
      }
    }
    const names = referencedPortNames(this.policies);
    const bySignature = new Map<string, PodClass>();
    for (const w of workloads) {
      const signature = `${ingressOf[w.index].join(',')}|${egressOf[w.index].join(',')}|${peersOf[w.index].join(',')}|${namedPortSignature(w, names)}`;
      let cls = bySignature.get(signature);
      if (cls === undefined) {
        cls = { index: this.classes.length, workloads: [], representative: w, ingressPolicies: ingressOf[w.index].map((i) => this.policies[i]), egressPolicies: egressOf[w.index].map((i) => this.policies[i]), ingressRules: [], egressRules: [] };
        bySignature.set(signature, cls);
        this.classes.push(cls);
      }
      cls.workloads.push(w);
      this.classOf[w.index] = cls.index;
    }
    const refsByPolicy = new Map<PolicyModel, RuleRef[]>();
    for (const match of peerMatches) {
      const ref = this.makeRuleRef(match.policy, match.rule, match.peers);
      this.rules.push(ref);
      const list = refsByPolicy.get(match.policy) ?? [];
      list.push(ref);
      refsByPolicy.set(match.policy, list);
    }
    for (const cls of this.classes) {
      cls.ingressRules = cls.ingressPolicies.flatMap((p) => (refsByPolicy.get(p) ?? []).filter((r) => r.direction === 'ingress'));
      cls.egressRules = cls.egressPolicies.flatMap((p) => (refsByPolicy.get(p) ?? []).filter((r) => r.direction === 'egress'));
    }
  }

  private makeRuleRef(policy: PolicyModel, rule: RuleModel, peers: Workload[][]): RuleRef {
    const n = this.classes.length;
    const pieces = rule.direction === 'ingress' ? this.srcPieces : this.dstPieces;
    let classes: BitSet;
    let pieceSet: BitSet;
    if (rule.peers === null) {
      classes = BitSet.full(n);
      pieceSet = BitSet.full(pieces.length);
    } else {
      classes = new BitSet(n);
      for (const list of peers) for (const w of list) classes.add(this.classOf[w.index]);
      pieceSet = new BitSet(pieces.length);
      for (const peer of rule.peers) {
        if (peer.kind !== 'ipBlock') continue;
        pieces.forEach((piece, i) => {
          if (peer.set.has(piece.start)) pieceSet.add(i);
        });
      }
    }
    return {
      id: this.rules.length,
      policy,
      rule,
      direction: rule.direction,
      classes,
      pieces: pieceSet,
      peerWorkloads: peers,
      hasNamedPorts: (rule.ports ?? []).some((p) => typeof p.port === 'string'),
    };
  }
}

/**
 * The connections a rule's `ports` allow towards a destination workload (undefined: an
 * external address or an unknown pod). Names resolve against the destination's container
 * ports by name and protocol; unresolved names allow nothing, or are kept by name when
 * `keepNames` is set (exposure output).
 */
export function portsConn(rule: RuleModel, dst: Workload | undefined, keepNames: boolean): ConnSet {
  if (rule.ports === null) return ConnSet.ALL;
  let out = ConnSet.NONE;
  for (const p of rule.ports) {
    if (p.port === undefined) out = out.union(ConnSet.ports(p.protocol));
    else if (typeof p.port === 'number') out = out.union(ConnSet.ports(p.protocol, p.port, p.endPort ?? p.port));
    else {
      const resolved = dst === undefined ? undefined : resolveNamedPort(dst, p.port, p.protocol);
      if (resolved !== undefined) out = out.union(ConnSet.ports(p.protocol, resolved, resolved));
      else if (keepNames) out = out.union(ConnSet.named(p.protocol, p.port));
    }
  }
  return out;
}

function indexWorkload(index: Map<string, NamespaceIndex>, w: Workload): void {
  let entry = index.get(w.namespace);
  if (entry === undefined) {
    entry = { all: [], byLabel: new Map() };
    index.set(w.namespace, entry);
  }
  entry.all.push(w);
  for (const [k, v] of Object.entries(w.labels)) {
    const key = `${k}=${v}`;
    const list = entry.byLabel.get(key);
    if (list === undefined) entry.byLabel.set(key, [w]);
    else list.push(w);
  }
}

/** Every ipBlock set written in rules of one direction (including rules policyTypes ignores). */
export function ipSetsOf(policies: readonly PolicyModel[], direction: Direction): IpSet[] {
  const out: IpSet[] = [];
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress, ...policy.ignoredRules]) {
      if (rule.direction !== direction) continue;
      for (const peer of rule.peers ?? []) if (peer.kind === 'ipBlock') out.push(peer.set);
    }
  }
  return out;
}

/** IPv4 always; IPv6 too when some policy writes an IPv6 block. */
export function addressUniverse(policies: readonly PolicyModel[]): IpSet {
  const all = [...ipSetsOf(policies, 'ingress'), ...ipSetsOf(policies, 'egress')];
  const hasV6 = all.some((s) => s.intervals.some((r) => r.end >= V6_BASE));
  return hasV6 ? IpSet.ALL : IpSet.ALL_V4;
}

function referencedPortNames(policies: readonly PolicyModel[]): string[] {
  const names = new Set<string>();
  for (const policy of policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const p of rule.ports ?? []) if (typeof p.port === 'string') names.add(p.port);
    }
  }
  return [...names].sort();
}

function namedPortSignature(w: Workload, names: readonly string[]): string {
  if (names.length === 0) return '';
  return names
    .map((name) => {
      const found = w.ports.find((p) => p.name === name);
      return found === undefined ? '-' : `${found.protocol}:${found.port}`;
    })
    .join(',');
}
