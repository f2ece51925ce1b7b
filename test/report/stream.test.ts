/**
 * Streamed reports (writeReport): the pieces joined are exactly the whole report, for JSON
 * (checked against JSON.stringify of the documented document) and every other format.
 */
import fc from 'fast-check';
import { FORMAT_NAMES, formatReport, writeReport } from '../../src/report';
import { jsonChunks, jsonReport } from '../../src/report/json';
import type { Finding, Report, SuppressedFinding } from '../../src/types';
import { makeReport, PLAIN } from './fixtures';

const FINDING: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.constantFrom('yaml/duplicate-key', 'security/privileged', 'schema/unknown-field'),
  category: fc.constantFrom('yaml' as const, 'security' as const, 'schema' as const),
  severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
  message: fc.string({ unit: 'binary', maxLength: 40 }),
  file: fc.string({ maxLength: 12 }),
  line: fc.nat(1000),
  column: fc.nat(200),
  endLine: fc.nat(1000),
  endColumn: fc.nat(200),
  object: fc.option(fc.record({ apiVersion: fc.string({ maxLength: 8 }), kind: fc.string({ maxLength: 8 }), namespace: fc.option(fc.string({ maxLength: 8 })), name: fc.string({ maxLength: 8 }) })),
  path: fc.option(fc.string({ maxLength: 20 })),
});

const SUPPRESSED: fc.Arbitrary<SuppressedFinding> = fc.tuple(FINDING, fc.string({ maxLength: 20 })).map(([f, by]) => ({ ...f, suppressedBy: by }));

describe('streamed reports', () => {
  test('JSON pieces join to JSON.stringify of the report document, with and without suppressed findings', () => {
    fc.assert(
      fc.property(fc.array(FINDING, { maxLength: 12 }), fc.array(SUPPRESSED, { maxLength: 4 }), fc.boolean(), (findings, suppressed, showSuppressed) => {
        const report: Report = makeReport({ findings, suppressed });
        expect([...jsonChunks(report, { showSuppressed })].join('')).toBe(`${JSON.stringify(jsonReport(report, showSuppressed), null, 2)}\n`);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  test('every format written in pieces equals the whole report', () => {
    fc.assert(
      fc.property(fc.array(FINDING, { maxLength: 8 }), fc.array(SUPPRESSED, { maxLength: 3 }), fc.boolean(), fc.boolean(), (findings, suppressed, showSuppressed, quiet) => {
        const report = makeReport({ findings, suppressed });
        for (const format of FORMAT_NAMES) {
          const options = { ...PLAIN, showSuppressed, quiet };
          const pieces: string[] = [];
          writeReport(format, report, options, (chunk) => pieces.push(chunk));
          expect(pieces.join('')).toBe(formatReport(format, report, options));
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  test('odd values are written as JSON.stringify writes them (undefined left out, NaN as null, nested values)', () => {
    const base: Finding = { ruleId: 'security/privileged', category: 'security', severity: 'error', message: 'm "q" \\ \u2028', file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, object: { apiVersion: 'v1', kind: 'Pod', namespace: null, name: 'p' }, path: 'spec' };
    const odd = [
      { ...base, path: undefined },
      { ...base, line: Number.NaN, column: -0 },
      { ...base, object: { apiVersion: 'v1', kind: 'Pod', namespace: undefined, name: 'p' } },
      { ...base, message: { nested: ['x'] } },
    ] as unknown as Finding[];
    const report = makeReport({ findings: odd, suppressed: [{ ...base, suppressedBy: 'comment' }] });
    for (const showSuppressed of [false, true]) {
      expect([...jsonChunks(report, { showSuppressed })].join('')).toBe(`${JSON.stringify(jsonReport(report, showSuppressed), null, 2)}\n`);
    }
  });

  test('a large JSON report comes in several pieces', () => {
    const finding: Finding = { ruleId: 'security/privileged', category: 'security', severity: 'error', message: 'x'.repeat(500), file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, object: null, path: null };
    const report = makeReport({ findings: new Array<Finding>(5000).fill(finding), suppressed: [] });
    const pieces = [...jsonChunks(report, { showSuppressed: false })];
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(`${JSON.stringify(jsonReport(report, false), null, 2)}\n`);
  });
});
