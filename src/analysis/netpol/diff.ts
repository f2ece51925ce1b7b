/**
 * Semantic diff of connectivity between two versions of a set of manifests: connections added,
 * removed and changed, per ordered pair of peers. External ranges of both versions are cut to
 * a common partition and then merged back into maximal ranges with the same pair of
 * connection sets, as netpol-analyzer's `diff` does.
 */
import { ConnSet } from './connections';
import type { Interval } from './intervals';
import { disjointPieces, IpSet, V6_BASE } from './ip';
import { compareText, externalPeer, INGRESS_CONTROLLER_PEER, workloadPeer, type PeerRef } from './connlist';
import type { ReachabilityModel } from './model';
import type { Workload } from './topology';
import { intervalIndex } from '../../util/interval-search';

export type DiffType = 'changed' | 'added' | 'removed';

export interface DiffRow {
  type: DiffType;
  src: PeerRef;
  dst: PeerRef;
  /** Connections in the first (old) version. */
  ref1: ConnSet;
  /** Connections in the second (new) version. */
  ref2: ConnSet;
  /** `workload X added`, `workload X and Y removed`, or undefined. */
  info: string | undefined;
}

/** Connections from the ingress controller in each version (ingress.ts), when Ingresses or Routes exist. */
export interface IngressConns {
  old: ReadonlyMap<Workload, ConnSet>;
  new: ReadonlyMap<Workload, ConnSet>;
}

export function connectivityDiff(oldModel: ReachabilityModel, newModel: ReachabilityModel, ingress?: IngressConns): DiffRow[] {
  const rows: DiffRow[] = [];
  const oldByName = byDisplay(oldModel.topology.workloads);
  const newByName = byDisplay(newModel.topology.workloads);
  const names = [...new Set([...oldByName.keys(), ...newByName.keys()])].sort(compareText);
  const peer = (name: string): PeerRef => workloadPeer((newByName.get(name) ?? oldByName.get(name)) as Workload);
  for (const a of names) {
    for (const b of names) {
      if (a === b) continue;
      const ref1 = pairConn(oldModel, oldByName, a, b);
      const ref2 = pairConn(newModel, newByName, a, b);
      if (ref1 !== ref2) rows.push(makeRow(peer(a), peer(b), ref1, ref2, oldByName, newByName));
    }
  }
  const srcCuts = commonPieces(oldModel.srcPieces, newModel.srcPieces);
  const dstCuts = commonPieces(oldModel.dstPieces, newModel.dstPieces);
  for (const name of names) {
    const ingress = (m: ReachabilityModel, map: Map<string, Workload>, piece: Interval<bigint>): ConnSet => {
      const w = map.get(name);
      const i = intervalIndex(m.srcPieces, piece.start);
      return w === undefined || i < 0 ? ConnSet.NONE : m.ingressFromPiece(i, m.classOfWorkload(w));
    };
    const egress = (m: ReachabilityModel, map: Map<string, Workload>, piece: Interval<bigint>): ConnSet => {
      const w = map.get(name);
      const i = intervalIndex(m.dstPieces, piece.start);
      return w === undefined || i < 0 ? ConnSet.NONE : m.egressToPiece(m.classOfWorkload(w), i);
    };
    for (const run of mergedRuns(srcCuts, (p) => [ingress(oldModel, oldByName, p), ingress(newModel, newByName, p)])) {
      rows.push(makeRow(externalPeer(run.range), peer(name), run.ref1, run.ref2, oldByName, newByName));
    }
    for (const run of mergedRuns(dstCuts, (p) => [egress(oldModel, oldByName, p), egress(newModel, newByName, p)])) {
      rows.push(makeRow(peer(name), externalPeer(run.range), run.ref1, run.ref2, oldByName, newByName));
    }
  }
  if (ingress !== undefined) {
    const byName = (map: ReadonlyMap<Workload, ConnSet>): Map<string, ConnSet> => new Map([...map].map(([w, c]) => [w.display, c]));
    const before = byName(ingress.old);
    const after = byName(ingress.new);
    for (const name of names) {
      const ref1 = before.get(name) ?? ConnSet.NONE;
      const ref2 = after.get(name) ?? ConnSet.NONE;
      if (ref1 !== ref2) rows.push(makeRow(INGRESS_CONTROLLER_PEER, peer(name), ref1, ref2, oldByName, newByName));
    }
  }
  return rows;
}

