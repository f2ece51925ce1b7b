/**
 * netpol-analyzer's `list --explain` report: for every ordered pair of peers, the connection
 * space cut into regions with the same reasons on both sides (the source's egress and the
 * destination's ingress), each reason naming the policy and rule that allows or denies it.
 * Pairs that only the system default allows (neither side isolated) are listed at the end.
 */
import { ConnSet, MAX_PORT, MIN_PORT, PROTOCOLS, type Protocol } from './connections';
import { compareText, externalPeer, matchesFocus, workloadPeer, type ListOptions, type PeerRef } from './connlist';
import type { ReachabilityModel, RuleRef } from './model';
import type { Direction } from './policy';

interface Point {
  protocol: Protocol;
  start: number;
  end: number;
}

interface SideReason {
  allowed: boolean;
  /** Text after the `Egress`/`Ingress` word, e.g. ` (Allowed) due to the system default (Allow all)`. */
  header: string;
  lines: string[];
}

/** One end of a pair: a workload class or an external piece (by index in the model's partitions). */
type End = { kind: 'class'; peer: PeerRef; cls: number } | { kind: 'piece'; peer: PeerRef; piece: number };

const SEPARATOR = '-'.repeat(160);
const DISPLAY_ORDER: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const TITLE = { ingress: 'Ingress', egress: 'Egress' } as const;

function matchesEnd(ref: RuleRef, end: End): boolean {
  return ref.rule.peers === null || (end.kind === 'class' ? ref.classes.has(end.cls) : ref.pieces.has(end.piece));
}

/** The rules of one side, with what each allows towards the pair's destination. */
function sideRules(model: ReachabilityModel, direction: Direction, subject: End, other: End): { refs: RuleRef[]; conns: ConnSet[]; isolated: boolean } {
  if (subject.kind === 'piece') return { refs: [], conns: [], isolated: false };
  const cls = model.classes[subject.cls];
  const refs = direction === 'ingress' ? cls.ingressRules : cls.egressRules;
  const policies = direction === 'ingress' ? cls.ingressPolicies : cls.egressPolicies;
  const dst = direction === 'ingress' ? cls : other.kind === 'class' ? model.classes[other.cls] : undefined;
  return { refs, conns: refs.map((r) => model.ruleConn(r, dst)), isolated: policies.length > 0 };
}

function explainPoint(model: ReachabilityModel, direction: Direction, subject: End, other: End, rules: ReturnType<typeof sideRules>, p: Point): SideReason {
  if (!rules.isolated) return { allowed: true, header: ' (Allowed) due to the system default (Allow all)', lines: [] };
  const cls = model.classes[(subject as { cls: number }).cls];
  // As netpol-analyzer, a policy's rules after the one that completes "everything" are not consulted.
  const consulted: number[] = [];
  let union = ConnSet.NONE;
  for (let i = 0; i < rules.refs.length; i++) {
    if (i > 0 && rules.refs[i].policy !== rules.refs[i - 1].policy) union = ConnSet.NONE;
    if (union.isAll() || !matchesEnd(rules.refs[i], other)) continue;
    consulted.push(i);
    union = union.union(rules.conns[i]);
  }
  const allowing = consulted.filter((i) => rules.conns[i].allows(p.protocol, p.start)).map((i) => rules.refs[i]);
  if (allowing.length > 0) {
    return { allowed: true, header: ' (Allowed)', lines: allowing.map((r) => `NetworkPolicy '${r.policy.key}' allows connections by ${TITLE[direction]} rule #${r.rule.index + 1}`) };
  }
  const policies = [...(direction === 'ingress' ? cls.ingressPolicies : cls.egressPolicies)].sort((a, b) => compareText(a.key, b.key));
  const lines = policies.map((policy) => {
    const selects = `NetworkPolicy '${policy.key}' selects ${subject.peer.name}`;
    const own = rules.refs.map((r, i) => ({ r, conn: rules.conns[i] })).filter((x) => x.r.policy === policy);
    if (own.length === 0) return `${selects}, but ${other.peer.name} is not allowed by any ${TITLE[direction]} rule (no rules defined)`;
    const matching = own.filter((x) => matchesEnd(x.r, other));
    if (matching.length === 0) return `${selects}, but ${other.peer.name} is not allowed by any ${TITLE[direction]} rule`;
    const first = matching[0];
    const named = first.conn.isEmpty() && (first.r.rule.ports ?? []).some((port) => typeof port.port === 'string');
    return `${selects}, and ${TITLE[direction]} rule #${first.r.rule.index + 1} selects ${other.peer.name}, but ${named ? 'named ports of the rule have no match in the configuration of the destination peer' : 'the protocols and ports do not match'}`;
  });
  return { allowed: false, header: ' (Denied)', lines };
}

/** Cut points of all the rules' port sets, per protocol: the atoms of the connection space. */
function atoms(conns: readonly ConnSet[]): Point[] {
  const out: Point[] = [];
  PROTOCOLS.forEach((protocol, pi) => {
    const cuts = new Set<number>([MIN_PORT, MAX_PORT + 1]);
    for (const c of conns) for (const r of c.ports[pi]) cuts.add(r.start).add(r.end + 1);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) out.push({ protocol, start: sorted[i], end: sorted[i + 1] - 1 });
  });
  return out;
}

