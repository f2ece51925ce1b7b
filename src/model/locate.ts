/** Finds the source range of a field path inside a composed document. */
import { MAP_STRIDE, SEQ_STRIDE, storedPositions } from '../load/compose';
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
    const stored = node !== null && typeof node === 'object' ? storedPositions(node) : undefined;
    if (stored === undefined) return { ...best, exact: false };
    const last = i === path.length - 1;
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length || segment < 0) return { ...best, exact: false };
      const at = 2 + segment * SEQ_STRIDE;
      node = node[segment];
      best = { start: stored[at] as number, end: stored[at + 1] as number, exact: last, collection: isCollection(node) };
    } else {
      const at = Array.isArray(node) ? -1 : keyEntry(stored, segment);
      if (at < 0) return { ...best, exact: false };
      node = (node as Record<string, unknown>)[segment];
      // A key is one token: prefer it over a multi-line collection value, and as the stand-in
      // for a missing descendant.
      const useKey = target === 'key' || !last || isCollection(node);
      best = useKey
        ? { start: stored[at + 1] as number, end: stored[at + 2] as number, exact: last, collection: false }
        : { start: stored[at + 3] as number, end: stored[at + 4] as number, exact: true, collection: false };
    }
  }
  return best;
}

/** Where a mapping's stored positions hold `key`, or -1. */
function keyEntry(stored: readonly (number | string)[], key: string): number {
  for (let at = 2; at < stored.length; at += MAP_STRIDE) if (stored[at] === key) return at;
  return -1;
}

function isCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}
