/**
 * ESLint-style rule tests: valid manifests produce no finding of the rule, invalid ones produce
 * exactly the listed findings (line, column and a message fragment).
 */
import type { AnyRule } from '../../src/engine/rule';
import type { Finding } from '../../src/types';
import { lintTexts } from '../engine/helpers';
import { BUILTIN_RULES } from '../../rules';

export interface InvalidCase {
  name?: string;
  code: string;
  file?: string;
  errors: { line: number; column?: number; path?: string | null; message?: string | RegExp }[];
}

export function findingsOf(ruleId: string, code: string, file = 'manifest.yaml', rules: readonly AnyRule[] = BUILTIN_RULES): Finding[] {
  return lintTexts({ [file]: code }, { rules: [...rules], overrides: [['*', 'off'], [ruleId, 'error']], manifestPolicies: true }).findings.filter((f) => f.ruleId === ruleId);
}

export function testRule(ruleId: string, cases: { valid: (string | { code: string; file?: string })[]; invalid: InvalidCase[] }, rules: readonly AnyRule[] = BUILTIN_RULES): void {
  describe(ruleId, () => {
    test.each(cases.valid.map((c, i) => [i, typeof c === 'string' ? { code: c } : c] as const))('valid #%i', (_i, c) => {
      expect(findingsOf(ruleId, c.code, c.file, rules)).toEqual([]);
    });
    test.each(cases.invalid.map((c, i) => [c.name ?? `#${i}`, c] as const))('invalid %s', (_name, c) => {
      const findings = findingsOf(ruleId, c.code, c.file, rules);
      expect(findings).toHaveLength(c.errors.length);
      c.errors.forEach((expected, i) => {
        const actual = findings[i];
        expect(actual.line).toBe(expected.line);
        if (expected.column !== undefined) expect(actual.column).toBe(expected.column);
        if (expected.path !== undefined) expect(actual.path).toBe(expected.path);
        if (typeof expected.message === 'string') expect(actual.message).toContain(expected.message);
        else if (expected.message instanceof RegExp) expect(actual.message).toMatch(expected.message);
      });
    });
  });
}
