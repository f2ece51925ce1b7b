/** Finds the source range of a field path inside a composed document. */
import { positionsOf, type MapPositions, type SeqPositions } from '../load/compose';
import type { FieldPath } from './path';

export type LocateTarget = 'key' | 'value';

export interface OffsetRange {
  start: number;
  end: number;
  /** False when the path does not exist and the range is that of its deepest existing ancestor. */
  exact: boolean;
  /** True when the range covers a whole collection (reporters may prefer its first line). */
  collection: boolean;
}

/**
 * The range of `path` under `root`. For a missing path, the deepest existing ancestor's key
 * (or item) stands in, so a finding about an absent field points at where it belongs.
 */
export function locate(root: unknown, rootStart: number, rootEnd: number, path: FieldPath, target: LocateTarget = 'value'): OffsetRange {
  let node = root;
  let best: OffsetRange = { start: rootStart, end: rootEnd, exact: path.length === 0, collection: isCollection(root) };
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const positions = node !== null && typeof node === 'object' ? positionsOf(node) : undefined;
    if (positions === undefined) return { ...best, exact: false };
    const last = i === path.length - 1;
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length || segment < 0) return { ...best, exact: false };
      const seq = positions as SeqPositions;
      node = node[segment];
      best = { start: seq.offsets[segment * 2], end: seq.offsets[segment * 2 + 1], exact: last, collection: isCollection(node) };
    } else {
      const map = positions as MapPositions;
      const index = map.keys === undefined ? -1 : map.keys.indexOf(segment);
      if (index < 0) return { ...best, exact: false };
      node = (node as Record<string, unknown>)[segment];
      const o = index * 4;
      // A key is one token: prefer it over a multi-line collection value, and as the stand-in
      // for a missing descendant.
      const useKey = target === 'key' || !last || isCollection(node);
      best = useKey
        ? { start: map.offsets[o], end: map.offsets[o + 1], exact: last, collection: false }
        : { start: map.offsets[o + 2], end: map.offsets[o + 3], exact: true, collection: false };
    }
  }
  return best;
}

function isCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}
