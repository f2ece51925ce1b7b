import { lintTexts, PRIVILEGED_POD, privilegedRule } from './helpers';

describe('engine', () => {
  test('a finding names rule, severity, position, object and field path', () => {
    const { findings } = lintTexts({ 'pod.yaml': PRIVILEGED_POD });
    expect(findings).toEqual([
      {
        ruleId: 'security/test-privileged',
        category: 'security',
        severity: 'error',
        message: 'privileged container',
        file: 'pod.yaml',
        line: 10,
        column: 21,
        endLine: 10,
        endColumn: 25,
        object: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' },
        path: 'spec.containers[0].securityContext.privileged',
      },
    ]);
  });

  test('severity comes from --rule, then config (id, category/*, *), then the default', () => {
    expect(lintTexts({ 'p.yaml': PRIVILEGED_POD }, { config: { checks: { 'security/*': { severity: 'warning' } } } }).findings[0].severity).toBe('warning');
    expect(lintTexts({ 'p.yaml': PRIVILEGED_POD }, { config: { checks: { '*': { severity: 'info' }, 'security/test-privileged': { severity: 'error' } } } }).findings[0].severity).toBe('error');
    expect(lintTexts({ 'p.yaml': PRIVILEGED_POD }, { config: { checks: { 'security/test-privileged': { severity: 'error' } } }, overrides: [['security/test-privileged', 'off']] }).findings).toEqual([]);
  });

  test('findings are sorted by file, line, column and rule, whatever the input order', () => {
    const files = { 'b.yaml': PRIVILEGED_POD, 'a.yaml': `${PRIVILEGED_POD}---\napiVersion: v1\nkind: X\nmetadata:\n  name: a\n  name: b\n` };
    const forward = lintTexts(files).findings;
    const backward = lintTexts(Object.fromEntries(Object.entries(files).reverse())).findings;
    expect(forward).toEqual(backward);
    expect(forward.map((f) => `${f.file}:${f.line}:${f.ruleId}`)).toEqual([
      'a.yaml:10:security/test-privileged',
      'a.yaml:16:yaml/duplicate-key',
      'b.yaml:10:security/test-privileged',
    ]);
  });

  test('a rule that throws is reported as an internal error and the run goes on', () => {
    const broken = { ...privilegedRule, meta: { ...privilegedRule.meta, id: 'security/broken' }, check: () => { throw new Error('boom'); } };
    const result = lintTexts({ 'p.yaml': PRIVILEGED_POD }, { rules: [broken, privilegedRule] });
    expect(result.internalErrors[0]).toMatch(/rule security\/broken failed on default\/Pod\/web/);
    expect(result.findings).toHaveLength(1);
  });
});

describe('suppressions', () => {
  test('a comment on the line, or alone on the line above, suppresses the named rule', () => {
    const trailing = PRIVILEGED_POD.replace('privileged: true', 'privileged: true # kubevet-ignore security/test-privileged -- debugging pod');
    const result = lintTexts({ 'p.yaml': trailing });
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toHaveLength(1);
    expect(result.suppressed[0].suppressedBy).toBe('kubevet-ignore comment (p.yaml:10): debugging pod');
    const above = PRIVILEGED_POD.replace('        privileged: true', '        # kubevet-ignore security/*\n        privileged: true');
    expect(lintTexts({ 'p.yaml': above }).findings).toEqual([]);
  });

  test('the kubevet.io/ignore annotation suppresses for the object, also on the pod template', () => {
    const annotated = PRIVILEGED_POD.replace('  name: web\n', '  name: web\n  annotations:\n    kubevet.io/ignore: "security/test-privileged"\n');
    const result = lintTexts({ 'p.yaml': annotated });
    expect(result.findings).toEqual([]);
    expect(result.suppressed[0].suppressedBy).toMatch(/kubevet\.io\/ignore annotation \(p\.yaml:6\)/);
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        kubevet.io/ignore: yaml/lost-indentation -- generated upstream
    spec:
      containers: []
name: web
`;
    const templated = lintTexts({ 'd.yaml': deployment });
    expect(templated.findings).toEqual([]);
    expect(templated.suppressed.map((f) => [f.ruleId, f.suppressedBy])).toEqual([['yaml/lost-indentation', 'kubevet.io/ignore annotation (d.yaml:9): generated upstream']]);
  });

  test('config exclusions suppress by rule, kind, namespace and name, with their reason', () => {
    const result = lintTexts({ 'p.yaml': PRIVILEGED_POD }, { config: { exclude: [{ rules: ['security/*'], kinds: ['Pod'], names: ['w*'], reason: 'lab cluster' }] } });
    expect(result.findings).toEqual([]);
    expect(result.suppressed[0].suppressedBy).toMatch(/: lab cluster$/);
    const notMatching = lintTexts({ 'p.yaml': PRIVILEGED_POD }, { config: { exclude: [{ namespaces: ['prod'], reason: 'elsewhere' }] } });
    expect(notMatching.findings).toHaveLength(1);
  });

  test('a suppression that matches nothing, or names an unknown rule, is an info finding', () => {
    const clean = PRIVILEGED_POD.replace('privileged: true', 'privileged: false # kubevet-ignore security/test-privileged');
    const [unused] = lintTexts({ 'p.yaml': clean }).findings;
    expect(unused).toMatchObject({ ruleId: 'metadata/unused-suppression', severity: 'info', line: 10 });
    expect(unused.message).toContain('suppresses nothing for "security/test-privileged"');
    const typo = PRIVILEGED_POD.replace('privileged: true', 'privileged: true # kubevet-ignore security/test-privilegd');
    const findings = lintTexts({ 'p.yaml': typo }).findings;
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['metadata/unused-suppression', 'security/test-privileged']);
    expect(findings.find((f) => f.ruleId === 'metadata/unused-suppression')?.message).toContain('did you mean "security/test-privileged"');
  });
});
