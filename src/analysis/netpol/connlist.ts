/**
 * The list of allowed connections, one row per ordered pair of peers (workloads and external
 * address ranges) with a non-empty connection set, sorted by source then destination: exactly
 * what netpol-analyzer's `list` prints.
 */
import type { ConnSet } from './connections';
import { formatRange } from './ip';
import type { ReachabilityModel } from './model';
import type { Workload } from './topology';

export interface PeerRef {
  kind: 'workload' | 'external' | 'ingress-controller';
  /** `ns/name[Kind]` or `a.b.c.d-e.f.g.h[External]`. */
  name: string;
  namespace: string | undefined;
  workload: Workload | undefined;
}

export interface ConnRow {
  src: PeerRef;
  dst: PeerRef;
  conn: ConnSet;
}

export interface ListOptions {
  /** Keep only rows where one end is one of these workloads (`name` or `ns/name`). */
  focusWorkloads?: readonly string[];
  /** With focus workloads: keep only their ingress or egress. */
  focusDirection?: 'ingress' | 'egress';
  /** Connections from the ingress controller (ingress.ts), listed as `{ingress-controller} => …`. */
  ingressController?: ReadonlyMap<Workload, ConnSet>;
}

export const INGRESS_CONTROLLER_PEER: PeerRef = { kind: 'ingress-controller', name: '{ingress-controller}', namespace: undefined, workload: undefined };

export function workloadPeer(w: Workload): PeerRef {
  return { kind: 'workload', name: w.display, namespace: w.namespace, workload: w };
}

export function externalPeer(range: { start: bigint; end: bigint }): PeerRef {
  return { kind: 'external', name: `${formatRange(range)}[External]`, namespace: undefined, workload: undefined };
}

export function matchesFocus(w: Workload | undefined, focus: readonly string[]): boolean {
  if (w === undefined) return false;
  return focus.some((f) => f === w.name || f === `${w.namespace}/${w.name}`);
}

/** All rows with an allowed connection, sorted. */
export function connectionList(model: ReachabilityModel, options: ListOptions = {}): ConnRow[] {
  const workloads = model.topology.workloads;
  const rows: ConnRow[] = [];
  if (workloads.length === 0) return rows;
  const focus = options.focusWorkloads ?? [];
  const keep = (src: Workload | undefined, dst: Workload | undefined): boolean => {
    if (focus.length === 0) return true;
    const srcFocused = matchesFocus(src, focus);
    const dstFocused = matchesFocus(dst, focus);
    if (options.focusDirection === 'ingress') return dstFocused;
    if (options.focusDirection === 'egress') return srcFocused;
    return srcFocused || dstFocused;
  };
  const peers = workloads.map(workloadPeer);
  for (const a of workloads) {
    const ca = model.classOfWorkload(a);
    for (const b of workloads) {
      if (a === b || !keep(a, b)) continue;
      const conn = model.conn(ca, model.classOfWorkload(b));
      if (!conn.isEmpty()) rows.push({ src: peers[a.index], dst: peers[b.index], conn });
    }
  }
  model.srcPieces.forEach((piece, i) => {
    const src = externalPeer(piece);
    for (const b of workloads) {
      if (!keep(undefined, b)) continue;
      const conn = model.ingressFromPiece(i, model.classOfWorkload(b));
      if (!conn.isEmpty()) rows.push({ src, dst: peers[b.index], conn });
    }
  });
  model.dstPieces.forEach((piece, i) => {
    const dst = externalPeer(piece);
    for (const a of workloads) {
      if (!keep(a, undefined)) continue;
      const conn = model.egressToPiece(model.classOfWorkload(a), i);
      if (!conn.isEmpty()) rows.push({ src: peers[a.index], dst, conn });
    }
  });
  for (const [w, conn] of options.ingressController ?? []) {
    if (keep(undefined, w) || (focus.length > 0 && focus.includes('ingress-controller'))) rows.push({ src: INGRESS_CONTROLLER_PEER, dst: peers[w.index], conn });
  }
  return sortRows(rows);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortRows<T extends { src: { name: string }; dst: { name: string } }>(rows: T[]): T[] {
  return rows.sort((x, y) => compareText(x.src.name, y.src.name) || compareText(x.dst.name, y.dst.name));
}

/** `src => dst : conn` */
export function rowText(row: ConnRow): string {
  return `${row.src.name} => ${row.dst.name} : ${row.conn.toString()}`;
}
