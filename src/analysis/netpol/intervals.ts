/**
 * Canonical sets of closed integer intervals: sorted, disjoint and never touching (adjacent
 * intervals are merged), so two equal sets always have the same representation. One
 * implementation serves port sets (`number`) and IP address sets (`bigint`).
 */
import { intervalIndex } from '../../util/interval-search';

export interface Interval<T> {
  readonly start: T;
  readonly end: T;
}

/** The numeric operations an interval set needs from its element type. */
export interface Scalar<T> {
  next(value: T): T;
  previous(value: T): T;
}

export const NUMBER_SCALAR: Scalar<number> = { next: (v) => v + 1, previous: (v) => v - 1 };
export const BIGINT_SCALAR: Scalar<bigint> = { next: (v) => v + 1n, previous: (v) => v - 1n };

export type Intervals<T> = readonly Interval<T>[];

/** Sorts, merges overlapping and touching intervals, drops empty ones (start > end). */
export function normalize<T extends number | bigint>(items: Intervals<T>, scalar: Scalar<T>): Interval<T>[] {
  const sorted = items.filter((i) => i.start <= i.end).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval<T>[] = [];
  for (const item of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && item.start <= scalar.next(last.end)) {
      if (item.end > last.end) out[out.length - 1] = { start: last.start, end: item.end };
    } else {
      out.push({ start: item.start, end: item.end });
    }
  }
  return out;
}

export function union<T extends number | bigint>(a: Intervals<T>, b: Intervals<T>, scalar: Scalar<T>): Interval<T>[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  return normalize([...a, ...b], scalar);
}

export function intersect<T extends number | bigint>(a: Intervals<T>, b: Intervals<T>): Interval<T>[] {
  const out: Interval<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = a[i].start > b[j].start ? a[i].start : b[j].start;
    const end = a[i].end < b[j].end ? a[i].end : b[j].end;
    if (start <= end) out.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return out;
}

export function subtract<T extends number | bigint>(a: Intervals<T>, b: Intervals<T>, scalar: Scalar<T>): Interval<T>[] {
  const out: Interval<T>[] = [];
  let j = 0;
  for (const item of a) {
    let start = item.start;
    const end = item.end;
    while (j < b.length && b[j].end < start) j++;
    let k = j;
    let done = false;
    while (k < b.length && b[k].start <= end) {
      if (b[k].start > start) out.push({ start, end: scalar.previous(b[k].start) });
      if (b[k].end >= end) {
        done = true;
        break;
      }
      start = scalar.next(b[k].end);
      k++;
    }
    if (!done && start <= end) out.push({ start, end });
  }
  return out;
}

export function equals<T extends number | bigint>(a: Intervals<T>, b: Intervals<T>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].start !== b[i].start || a[i].end !== b[i].end) return false;
  return true;
}

/** True when every element of `a` is in `b`. */
export function isSubset<T extends number | bigint>(a: Intervals<T>, b: Intervals<T>, scalar: Scalar<T>): boolean {
  return subtract(a, b, scalar).length === 0;
}

export function contains<T extends number | bigint>(set: Intervals<T>, value: T): boolean {
  return intervalIndex(set, value) >= 0;
}

export function overlaps<T extends number | bigint>(a: Intervals<T>, b: Intervals<T>): boolean {
  return intersect(a, b).length > 0;
}
