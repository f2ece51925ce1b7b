/** Property tests (fast-check) for the interval, CIDR/IP-set and connection-set algebra. */
import fc from 'fast-check';
import { ConnSet, PROTOCOLS, type Protocol } from '../../../src/analysis/netpol/connections';
import { contains, equals, intersect, isSubset, normalize, NUMBER_SCALAR, subtract, union, type Interval } from '../../../src/analysis/netpol/intervals';
import { disjointPieces, formatAddress, IpSet, parseCidr, parseIpv4, parseIpv6, V6_BASE } from '../../../src/analysis/netpol/ip';

const MAX = 63;
const interval = fc.tuple(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: MAX })).map(([a, b]): Interval<number> => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const intervalSet = fc.array(interval, { maxLength: 6 }).map((items) => normalize(items, NUMBER_SCALAR));

function members(set: readonly Interval<number>[]): boolean[] {
  return Array.from({ length: MAX + 1 }, (_, i) => contains(set, i));
}

function isCanonical(set: readonly Interval<number>[]): boolean {
  return set.every((r, i) => r.start <= r.end && (i === 0 || set[i - 1].end + 1 < r.start));
}

describe('interval sets', () => {
  test('normalize yields sorted, disjoint, non-touching intervals with the same members', () => {
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), (items) => {
        const set = normalize(items, NUMBER_SCALAR);
        expect(isCanonical(set)).toBe(true);
        expect(members(set)).toEqual(Array.from({ length: MAX + 1 }, (_, i) => items.some((r) => r.start <= i && i <= r.end)));
      }),
    );
  });

  test('union, intersection and difference agree with element-wise logic and stay canonical', () => {
    fc.assert(
      fc.property(intervalSet, intervalSet, (a, b) => {
        const ma = members(a);
        const mb = members(b);
        const u = union(a, b, NUMBER_SCALAR);
        const n = intersect(a, b);
        const d = subtract(a, b, NUMBER_SCALAR);
        expect([u, n, d].every(isCanonical)).toBe(true);
        expect(members(u)).toEqual(ma.map((x, i) => x || mb[i]));
        expect(members(n)).toEqual(ma.map((x, i) => x && mb[i]));
        expect(members(d)).toEqual(ma.map((x, i) => x && !mb[i]));
      }),
    );
  });

  test('equality is structural on canonical sets; subset iff the difference is empty', () => {
    fc.assert(
      fc.property(intervalSet, intervalSet, (a, b) => {
        const same = members(a).every((x, i) => x === members(b)[i]);
        expect(equals(a, b)).toBe(same);
        expect(isSubset(a, b, NUMBER_SCALAR)).toBe(members(a).every((x, i) => !x || members(b)[i]));
      }),
    );
  });
});

const v4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

describe('IP addresses and CIDRs', () => {
  test('IPv4 text round-trips', () => {
    fc.assert(fc.property(v4, (a) => expect(parseIpv4(formatAddress(a))).toBe(a)));
  });

  test('IPv6 text round-trips (RFC 5952 compression)', () => {
    fc.assert(fc.property(v6, (a) => expect(parseIpv6(formatAddress(V6_BASE + a))).toBe(a)));
  });

  test('a CIDR block is aligned, has 2^(bits-prefix) addresses and contains its address', () => {
    fc.assert(
      fc.property(v4, fc.integer({ min: 0, max: 32 }), (a, prefix) => {
        const parsed = parseCidr(`${formatAddress(a)}/${prefix}`);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const { start, end } = parsed.cidr.range;
        const size = 1n << BigInt(32 - prefix);
        expect(end - start + 1n).toBe(size);
        expect(start % size).toBe(0n);
        expect(start <= a && a <= end).toBe(true);
        expect(parsed.cidr.canonical).toBe(start === a);
      }),
    );
  });

  test('cidr minus except contains exactly the addresses in cidr and in no except', () => {
    const block = fc.tuple(v4, fc.integer({ min: 0, max: 32 }));
    fc.assert(
      fc.property(block, fc.array(block, { maxLength: 3 }), fc.array(v4, { minLength: 1, maxLength: 20 }), (main, excepts, probes) => {
        const toSet = ([a, p]: [bigint, number]): IpSet => {
          const parsed = parseCidr(`${formatAddress(a)}/${p}`);
          if (!parsed.ok) throw new Error('unexpected');
          return IpSet.of(parsed.cidr.range);
        };
        const cidr = toSet(main);
        const holes = excepts.map(toSet);
        const set = holes.reduce((s, h) => s.subtract(h), cidr);
        for (const probe of [...probes, ...cidr.intervals.map((r) => r.start)]) {
          expect(set.has(probe)).toBe(cidr.has(probe) && !holes.some((h) => h.has(probe)));
        }
      }),
    );
  });

  test('disjoint pieces partition the universe and never straddle an input set', () => {
    const range = fc.tuple(v4, v4).map(([a, b]) => IpSet.of({ start: a < b ? a : b, end: a < b ? b : a }));
    fc.assert(
      fc.property(fc.array(range, { maxLength: 5 }), (sets) => {
        const pieces = disjointPieces(sets, IpSet.ALL_V4);
        expect(pieces[0].start).toBe(0n);
        expect(pieces[pieces.length - 1].end).toBe((1n << 32n) - 1n);
        pieces.forEach((p, i) => {
          if (i > 0) expect(p.start).toBe(pieces[i - 1].end + 1n);
          for (const s of sets) expect(s.has(p.start)).toBe(s.has(p.end));
        });
      }),
    );
  });
});

