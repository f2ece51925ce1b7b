import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeShared } from '../helpers/shared';
import { compileSarifSchema } from '../report/sarif-schema';
import { runCli } from '../cli/run-cli';

const RULE = `# yaml-language-server: $schema=../schemas/rule.schema.json
id: acme/require-team-label
category: metadata
severity: error
description: Workloads carry a \`team\` label.
rationale: Alerts are routed to the team named by the label; without it nobody is paged.
fix: Add a \`team\` label to the workload.
url: https://wiki.acme.example/k8s/team-label
message: "{{ .object.kind }} {{ .object.metadata.name }} has no team label: add metadata.labels.team"
target:
  kinds: [Deployment, Pod]
assert:
  - field: metadata.labels.team
    exists: true
`;

const MANIFESTS = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels: {team: payments}
spec:
  containers:
    - name: app
      image: nginx:1.27
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-custom-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const CONFIG = 'rules: [policies/]\nchecks:\n  "*": off\n  "acme/*": error\n';

describe('custom rules on the command line', () => {
  const dir = workspace({ '.kubevet.yaml': CONFIG, 'policies/team.yaml': RULE, 'k8s/pods.yaml': MANIFESTS });

  test('text: the finding with its position, the run fails on it', () => {
    const result = runCli(['k8s/'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('k8s/pods.yaml\n  3:1  error  Pod web has no team label: add metadata.labels.team  acme/require-team-label');
  });

  test('json: the documented shape, category from the rule file', () => {
    const report = JSON.parse(runCli(['--format', 'json', 'k8s/'], dir).stdout);
    expect(report.findings).toEqual([
      {
        ruleId: 'acme/require-team-label',
        category: 'metadata',
        severity: 'error',
        message: 'Pod web has no team label: add metadata.labels.team',
        file: 'k8s/pods.yaml',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 9,
        object: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' },
        path: 'metadata.labels.team',
      },
    ]);
  });

  test('github: a workflow command', () => {
    expect(runCli(['--format', 'github', 'k8s/'], dir).stdout).toContain('::error file=k8s/pods.yaml,line=3,col=1,endLine=3,endColumn=9,title=acme/require-team-label::Pod web has no team label');
  });

  test('sarif: the rule is in driver.rules with its documentation', () => {
    const log = JSON.parse(runCli(['--format', 'sarif', 'k8s/'], dir).stdout);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri?: string; help: { text: string }; fullDescription: { text: string } }[];
    const custom = rules.find((r) => r.id === 'acme/require-team-label');
    expect(custom).toBeDefined();
    expect(custom?.helpUri).toBe('https://wiki.acme.example/k8s/team-label');
    expect(custom?.fullDescription.text).toBe('Workloads carry a `team` label. Alerts are routed to the team named by the label; without it nobody is paged.');
    expect(custom?.help.text).toContain('How to fix: Add a `team` label to the workload.');
    const results = log.runs[0].results as { ruleId: string; ruleIndex: number }[];
    expect(results).toHaveLength(1);
    expect(rules[results[0].ruleIndex].id).toBe('acme/require-team-label');
  });

  test('a rule without url has no helpUri in SARIF and no documentation link in explain', () => {
    const local = workspace({ '.kubevet.yaml': CONFIG, 'policies/team.yaml': RULE.replace(/^url: .*\n/m, ''), 'k8s/pods.yaml': MANIFESTS });
    const log = JSON.parse(runCli(['--format', 'sarif', 'k8s/'], local).stdout);
    const custom = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'acme/require-team-label');
    expect(custom.helpUri).toBeUndefined();
    expect(custom.help.markdown).not.toContain('[Documentation]');
    expect(runCli(['explain', 'acme/require-team-label'], local).stdout).not.toContain('Documentation:');
  });

  test('kubevet rules lists custom rules; kubevet explain documents them', () => {
    const list = runCli(['rules'], dir);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/acme\/require-team-label\s+metadata\s+error\s+Workloads carry a `team` label\./);
    const explained = runCli(['explain', 'acme/require-team-label'], dir);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('# acme/require-team-label');
    expect(explained.stdout).toContain('Alerts are routed to the team');
    expect(explained.stdout).toContain('Defined in: policies/team.yaml:2');
    expect(explained.stdout).toContain('Documentation: https://wiki.acme.example/k8s/team-label');
    expect(runCli(['explain', 'acme/require-team-labl'], dir).stderr).toContain('did you mean "acme/require-team-label"?');
  });

  test('severities: --rule and checks by id, owner/* or category/*', () => {
    expect(runCli(['--rule', 'acme/require-team-label=off', 'k8s/'], dir).code).toBe(0);
    expect(runCli(['--rule', 'acme/*=warning', 'k8s/'], dir).stdout).toContain('3:1  warning  Pod web');
    const byCategory = workspace({ '.kubevet.yaml': 'rules: [policies/]\nchecks:\n  "*": off\n  "metadata/*": info\n', 'policies/team.yaml': RULE, 'k8s/pods.yaml': MANIFESTS });
    expect(runCli(['k8s/'], byCategory).stdout).toContain('3:1  info  Pod web');
  });

  test('suppression by annotation and comment, and unused-suppression knows custom ids', () => {
    const annotated = MANIFESTS.replace('  namespace: shop\nspec:', '  namespace: shop\n  annotations:\n    kubevet.io/ignore: "acme/require-team-label -- legacy pod"\nspec:');
    const local = workspace({ '.kubevet.yaml': 'rules: [policies/]\nchecks:\n  "*": off\n  "acme/*": error\n  metadata/unused-suppression: warning\n', 'policies/team.yaml': RULE, 'k8s/pods.yaml': annotated });
    const result = JSON.parse(runCli(['--format', 'json', 'k8s/'], local).stdout);
    expect(result.findings).toEqual([]);
    expect(result.summary.suppressed).toBe(1);
    const commented = MANIFESTS.replace('kind: Pod\nmetadata:\n  name: web', 'kind: Pod\n# kubevet-ignore acme/require-team-label -- legacy\nmetadata:\n  name: web');
    writeFileSync(join(local, 'k8s/pods.yaml'), commented);
    expect(JSON.parse(runCli(['--format', 'json', 'k8s/'], local).stdout).summary).toMatchObject({ errors: 0, suppressed: 1 });
    writeFileSync(join(local, 'k8s/pods.yaml'), MANIFESTS.replace('  namespace: shop\nspec:', '  namespace: shop\n  annotations:\n    kubevet.io/ignore: "acme/require-team-labl"\nspec:'));
    expect(runCli(['k8s/'], local).stdout).toContain('names no rule "acme/require-team-labl" (did you mean "acme/require-team-label"?)');
  });

  test('baselines: write, then only new findings are reported', () => {
    const local = workspace({ '.kubevet.yaml': CONFIG, 'policies/team.yaml': RULE, 'k8s/pods.yaml': MANIFESTS });
    expect(runCli(['--write-baseline', 'baseline.json', 'k8s/'], local).code).toBe(1);
    expect(readFileSync(join(local, 'baseline.json'), 'utf8')).toContain('acme/require-team-label');
    expect(runCli(['--baseline', 'baseline.json', 'k8s/'], local).code).toBe(0);
    writeFileSync(join(local, 'k8s/more.yaml'), MANIFESTS.replace(/name: web/g, 'name: new'));
    const after = JSON.parse(runCli(['--format', 'json', '--baseline', 'baseline.json', 'k8s/'], local).stdout);
    expect(after.findings.map((f: { file: string; object: { name: string } }) => `${f.file} ${f.object.name}`)).toEqual(['k8s/more.yaml new']);
  });

  test('a broken rule file is a usage error (exit 2) naming file, line and column, never a stack trace', () => {
    const broken = workspace({ '.kubevet.yaml': CONFIG, 'policies/team.yaml': RULE.replace('    exists: true', '    exist: true'), 'k8s/pods.yaml': MANIFESTS });
    for (const args of [['k8s/'], ['rules'], ['explain', 'acme/require-team-label']]) {
      const result = runCli(args, broken);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('kubevet: policies/team.yaml:14:5: invalid rule: unknown key `exist` at `assert[0]`; did you mean `exists`?\nRun kubevet --help for usage.\n');
    }
  });
});

