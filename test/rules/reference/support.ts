/**
 * The reference and reliability rules and a
 * linter entry point that can also run in closed-world mode.
 */
import { readdirSync } from 'node:fs';
import { BUILTIN_RULES } from '../../../rules';
import { EMPTY_CONFIG } from '../../../src/engine/config';
import type { AnyRule } from '../../../src/engine/rule';
import { runEngine } from '../../../src/engine/run';
import { loadText, SourceText, type LoadResult } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';
import type { Finding } from '../../../src/types';

export const REFERENCE_RULES: readonly AnyRule[] = BUILTIN_RULES.filter((r) => r.meta.category === 'reference');

export const RELIABILITY_RULES: readonly AnyRule[] = BUILTIN_RULES.filter((r) => r.meta.category === 'reliability');

export const OUR_RULES: readonly AnyRule[] = [...REFERENCE_RULES, ...RELIABILITY_RULES];

export interface LintOptions {
  closedWorld?: boolean;
  /** Only this rule's findings (others are switched off). */
  rule?: string;
  options?: Record<string, unknown>;
  rules?: readonly AnyRule[];
}

/** Lints several files together with our rules (or `rules`), each at its default severity. */
export function lint(files: Record<string, string>, opts: LintOptions = {}): Finding[] {
  const load: LoadResult = { files: Object.keys(files).length, sources: [], documents: [], problems: [] };
  for (const [file, text] of Object.entries(files)) {
    const source = new SourceText(file, text);
    load.sources.push(source);
    const loaded = loadText(source);
    load.documents.push(...loaded.documents);
  }
  const build = buildObjects(load.documents, { defaultNamespace: 'default' });
  const checks = opts.rule !== undefined && opts.options !== undefined ? { [opts.rule]: { options: opts.options } } : {};
  const rules = opts.rules ?? OUR_RULES;
  const severity = rules.find((r) => r.meta.id === opts.rule)?.meta.severity ?? 'error';
  const result = runEngine(load, build, {
    rules: [...rules],
    config: { ...EMPTY_CONFIG, checks },
    overrides: new Map(opts.rule === undefined ? [] : [['*', 'off'], [opts.rule, severity]]),
    settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld: opts.closedWorld ?? false },
  });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.join('\n'));
  return result.findings.filter((f) => opts.rule === undefined || f.ruleId === opts.rule);
}

/** Findings of one rule over several files. */
export function findings(rule: string, files: Record<string, string> | string, opts: Omit<LintOptions, 'rule'> = {}): Finding[] {
  return lint(typeof files === 'string' ? { 'manifest.yaml': files } : files, { ...opts, rule });
}

/** A Deployment with the given pieces (labels default to app: name). */
export function deployment(name: string, extra: { replicas?: number; labels?: Record<string, string>; spec?: string; container?: string; namespace?: string; strategy?: string } = {}): string {
  const labels = extra.labels ?? { app: name };
  const labelText = `{${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra.namespace === undefined ? '' : `  namespace: ${extra.namespace}\n`}spec:
${extra.replicas === undefined ? '' : `  replicas: ${extra.replicas}\n`}${extra.strategy ?? ''}  selector:
    matchLabels: ${labelText}
  template:
    metadata:
      labels: ${labelText}
    spec:
${extra.spec ?? ''}      containers:
        - name: ${name}
          image: example/${name}:1.0
${extra.container ?? ''}`;
}

/** The registry checks (test/rules/registry.test.ts), for rules not registered yet. */
export function describeMeta(category: 'reference' | 'reliability', rules: readonly AnyRule[], dir: string): void {
  test('every module of the directory is listed once', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${category}/${f.replace(/\.ts$/, '')}`).sort();
    expect(rules.map((r) => r.meta.id).sort()).toEqual(files);
  });
  describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
    test('complete metadata', () => {
      const m = rule.meta;
      expect(m.category).toBe(category);
      expect(m.id.startsWith(`${category}/`)).toBe(true);
      expect(m.description).toMatch(/^[A-Z`].*\.$/);
      expect(m.rationale.length).toBeGreaterThan(40);
      expect(m.fix?.length ?? 0).toBeGreaterThan(10);
      expect(m.equivalents).toBeDefined();
      expect(rule.scope).not.toBe('load');
    });
    test('the bad example is flagged and the good one is not (alone, and with every rule of kubevet)', () => {
      const { bad, good } = rule.meta.examples ?? {};
      expect(bad).toBeDefined();
      expect(good).toBeDefined();
      expect(findings(id, bad ?? '').length).toBeGreaterThan(0);
      expect(findings(id, good ?? '')).toEqual([]);
    });
    test('the examples are valid manifests for the schema rules', () => {
      const schemaRules = BUILTIN_RULES.filter((r) => r.meta.category === 'schema' && r.meta.id !== 'schema/missing-crd');
      for (const text of [rule.meta.examples?.bad ?? '', rule.meta.examples?.good ?? '']) {
        const errors = lint({ 'example.yaml': text }, { rules: schemaRules }).filter((f) => f.severity === 'error');
        expect(errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      }
    });
  });
}
