/**
 * The checks of test/rules/registry.test.ts, applied to the schema rules of this directory
 * before they are registered in rules/index.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyRule } from '../../../src/engine/rule';
import { CATEGORIES } from '../../../src/types';
import { findingsOf } from '../../helpers/rule-tester';

const DIR = join(__dirname, '..', '..', '..', 'rules', 'schema');
const NEW_RULES = ['duplicate-env', 'duplicate-name', 'duplicate-port', 'ingress-rule', 'invalid-annotation', 'invalid-cron-schedule', 'invalid-enum', 'invalid-label', 'invalid-name', 'invalid-pod-field', 'invalid-resources', 'pdb-conflict', 'selector-mismatch'];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (name: string): AnyRule => (require(join(DIR, name)) as { default: AnyRule }).default;

test('every listed module exists', () => {
  const files = readdirSync(DIR).map((f) => f.replace(/\.ts$/, ''));
  for (const name of NEW_RULES) expect(files).toContain(name);
});

describe.each(NEW_RULES)('schema/%s', (name) => {
  const rule = load(name);
  test('complete metadata', () => {
    const m = rule.meta;
    expect(m.id).toBe(`schema/${name}`);
    expect(CATEGORIES).toContain(m.category);
    expect(m.category).toBe('schema');
    expect(m.description).toMatch(/^[A-Z`].*\.$/);
    expect(m.rationale.length).toBeGreaterThan(40);
    expect(m.fix?.length ?? 0).toBeGreaterThan(10);
    expect(rule.scope).toBe('object');
  });
  test('the bad example is flagged and the good one is not', () => {
    const { bad, good } = rule.meta.examples ?? {};
    expect(bad).toBeDefined();
    expect(good).toBeDefined();
    expect(findingsOf(rule.meta.id, bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
    expect(findingsOf(rule.meta.id, good ?? '', 'm.yaml', [rule])).toEqual([]);
  });
});