const protocol = fc.constantFrom<Protocol>(...PROTOCOLS);
const portRange = fc.tuple(protocol, fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 2000 })).map(([p, start, width]) => ConnSet.ports(p, start, Math.min(65535, start + width)));
const connSet = fc.array(fc.oneof(portRange, fc.constant(ConnSet.ALL), fc.constant(ConnSet.NONE), protocol.map((p) => ConnSet.ports(p))), { maxLength: 4 }).map((parts) => parts.reduce((a, b) => a.union(b), ConnSet.NONE));

describe('connection sets', () => {
  test('union and intersection are commutative, associative and idempotent; equal sets are one object', () => {
    fc.assert(
      fc.property(connSet, connSet, connSet, (a, b, c) => {
        expect(a.union(b)).toBe(b.union(a));
        expect(a.intersect(b)).toBe(b.intersect(a));
        expect(a.union(b).union(c)).toBe(a.union(b.union(c)));
        expect(a.intersect(b).intersect(c)).toBe(a.intersect(b.intersect(c)));
        expect(a.union(a)).toBe(a);
        expect(a.intersect(a)).toBe(a);
      }),
    );
  });

  test('distributivity and De Morgan with the complement', () => {
    fc.assert(
      fc.property(connSet, connSet, connSet, (a, b, c) => {
        expect(a.intersect(b.union(c))).toBe(a.intersect(b).union(a.intersect(c)));
        expect(a.union(b).complement()).toBe(a.complement().intersect(b.complement()));
        expect(a.complement().complement()).toBe(a);
      }),
    );
  });

  test('difference and subset', () => {
    fc.assert(
      fc.property(connSet, connSet, (a, b) => {
        expect(a.subtract(b).intersect(b)).toBe(ConnSet.NONE);
        expect(a.subtract(b).union(a.intersect(b))).toBe(a);
        expect(a.isSubsetOf(b)).toBe(a.union(b) === b);
        expect(a.intersect(b).isSubsetOf(a)).toBe(true);
      }),
    );
  });

  test('allows() agrees with membership', () => {
    fc.assert(
      fc.property(connSet, protocol, fc.integer({ min: 1, max: 65535 }), (a, p, port) => {
        expect(a.allows(p, port)).toBe(!ConnSet.ports(p, port, port).intersect(a).isEmpty());
      }),
    );
  });

  test('text form', () => {
    expect(ConnSet.ALL.toString()).toBe('All Connections');
    expect(ConnSet.NONE.toString()).toBe('No Connections');
    expect(ConnSet.ports('UDP', 53).union(ConnSet.ports('TCP', 80, 81)).union(ConnSet.ports('TCP', 8080, 8080)).toString()).toBe('TCP 80-81,8080,UDP 53-65535');
    expect(ConnSet.ports('TCP', 80, 80).union(ConnSet.named('TCP', 'http')).toString()).toBe('TCP 80,http');
  });
});
