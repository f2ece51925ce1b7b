/**
 * Conformance with np-guard/netpol-analyzer's golden outputs (shared/conformance/netpol-analyzer):
 * every `networkpolicy-v1-only` list case without options in txt format must produce exactly
 * the expected lines; so must the exposure, focus, diff and other-format cases kubevet attempts,
 * and the same for inputs with Ingress and OpenShift Route objects (`{ingress-controller}`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseGroup, LOADER_DEVIATIONS, runNetpolConformance, type ConformanceCase, type ConformanceReport } from '../../src/analysis/netpol/conformance';
import { describeShared, sharedPath } from '../helpers/shared';

describeShared('netpol-analyzer conformance', () => {
  const dataDir = sharedPath('conformance', 'netpol-analyzer');
  let report: ConformanceReport;

  beforeAll(() => {
    report = runNetpolConformance(dataDir);
  });

  test('the required subset: all 41 v1-only list cases without options, txt format', () => {
    const index = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')) as { cases: ConformanceCase[] };
    const required = index.cases.filter((c) => c.command === 'list' && c.category === 'networkpolicy-v1-only' && Object.keys(c.options ?? {}).length === 0 && c.format === 'txt');
    expect(required).toHaveLength(41);
    expect(required.every((c) => caseGroup(c) === 'connlist-txt')).toBe(true);
    const failed = report.groups.find((g) => g.group === 'connlist-txt')?.failures.map((f) => f.id) ?? [];
    expect(required.filter((c) => failed.includes(c.expected))).toEqual([]);
  });

  const GROUPS = ['connlist-txt', 'connlist-focus-txt', 'connlist-formats', 'connlist-dot', 'exposure-txt', 'exposure-formats', 'diff-txt', 'diff-formats', 'fatal-errors'];
  test.each([...GROUPS, ...GROUPS.filter((g) => g !== 'fatal-errors').map((g) => `ingress-${g}`), 'explain-txt', 'explain-exposure-txt'])('%s: every case passes', (group) => {
    const result = report.groups.find((g) => g.group === group);
    expect(result).toBeDefined();
    expect(result?.failures.map((f) => `${f.id}: ${f.detail ?? ''}`)).toEqual([]);
    expect(result?.total).toBeGreaterThan(0);
  });

  test('only the documented loader deviations are skipped', () => {
    expect(new Set(report.skipped.map((s) => s.reason))).toEqual(new Set(LOADER_DEVIATIONS.values()));
  });
});