function byDisplay(workloads: readonly Workload[]): Map<string, Workload> {
  return new Map(workloads.map((w) => [w.display, w]));
}

function pairConn(model: ReachabilityModel, map: Map<string, Workload>, a: string, b: string): ConnSet {
  const wa = map.get(a);
  const wb = map.get(b);
  if (wa === undefined || wb === undefined) return ConnSet.NONE;
  return model.conn(model.classOfWorkload(wa), model.classOfWorkload(wb));
}

function makeRow(src: PeerRef, dst: PeerRef, ref1: ConnSet, ref2: ConnSet, oldByName: Map<string, Workload>, newByName: Map<string, Workload>): DiffRow {
  const type: DiffType = ref1.isEmpty() ? 'added' : ref2.isEmpty() ? 'removed' : 'changed';
  let info: string | undefined;
  if (type !== 'changed') {
    const other = type === 'added' ? oldByName : newByName;
    const fresh = [src, dst].filter((p) => p.kind === 'workload' && !other.has(p.name)).map((p) => p.name);
    if (fresh.length > 0) info = `workload ${fresh.join(' and ')} ${type}`;
  }
  return { type, src, dst, ref1, ref2, info };
}

/** The pieces both partitions induce (the cut points of either). */
function commonPieces(a: readonly Interval<bigint>[], b: readonly Interval<bigint>[]): Interval<bigint>[] {
  const sets = [...a, ...b].map((range) => IpSet.of(range));
  const universe = sets.reduce((u, s) => u.union(s), IpSet.EMPTY);
  return disjointPieces(sets, universe);
}

/** Adjacent pieces with the same pair of connection sets, merged; unchanged runs dropped. */
function mergedRuns(pieces: readonly Interval<bigint>[], evaluate: (piece: Interval<bigint>) => [ConnSet, ConnSet]): { range: Interval<bigint>; ref1: ConnSet; ref2: ConnSet }[] {
  const runs: { range: Interval<bigint>; ref1: ConnSet; ref2: ConnSet }[] = [];
  for (const piece of pieces) {
    const [ref1, ref2] = evaluate(piece);
    const last = runs[runs.length - 1];
    const sameFamily = last !== undefined && (last.range.end < V6_BASE) === (piece.start < V6_BASE);
    if (last !== undefined && sameFamily && last.range.end + 1n === piece.start && last.ref1 === ref1 && last.ref2 === ref2) {
      last.range = { start: last.range.start, end: piece.end };
    } else {
      runs.push({ range: piece, ref1, ref2 });
    }
  }
  return runs.filter((r) => r.ref1 !== r.ref2);
}

/**
 * Rows in netpol-analyzer's order: changed, added, removed (each sorted by its text line), first
 * for connections between peers, then for connections from the ingress controller.
 */
export function sortDiffRows(rows: readonly DiffRow[]): DiffRow[] {
  const order: DiffType[] = ['changed', 'added', 'removed'];
  const byType = (list: readonly DiffRow[]): DiffRow[] =>
    order.flatMap((type) =>
      list
        .filter((r) => r.type === type)
        .map((r) => ({ r, line: diffLine(r) }))
        .sort((x, y) => compareText(x.line, y.line))
        .map((x) => x.r),
    );
  const fromController = (r: DiffRow): boolean => r.src.kind === 'ingress-controller';
  return [...byType(rows.filter((r) => !fromController(r))), ...byType(rows.filter(fromController))];
}

export function diffLine(row: DiffRow): string {
  const info = row.info === undefined ? '' : `, workloads-diff-info: ${row.info}`;
  return `diff-type: ${row.type}, source: ${row.src.name}, destination: ${row.dst.name}, ref1: ${row.ref1.toString()}, ref2: ${row.ref2.toString()}${info}`;
}
