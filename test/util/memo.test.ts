import { memoize } from '../../src/util/memo';

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