describeShared('custom rules in SARIF validate against the SARIF 2.1.0 schema', () => {
  const validate = compileSarifSchema();
  test('with and without a documentation url', () => {
    for (const rule of [RULE, RULE.replace(/^url: .*\n/m, '')]) {
      const dir = workspace({ '.kubevet.yaml': 'rules: [policies/]\n', 'policies/team.yaml': rule, 'k8s/pods.yaml': MANIFESTS });
      const log = JSON.parse(runCli(['--format', 'sarif', '--show-suppressed', 'k8s/'], dir).stdout);
      expect(validate(log)).toBe(true);
    }
  });
});

describe('kubevet test-rule', () => {
  test('passes when failure fixtures are flagged and success fixtures are clean', () => {
    const dir = workspace({
      'team.yaml': RULE,
      'fixtures/success.yaml': MANIFESTS.split('---\n')[1],
      'fixtures/failure.yaml': MANIFESTS.split('---\n')[0],
      'fixtures/notes.txt': 'ignored',
    });
    const result = runCli(['test-rule', 'team.yaml', 'fixtures'], dir);
    expect(result.stdout).toBe(
      'team.yaml: acme/require-team-label\n' +
        '  PASS  failure.yaml  1 finding\n' +
        '          3:1  Pod web has no team label: add metadata.labels.team  acme/require-team-label\n' +
        '  PASS  success.yaml  no finding, 1 target checked\n' +
        '2 passed, 0 failed\n',
    );
    expect(result.code).toBe(0);
  });

  test('fails when a fixture disagrees, or when the rule applies to nothing', () => {
    const dir = workspace({
      'team.yaml': RULE,
      'fixtures/success.wrong.yaml': MANIFESTS.split('---\n')[0],
      'fixtures/failure.wrong.yaml': MANIFESTS.split('---\n')[1],
      'fixtures/success.configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
      'fixtures/failure.broken.yaml': 'kind: [\n',
    });
    const result = runCli(['test-rule', 'team.yaml', 'fixtures'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  FAIL  failure.broken.yaml  the fixture does not load: 1:7');
    expect(result.stdout).toContain('  FAIL  failure.wrong.yaml  expected findings, got none (1 target checked)');
    expect(result.stdout).toContain('  FAIL  success.configmap.yaml  the rule applied to nothing here, so this passes without checking anything');
    expect(result.stdout).toContain('  FAIL  success.wrong.yaml  expected no finding, got 1');
    expect(result.stdout).toMatch(/\n0 passed, 4 failed\n$/);
  });

  test('parameters from --params or params.yaml; usage errors exit 2', () => {
    const rule = RULE.replace('target:', 'parameters:\n  type: object\n  properties:\n    label: {type: string}\n  required: [label]\ntarget:').replace('field: metadata.labels.team', 'field: metadata.labels["{{ .params.label }}"]');
    const dir = workspace({ 'rule.yaml': rule, 'fixtures/failure.yaml': MANIFESTS.split('---\n')[1], 'fixtures/params.yaml': 'label: owner\n', 'other.yaml': 'label: team\n' });
    expect(runCli(['test-rule', 'rule.yaml', 'fixtures'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(runCli(['test-rule', 'rule.yaml', 'fixtures', '--params', 'other.yaml'], dir).code).toBe(1);
    expect(runCli(['test-rule', 'rule.yaml'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('needs a rule file and a fixtures folder') });
    expect(runCli(['test-rule', 'rule.yaml', 'nowhere'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('nowhere is not a folder') });
    expect(runCli(['test-rule', 'rule.yaml', '.'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('has no fixtures') });
    expect(runCli(['test-rule', '--help'], dir).stdout).toContain('success*.yaml');
    const broken = workspace({ 'rule.yaml': 'id: nope\n', 'fixtures/success.yaml': MANIFESTS });
    expect(runCli(['test-rule', 'rule.yaml', 'fixtures'], broken)).toMatchObject({ code: 2, stderr: expect.stringMatching(/^kubevet: rule\.yaml:1:1: /) });
  });
});
