import fc from 'fast-check';
import { intervalIndex } from '../../src/util/interval-search';

describe('intervalIndex', () => {
  const set = [
    { start: 1, end: 3 },
    { start: 5, end: 5 },
    { start: 9, end: 12 },
  ];

  test.each([
    [0, -1],
    [1, 0],
    [3, 0],
    [4, -1],
    [5, 1],
    [9, 2],
    [12, 2],
    [13, -1],
  ])('%d is in interval %d', (value, index) => {
    expect(intervalIndex(set, value)).toBe(index);
  });

  test('bigint bounds and an empty list', () => {
    expect(intervalIndex([{ start: 10n, end: 20n }], 15n)).toBe(0);
    expect(intervalIndex([], 1)).toBe(-1);
  });

  test('finds what a linear scan finds, for any sorted disjoint intervals', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 0, maxLength: 30 }), fc.integer({ min: -5, max: 205 }), (bounds, value) => {
        const sorted = [...bounds].sort((a, b) => a - b);
        const intervals = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: sorted[i], end: sorted[i + 1] });
        expect(intervalIndex(intervals, value)).toBe(intervals.findIndex((r) => r.start <= value && value <= r.end));
      }),
    );
  });
});
