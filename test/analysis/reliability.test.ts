import fc from 'fast-check';
import { canonicallyEqual } from '../../src/analysis/reliability';
import { isRecord } from '../../src/model/path';

/** The reference: a stable text of a JSON-like value with sorted keys (what the rules compared before). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

describe('canonicalJson (the reference)', () => {
  test('ignores key order, keeps array order', () => {
    expect(canonicalJson({ a: 1, b: [1, 2] })).toBe(canonicalJson({ b: [1, 2], a: 1 }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

/** Manifest-like values, with the scalars YAML can produce (NaN and Infinity from .nan/.inf) and a few shared keys. */
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('list'), tie('map')),
  scalar: fc.oneof(fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, 0, 1, '1', 'a', true, false, ''), fc.string({ maxLength: 3 }), fc.integer({ min: -2, max: 2 })),
  list: fc.array(tie('node'), { maxLength: 3 }),
  map: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'port', '__proto__'), tie('node'), { maxKeys: 3 }),
}));

/** The same value with every mapping's keys in reverse order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v).reverse()) Object.defineProperty(out, key, { value: reordered((v as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('canonicallyEqual', () => {
  test('decides exactly as comparing the reference texts', () => {
    fc.assert(
      fc.property(value.node, value.node, (a, b) => {
        expect(canonicallyEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  test('ignores key order, and only key order', () => {
    fc.assert(
      fc.property(value.node, (a) => {
        expect(canonicallyEqual(a, reordered(a))).toBe(true);
      }),
    );
    expect(canonicallyEqual({ httpGet: { path: '/healthz', port: 80 } }, { httpGet: { port: 80, path: '/healthz' } })).toBe(true);
    expect(canonicallyEqual({ httpGet: { path: '/healthz', port: 80 } }, { httpGet: { path: '/healthz', port: '80' } })).toBe(false);
    expect(canonicallyEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(canonicallyEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(canonicallyEqual(NaN, null)).toBe(true);
  });
});
