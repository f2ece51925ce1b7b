import fc from 'fast-check';
import { compareQuantities, integerValue, isWholeNumber, parseQuantity, suggestQuantity, type Quantity } from '../../src/data/quantity';

function q(text: string | number): Quantity {
  const r = parseQuantity(text);
  if (!r.ok) throw new Error(`${String(text)} did not parse: ${r.reason}`);
  return r.quantity;
}

describe('parseQuantity accepts what the API server accepts', () => {
  test.each([
    ['0', 0n], ['1', 1_000_000_000n], ['1.5', 1_500_000_000n], ['.5', 500_000_000n], ['5.', 5_000_000_000n],
    ['+1', 1_000_000_000n], ['-1', -1_000_000_000n], ['100m', 100_000_000n], ['1k', 10n ** 12n], ['1M', 10n ** 15n],
    ['1G', 10n ** 18n], ['1T', 10n ** 21n], ['1P', 10n ** 24n], ['1E', 10n ** 27n], ['1n', 1n], ['1u', 1000n],
    ['1Ki', 1024n * 10n ** 9n], ['1Mi', 1024n ** 2n * 10n ** 9n], ['1Gi', 1024n ** 3n * 10n ** 9n], ['1Ti', 1024n ** 4n * 10n ** 9n],
    ['1Pi', 1024n ** 5n * 10n ** 9n], ['1.5Gi', 1536n * 1024n ** 2n * 10n ** 9n], ['1e3', 10n ** 12n], ['1E3', 10n ** 12n],
    ['1e-3', 1_000_000n], ['1e+3', 10n ** 12n], ['000', 0n], ['007', 7_000_000_000n], [' 1Gi ', 1024n ** 3n * 10n ** 9n],
    // Go quirks kept on purpose: a bare sign or dot is zero, as is a bare exponent.
    ['-', 0n], ['+', 0n], ['.', 0n], ['e3', 0n],
    // Values finer than 1n round up, away from zero.
    ['0.5n', 1n], ['1.1n', 2n], ['-0.5n', -1n],
    // Binary values above 2^63-1 are capped.
    ['8Ei', ((1n << 63n) - 1n) * 10n ** 9n],
  ])('%s', (text, nanos) => {
    expect(q(text).nanos).toBe(nanos);
  });

  test('YAML numbers are read as the API server reads their JSON form', () => {
    expect(q(0.5).nanos).toBe(500_000_000n);
    expect(q(2).nanos).toBe(2_000_000_000n);
    expect(q(1e21).nanos).toBe(10n ** 30n);
    expect(parseQuantity(Number.NaN).ok).toBe(false);
  });
});

describe('parseQuantity rejects what the API server rejects', () => {
  test.each(['', '1 GB', '1gi', '500mb', '1GB', '1KB', '1K', '1.5.5', '1e', '1Ki5', 'abc', '1x', '--1', '1e1.5', '1m5', 'e-10', '1,5', '0x10', '1e99999999999999999999'])('%j', (text) => {
    expect(parseQuantity(text).ok).toBe(false);
  });
});

describe('comparisons are exact', () => {
  test.each([
    ['1Gi', '1G', 1], ['1000m', '1', 0], ['0.1', '100m', 0], ['1e3', '1k', 0], ['1.5Gi', '1536Mi', 0],
    ['1Ki', '1k', 1], ['999m', '1', -1], ['0.5n', '1n', 0], ['128974848', '129e6', -1], ['129M', '123Mi', 1],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareQuantities(q(a), q(b)))).toBe(sign);
  });

  test('whole numbers and integer values', () => {
    expect(isWholeNumber(q('2'))).toBe(true);
    expect(isWholeNumber(q('1500m'))).toBe(false);
    expect(integerValue(q('1500m'))).toBe(2n);
    expect(integerValue(q('2Mi'))).toBe(2097152n);
  });
});

describe('properties', () => {
  const suffixes = ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

  test('every number with a known suffix parses', () => {
    fc.assert(fc.property(fc.nat(), fc.nat({ max: 999 }), fc.constantFrom(...suffixes), (whole, frac, suffix) => {
      expect(parseQuantity(`${whole}.${frac}${suffix}`).ok).toBe(true);
    }));
  });

  test('monotonic in the number for a fixed suffix (strictly, below the 2^63-1 cap of binary values)', () => {
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.constantFrom(...suffixes), (a, b, suffix) => {
      fc.pre(a !== b);
      const cmp = Math.sign(compareQuantities(q(`${a}${suffix}`), q(`${b}${suffix}`)));
      const capped = suffix.endsWith('i') && BigInt(Math.max(a, b)) * 1024n ** BigInt('KMGTPE'.indexOf(suffix[0]) + 1) > (1n << 63n) - 1n;
      if (capped) expect(cmp * Math.sign(b - a)).toBeLessThanOrEqual(0);
      else expect(cmp).toBe(a < b ? -1 : 1);
    }));
  });

  test('nGi > nG and nKi > nk for n >= 1', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
      expect(compareQuantities(q(`${n}Gi`), q(`${n}G`))).toBeGreaterThan(0);
      expect(compareQuantities(q(`${n}Ki`), q(`${n}k`))).toBeGreaterThan(0);
    }));
  });

  test('suffixes scale exactly: n*1000 m == n, n*1024 Ki == n Mi, n e3 == n k', () => {
    fc.assert(fc.property(fc.nat({ max: 1_000_000 }), (n) => {
      expect(compareQuantities(q(`${n * 1000}m`), q(`${n}`))).toBe(0);
      expect(compareQuantities(q(`${n * 1024}Ki`), q(`${n}Mi`))).toBe(0);
      expect(compareQuantities(q(`${n}e3`), q(`${n}k`))).toBe(0);
    }));
  });

  test('a stray letter outside the suffix alphabet makes any quantity invalid', () => {
    fc.assert(fc.property(fc.nat(), fc.constantFrom(...suffixes), fc.constantFrom('x', 'B', 'b', 'g', 'z', ' ', '%'), (n, suffix, junk) => {
      expect(parseQuantity(`${n}${suffix}${junk}1`).ok).toBe(false);
    }));
  });

  test('suggestions always parse', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const s = suggestQuantity(text);
      if (s !== undefined) expect(parseQuantity(s).ok).toBe(true);
    }));
  });
});

describe('suggestQuantity', () => {
  test.each([
    ['1 GB', '1Gi'], ['1gi', '1Gi'], ['500mb', '500Mi'], ['1GB', '1Gi'], ['512MiB', '512Mi'], ['2 Gi', '2Gi'], ['100 m', '100m'], ['1K', '1Ki'], ['1,5Gi', '1.5Gi'],
  ])('%s -> %s', (text, fixed) => {
    expect(suggestQuantity(text)).toBe(fixed);
  });

  test.each(['two gigs', '1Gi'])('no suggestion for %s', (text) => {
    expect(suggestQuantity(text)).toBeUndefined();
  });
});

test('valid quantities too large to compute exactly are not compared', () => {
  const huge = q('1e2000');
  expect(huge.exact).toBe(false);
  expect(Number.isNaN(compareQuantities(huge, q('1Gi')))).toBe(true);
  expect(q('1e-2000').nanos).toBe(1n);
});
