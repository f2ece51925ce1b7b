/** The part of Map and WeakMap that memoize needs. */
export interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * `compute` remembered per key in `cache`: a LastKeyCache for what the object rules share about
 * the object being checked, a WeakMap for per-object results needed across the run (they go with
 * the object), a Map for small keys such as a Kubernetes version. `compute` never returns undefined.
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

/**
 * A cache of the last key only. The engine checks one object at a time with every object rule,
 * so results about the object being checked are asked for again and again, then never: kept in
 * a WeakMap they would live (and be copied by the garbage collector) as long as the run, while
 * here they die young with the object's turn.
 */
export class LastKeyCache<K, V> implements Cache<K, V> {
  private key: K | undefined;
  private value: V | undefined;

  get(key: K): V | undefined {
    return key === this.key ? this.value : undefined;
  }

  set(key: K, value: V): void {
    this.key = key;
    this.value = value;
  }
}