function regionText(conn: ConnSet): string {
  return DISPLAY_ORDER.map((protocol) => {
    const ports = conn.ports[PROTOCOLS.indexOf(protocol)];
    if (ports.length === 0) return undefined;
    if (ports.length === 1 && ports[0].start === MIN_PORT && ports[0].end === MAX_PORT) return protocol;
    return `${protocol}:[${ports.map((r) => (r.start === r.end ? String(r.start) : `${r.start}-${r.end}`)).join(',')}]`;
  })
    .filter((s): s is string => s !== undefined)
    .join(', ');
}

function sideText(direction: Direction, reason: SideReason): string[] {
  const out = [`\t\t${TITLE[direction]}${reason.header}`];
  if (reason.lines.length === 1) out.push(`\t\t\t${reason.lines[0]}`);
  else if (reason.lines.length > 1) out.push('\t\t\tNetworkPolicy list:', ...reason.lines.map((l) => `\t\t\t\t- ${l}`));
  return out;
}

interface PairReport {
  src: PeerRef;
  dst: PeerRef;
  onlyDefault: boolean;
  text: string;
}

function explainEnds(model: ReachabilityModel, src: End, dst: End): PairReport {
  const egress = sideRules(model, 'egress', src, dst);
  const ingress = sideRules(model, 'ingress', dst, src);
  if (!egress.isolated && !ingress.isolated) return { src: src.peer, dst: dst.peer, onlyDefault: true, text: '' };
  const regions = new Map<string, { conn: ConnSet; allowed: boolean; egress: SideReason; ingress: SideReason }>();
  for (const p of atoms([...egress.conns, ...ingress.conns])) {
    const e = explainPoint(model, 'egress', src, dst, egress, p);
    const i = explainPoint(model, 'ingress', dst, src, ingress, p);
    const key = JSON.stringify([e, i]);
    const region = regions.get(key) ?? { conn: ConnSet.NONE, allowed: e.allowed && i.allowed, egress: e, ingress: i };
    region.conn = region.conn.union(ConnSet.ports(p.protocol, p.start, p.end));
    regions.set(key, region);
  }
  const lines = [`Connections between ${src.peer.name} => ${dst.peer.name}:`, ''];
  for (const allowed of [true, false]) {
    const list = [...regions.values()].filter((r) => r.allowed === allowed);
    if (list.length === 0) continue;
    lines.push(allowed ? 'Allowed connections:' : 'Denied connections:');
    for (const r of list) lines.push(`\t${allowed ? 'Allowed' : 'Denied'} ${regionText(r.conn)} due to the following policies and rules:`, ...sideText('egress', r.egress), ...sideText('ingress', r.ingress));
    lines.push('');
  }
  return { src: src.peer, dst: dst.peer, onlyDefault: false, text: lines.join('\n') };
}

/** The whole `--explain` report for the run (optionally only pairs of the focus workloads). */
export function explainAll(model: ReachabilityModel, options: ListOptions = {}): string {
  const workloads = model.topology.workloads;
  if (workloads.length === 0) return '';
  const ends: End[] = workloads.map((w) => ({ kind: 'class', peer: workloadPeer(w), cls: model.classOfWorkload(w).index }));
  const reports: PairReport[] = [];
  for (const a of ends) for (const b of ends) if (a.peer.workload !== b.peer.workload) reports.push(explainEnds(model, a, b));
  model.srcPieces.forEach((piece, i) => {
    for (const b of ends) reports.push(explainEnds(model, { kind: 'piece', peer: externalPeer(piece), piece: i }, b));
  });
  model.dstPieces.forEach((piece, i) => {
    for (const a of ends) reports.push(explainEnds(model, a, { kind: 'piece', peer: externalPeer(piece), piece: i }));
  });
  const focus = options.focusWorkloads ?? [];
  const keep = (r: PairReport): boolean => {
    if (focus.length === 0) return true;
    const src = matchesFocus(r.src.workload, focus);
    const dst = matchesFocus(r.dst.workload, focus);
    return options.focusDirection === 'ingress' ? dst : options.focusDirection === 'egress' ? src : src || dst;
  };
  reports.splice(0, reports.length, ...reports.filter(keep));
  reports.sort((x, y) => compareText(x.src.name, y.src.name) || compareText(x.dst.name, y.dst.name));
  const header = (title: string): string => `\n${'#'.repeat(title.length + 4)}\n# ${title} #\n${'#'.repeat(title.length + 4)}\n`;
  const specific = reports.filter((r) => !r.onlyDefault);
  const defaults = reports.filter((r) => r.onlyDefault);
  let out = '';
  if (specific.length > 0) out += header('Specific connections and their reasons') + specific.map((r) => `${SEPARATOR}\n${r.text}\n`).join('');
  if (defaults.length > 0) out += header('All Connections due to the system default (Allow all)') + defaults.map((r) => `${r.src.name} => ${r.dst.name}\n`).join('');
  return out;
}
