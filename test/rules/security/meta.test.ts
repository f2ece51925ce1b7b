import { findingsOf } from '../../helpers/rule-tester';
import { PSS_RULES } from './pss-helpers';

describe.each(PSS_RULES.map((r) => [r.meta.id, r] as const))('%s metadata', (id, rule) => {
  test('the id matches the module path and the description is one sentence', () => {
    expect(id.startsWith(`${rule.meta.category}/`)).toBe(true);
    expect(rule.meta.description).toMatch(/^[A-Z`].*\.$/);
    expect(rule.meta.rationale.length).toBeGreaterThan(40);
  });

  test('the bad example is flagged and the good one is not', () => {
    const { bad, good } = rule.meta.examples ?? {};
    expect(findingsOf(id, bad ?? '', 'manifest.yaml', PSS_RULES).length).toBeGreaterThan(0);
    expect(findingsOf(id, good ?? '', 'manifest.yaml', PSS_RULES)).toEqual([]);
  });
});
