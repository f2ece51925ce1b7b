/**
 * Why a connection is allowed or denied: for each side (the source's egress, the
 * destination's ingress), which policies select the pod, which of their rules match the other
 * end, what those rules allow, and — when nothing does — that the selecting policies make the
 * pod isolated, so everything they do not allow is denied by default.
 */
import { ConnSet, type Protocol } from './connections';
import type { ReachabilityModel, RuleRef } from './model';
import type { Direction, PolicyModel } from './policy';
import type { Workload } from './topology';

export type Endpoint = { kind: 'workload'; workload: Workload } | { kind: 'external'; address: bigint; text: string };

export interface RuleVerdict {
  ref: RuleRef;
  /** True when one of the rule's peers matches the other end (or the rule has no peers). */
  peerMatches: boolean;
  /** Index (in rule.peers) of the first peer that matches, if any. */
  matchingPeer: number | undefined;
  /** What the rule allows towards this pair (empty when the peer does not match). */
  allows: ConnSet;
}

export interface SideExplanation {
  direction: Direction;
  /** The endpoint whose policies decide this side (undefined: an external address, never isolated). */
  subject: Endpoint;
  other: Endpoint;
  /** Policies that select the subject for this direction. */
  policies: readonly PolicyModel[];
  rules: readonly RuleVerdict[];
  /** What this side allows (all when no policy selects the subject). */
  allowed: ConnSet;
}

export interface PairExplanation {
  src: Endpoint;
  dst: Endpoint;
  egress: SideExplanation;
  ingress: SideExplanation;
  allowed: ConnSet;
}

export function endpointName(e: Endpoint): string {
  return e.kind === 'workload' ? e.workload.display : `${e.text}[External]`;
}

export function explainPair(model: ReachabilityModel, src: Endpoint, dst: Endpoint): PairExplanation {
  const egress = explainSide(model, 'egress', src, dst);
  const ingress = explainSide(model, 'ingress', dst, src);
  return { src, dst, egress, ingress, allowed: egress.allowed.intersect(ingress.allowed) };
}

function explainSide(model: ReachabilityModel, direction: Direction, subject: Endpoint, other: Endpoint): SideExplanation {
  if (subject.kind === 'external') return { direction, subject, other, policies: [], rules: [], allowed: ConnSet.ALL };
  const cls = model.classOfWorkload(subject.workload);
  const policies = direction === 'ingress' ? cls.ingressPolicies : cls.egressPolicies;
  const refs = direction === 'ingress' ? cls.ingressRules : cls.egressRules;
  const dstClass = direction === 'ingress' ? cls : other.kind === 'workload' ? model.classOfWorkload(other.workload) : undefined;
  const rules = refs.map((ref): RuleVerdict => {
    const matchingPeer = matchingPeerIndex(ref, other);
    const peerMatches = ref.rule.peers === null || matchingPeer !== undefined;
    return { ref, peerMatches, matchingPeer, allows: peerMatches ? model.ruleConn(ref, dstClass) : ConnSet.NONE };
  });
  const allowed = policies.length === 0 ? ConnSet.ALL : rules.reduce((acc, r) => acc.union(r.allows), ConnSet.NONE);
  return { direction, subject, other, policies, rules, allowed };
}

function matchingPeerIndex(ref: RuleRef, other: Endpoint): number | undefined {
  const peers = ref.rule.peers ?? [];
  for (let i = 0; i < peers.length; i++) {
    const peer = peers[i];
    if (other.kind === 'external') {
      if (peer.kind === 'ipBlock' && peer.set.has(other.address)) return i;
    } else if (peer.kind === 'pods' && ref.peerWorkloads[i].includes(other.workload)) {
      return i;
    }
  }
  return undefined;
}

/** A readable, multi-line explanation. With `port`, the verdict for that port is stated first. */
export function explanationText(e: PairExplanation, port?: { port: number; protocol: Protocol }): string {
  const lines: string[] = [];
  const pair = `${endpointName(e.src)} => ${endpointName(e.dst)}`;
  if (port !== undefined) {
    const ok = e.allowed.allows(port.protocol, port.port);
    lines.push(`${pair} on ${port.protocol} ${port.port}: ${ok ? 'ALLOWED' : 'DENIED'}`);
    if (!ok) {
      const blockers = [e.egress, e.ingress].filter((s) => !s.allowed.allows(port.protocol, port.port));
      for (const side of blockers) lines.push(`  denied by the ${side.direction} of ${endpointName(side.subject)}`);
    }
  } else {
    lines.push(`${pair}: ${e.allowed.isEmpty() ? 'no connections allowed' : `allowed ${e.allowed.toString()}`}`);
  }
  lines.push('');
  for (const side of [e.egress, e.ingress]) lines.push(...sideText(side));
  if (!e.allowed.isAll()) lines.push(`Denied: ${e.allowed.complement().toString()}`);
  return `${lines.join('\n')}\n`;
}

function sideText(side: SideExplanation): string[] {
  const title = `${side.direction === 'egress' ? 'Egress of' : 'Ingress of'} ${endpointName(side.subject)}`;
  if (side.subject.kind === 'external') return [`${title}: not evaluated (external addresses are outside the cluster's policies): allows everything`, ''];
  if (side.policies.length === 0) {
    return [`${title}: not isolated — no NetworkPolicy selects it for ${side.direction === 'egress' ? 'Egress' : 'Ingress'}, so Kubernetes allows everything (system default)`, ''];
  }
  const out = [`${title}: isolated by ${side.policies.length === 1 ? '1 policy' : `${side.policies.length} policies`}; only what their ${side.direction} rules allow gets through:`];
  for (const policy of side.policies) {
    const verdicts = side.rules.filter((r) => r.ref.policy === policy);
    const where = `${policy.object.file}:${policy.object.range(['spec', 'podSelector']).line}`;
    out.push(`  NetworkPolicy '${policy.key}' (${where}) selects ${endpointName(side.subject)}`);
    if (verdicts.length === 0) {
      out.push(`    has no ${side.direction} rules: denies everything (default deny)`);
      continue;
    }
    for (const v of verdicts) {
      const label = `${side.direction} rule #${v.ref.rule.index + 1}`;
      if (!v.peerMatches) out.push(`    ${label}: no peer matches ${endpointName(side.other)}`);
      else if (v.allows.isEmpty()) out.push(`    ${label}: matches ${endpointName(side.other)}${peerText(v)}, but its ports resolve to nothing on the destination`);
      else out.push(`    ${label}: allows ${v.allows.toString()}${peerText(v)}`);
    }
  }
  const type = side.direction === 'egress' ? 'Egress' : 'Ingress';
  if (side.allowed.isEmpty()) out.push(`  => ${side.direction} allows nothing: the pod is isolated for ${type} (default deny) and no rule admits ${endpointName(side.other)}`);
  else if (side.allowed.isAll()) out.push(`  => ${side.direction} allows everything`);
  else out.push(`  => ${side.direction} allows ${side.allowed.toString()}`, `     everything else is denied: the pod is isolated for ${type} and no rule allows it`);
  out.push('');
  return out;
}

function peerText(v: RuleVerdict): string {
  if (v.ref.rule.peers === null) return ` (the rule has no ${v.ref.direction === 'ingress' ? 'from' : 'to'}: every peer)`;
  return v.matchingPeer === undefined ? '' : ` (peer #${v.matchingPeer + 1} matches)`;
}
