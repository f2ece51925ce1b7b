/** Values as findings quote them: strings in quotes, the rest as compact JSON, long ones cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 100 ? `${json.slice(0, 97)}...` : json;
}

export function showList(values: readonly unknown[]): string {
  return values.map(showValue).join(', ');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
