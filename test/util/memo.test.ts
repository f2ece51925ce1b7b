import { LastKeyCache, memoize } from '../../src/util/memo';

describe('memoize', () => {
  test('computes once per key and keeps keys apart', () => {
    const calls: string[] = [];
    const length = memoize((key: string) => {
      calls.push(key);
      return key.length;
    }, new Map<string, number>());
    expect([length('ab'), length('abc'), length('ab'), length('abc')]).toEqual([2, 3, 2, 3]);
    expect(calls).toEqual(['ab', 'abc']);
  });

  test('per object with a WeakMap: the same object gets the same result, an equal one its own', () => {
    const copy = memoize((o: { n: number }) => ({ ...o }), new WeakMap<{ n: number }, { n: number }>());
    const a = { n: 1 };
    expect(copy(a)).toBe(copy(a));
    expect(copy({ n: 1 })).not.toBe(copy(a));
  });
});

describe('LastKeyCache', () => {
  test('answers for the last key only, so a result lives as long as its object is being checked', () => {
    const calls: object[] = [];
    const copy = memoize((o: { n: number }) => {
      calls.push(o);
      return { ...o };
    }, new LastKeyCache<{ n: number }, { n: number }>());
    const a = { n: 1 };
    const b = { n: 1 };
    const first = copy(a);
    expect(copy(a)).toBe(first);
    expect(copy(b)).not.toBe(first);
    // a was replaced by b: computed again, a fresh result equal to the first.
    const again = copy(a);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(calls).toEqual([a, b, a]);
  });

  test('an empty cache has nothing, not even for undefined', () => {
    expect(new LastKeyCache<object | undefined, number>().get(undefined)).toBeUndefined();
  });
});
