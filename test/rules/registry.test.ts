import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUILTIN_RULES } from '../../rules';
import { CATEGORIES } from '../../src/types';
import { generatedRuleDocs, readmeWithTable } from '../../scripts/generate-docs';
import { findingsOf } from '../helpers/rule-tester';

const RULES_DIR = join(__dirname, '..', '..', 'rules');
const ROOT = join(__dirname, '..', '..');

function ruleFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return ruleFiles(full);
    return name.endsWith('.ts') && name !== 'index.ts' ? [relative(RULES_DIR, full).replace(/\\/g, '/').replace(/\.ts$/, '')] : [];
  });
}

describe('rule registry', () => {
  test('every module under rules/ is registered once, and its id matches its path', () => {
    const ids = BUILTIN_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ruleFiles(RULES_DIR).sort());
  });

  test.each(BUILTIN_RULES.map((r) => [r.meta.id, r] as const))('%s has complete metadata', (_id, rule) => {
    const m = rule.meta;
    expect(CATEGORIES).toContain(m.category);
    expect(m.id.startsWith(`${m.category}/`)).toBe(true);
    expect(m.description).toMatch(/^[A-Z`].*\.$/);
    expect(m.rationale.length).toBeGreaterThan(40);
  });
});

describe('rule examples are true', () => {
  const withExamples = BUILTIN_RULES.filter((r) => r.meta.examples !== undefined);
  test.each(withExamples.map((r) => [r.meta.id, r] as const))('%s: the bad example is flagged and the good one is not', (id, rule) => {
    const { bad, good } = rule.meta.examples ?? {};
    if (bad !== undefined) expect(findingsOf(id, bad).length).toBeGreaterThan(0);
    if (good !== undefined) expect(findingsOf(id, good)).toEqual([]);
  });
});

describe('generated documentation', () => {
  test('docs/rules is current (run npm run generate:docs)', () => {
    for (const [name, text] of generatedRuleDocs(BUILTIN_RULES)) {
      expect(readFileSync(join(ROOT, 'docs', 'rules', name), 'utf8')).toBe(text);
    }
    expect(readdirSync(join(ROOT, 'docs', 'rules')).sort()).toEqual([...generatedRuleDocs(BUILTIN_RULES).keys()].sort());
  });

  test('the README rules table is current (run npm run generate:docs)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readmeWithTable(readme, BUILTIN_RULES)).toBe(readme);
  });
});
