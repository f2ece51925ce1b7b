/** Properties of the range and prefix logic, checked against brute force. */
import fc from 'fast-check';
import { admits, pod } from './helpers';
import { hostPortRangesText, inAnyRange, rangeProblem } from '../../../src/analysis/psp/ranges';
import { hasPathPrefix, hostPathAllowance } from '../../../src/analysis/psp/volumes';
import { equalSeLinuxLevels } from '../../../src/analysis/psp';
import { matchesSysctlPattern, sysctlOverlap } from '../../../src/analysis/psp/sysctls';

const port = fc.integer({ min: 1, max: 65535 });
const range = fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 })).map(([min, max]) => ({ min, max }));

describe('ranges', () => {
  test('a host port is admitted exactly when some range contains it', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 4 }), port, (ranges, hostPort) => {
        const expected = ranges.some((r) => r.min <= hostPort && hostPort <= r.max);
        expect(admits({ hostPorts: ranges }, pod({}, { ports: [{ containerPort: 80, hostPort }] }))).toBe(expected);
        expect(inAnyRange(hostPort, ranges)).toBe(expected);
      }),
    );
  });

  test('a runAsUser is admitted by MustRunAs exactly when some range contains it', () => {
    fc.assert(
      fc.property(fc.array(range, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 70000 }), (ranges, uid) => {
        const expected = ranges.some((r) => r.min <= uid && uid <= r.max);
        expect(admits({ runAsUser: { rule: 'MustRunAs', ranges } }, pod({}, { securityContext: { runAsUser: uid } }))).toBe(expected);
      }),
    );
  });

  test('a range has a problem exactly when it is empty or out of bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 70000 }), fc.integer({ min: -5, max: 70000 }), (min, max) => {
        const empty = min > max || min < 0 || max < 0 || max > 65535;
        expect(rangeProblem({ min, max }, { min: 0, max: 65535 }) !== undefined).toBe(empty);
      }),
    );
  });

  test('host port ranges print as the admission plugin printed them', () => {
    expect(hostPortRangesText([{ min: 80, max: 80 }, { min: 8000, max: 9000 }])).toBe('80,8000-9000');
  });
});

describe('host path prefixes', () => {
  const segment = fc.stringMatching(/^[a-z]{1,4}$/);
  const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);

  test('a prefix matches itself and what lies below it, never a sibling with a longer name', () => {
    fc.assert(
      fc.property(path, path, fc.boolean(), (prefix, rest, slash) => {
        const below = `${prefix === '/' ? '' : prefix}${rest}`;
        expect(hasPathPrefix(below, prefix + (slash && prefix !== '/' ? '/' : ''))).toBe(true);
        if (prefix !== '/') expect(hasPathPrefix(`${prefix}x`, prefix)).toBe(false);
      }),
    );
  });

  test('the allowance agrees with trying each entry', () => {
    const entry = fc.record({ pathPrefix: path, readOnly: fc.boolean() });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), path, (entries, hostPath) => {
        const matching = entries.filter((e) => hasPathPrefix(hostPath, e.pathPrefix));
        const allowance = hostPathAllowance(entries, hostPath);
        expect(allowance.allowed).toBe(matching.length > 0);
        expect(allowance.readOnly).toBe(matching.length > 0 && matching.every((e) => e.readOnly));
      }),
    );
  });
});

describe('SELinux levels and sysctl patterns', () => {
  test('levels compare with categories in any order', () => {
    const cats = fc.uniqueArray(fc.integer({ min: 0, max: 1023 }).map((n) => `c${n}`), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(cats, (c) => {
        expect(equalSeLinuxLevels(`s0:${c.join(',')}`, `s0:${[...c].reverse().join(',')}`)).toBe(true);
        expect(equalSeLinuxLevels(`s0:${c.join(',')}`, `s1:${c.join(',')}`)).toBe(false);
      }),
    );
    expect(equalSeLinuxLevels('s0', 's0:c1')).toBe(false);
  });

  test('an overlap is reported exactly when some sysctl matches both patterns', () => {
    const name = fc.stringMatching(/^[ab]{1,3}(\.[ab]{1,2}){0,2}$/);
    const pattern = fc.oneof(name, name.map((n) => `${n}*`), fc.constant('*'));
    fc.assert(
      fc.property(pattern, pattern, (allowed, forbidden) => {
        // Witnesses: each pattern's own literal part, and that part extended.
        const witnesses = [allowed, forbidden].flatMap((p) => {
          const base = p.replace(/\*$/, '');
          return [base, `${base}a`, `${base}.b`, `${base}ba`];
        });
        const both = witnesses.some((w) => matchesSysctlPattern(w, allowed) && matchesSysctlPattern(w, forbidden));
        expect(sysctlOverlap(allowed, forbidden) !== undefined).toBe(both);
      }),
    );
  });
});
