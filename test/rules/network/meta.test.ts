/**
 * The checks of test/rules/registry.test.ts, applied to the network rules before they are
 * registered in rules/index.ts: ids match file paths, metadata is complete, examples are true.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '../../../src/types';
import { findingsOf } from '../../helpers/rule-tester';
import { NETWORK_RULES } from './network-rules';

const DIR = join(__dirname, '..', '..', '..', 'rules', 'network');

test('every module in rules/network is listed once, under the id of its path', () => {
  const files = readdirSync(DIR).map((f) => `network/${f.replace(/\.ts$/, '')}`);
  const ids = NETWORK_RULES.map((r) => r.meta.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(files.sort());
});

describe.each(NETWORK_RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  test('complete metadata', () => {
    const m = rule.meta;
    expect(CATEGORIES).toContain(m.category);
    expect(m.category).toBe('network');
    expect(m.description).toMatch(/^[A-Z`].*\.$/);
    expect(m.rationale.length).toBeGreaterThan(40);
    expect(m.fix?.length ?? 0).toBeGreaterThan(10);
    expect(rule.scope).toBe('run');
  });

  test('the bad example is flagged and the good one is not', () => {
    const { bad, good } = rule.meta.examples ?? {};
    if (bad !== undefined) expect(findingsOf(id, bad, 'manifest.yaml', NETWORK_RULES).length).toBeGreaterThan(0);
    if (good !== undefined) expect(findingsOf(id, good, 'manifest.yaml', NETWORK_RULES)).toEqual([]);
  });
});

test('severities: invalid policies are errors, hygiene advice is info, real gaps are warnings', () => {
  const severity = Object.fromEntries(NETWORK_RULES.map((r) => [r.meta.id, `${r.meta.severity}${r.meta.enabledByDefault === false ? ' (opt-in)' : ''}`]));
  expect(severity).toEqual({
    'network/invalid-policy': 'error',
    'network/missing-default-deny': 'info',
    'network/missing-default-deny-egress': 'info (opt-in)',
    'network/unprotected-workload': 'warning',
    'network/policy-selects-nothing': 'warning',
    'network/dead-rule': 'warning',
    'network/redundant-rule': 'info',
    'network/overly-broad-ingress': 'warning',
    'network/overly-broad-egress': 'warning',
    'network/unresolved-named-port': 'warning',
    'network/ingress-controller-blocked': 'warning',
    'network/exposed-service-unprotected': 'warning',
  });
});
