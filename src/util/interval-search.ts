/**
 * Index of the interval of `sorted` that contains `value`, or -1. The intervals are sorted,
 * disjoint, and include both bounds (`start` ≤ value ≤ `end`): source lines of rendered
 * documents, address ranges, port ranges.
 */
export function intervalIndex<T extends number | bigint>(sorted: readonly { readonly start: T; readonly end: T }[], value: T): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].end < value) lo = mid + 1;
    else if (sorted[mid].start > value) hi = mid - 1;
    else return mid;
  }
  return -1;
}
