/** The part of Map and WeakMap that memoize needs. */
export interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * `compute` remembered per key in `cache` (a WeakMap for per-object results, so they go with
 * the object; a Map for small keys such as a Kubernetes version). `compute` never returns undefined.
 */
export function memoize<K, V>(compute: (key: K) => V, cache: Cache<K, V>): (key: K) => V {
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}
