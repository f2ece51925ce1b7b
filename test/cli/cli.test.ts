import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_RULES } from '../../rules';
import { nodeEval, ROOT, runCli, spawnCli } from './run-cli';

const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';
const WARN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: 3 // three\n';
const ERROR = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('exit codes', () => {
  const dir = workspace({ 'good.yaml': GOOD, 'warn.yaml': WARN, 'error.yaml': ERROR });
  test('0 when nothing reaches --fail-on, 1 when something does', () => {
    expect(runCli(['good.yaml'], dir).code).toBe(0);
    expect(runCli(['warn.yaml'], dir).code).toBe(0);
    expect(runCli(['error.yaml'], dir).code).toBe(1);
    expect(runCli(['--fail-on', 'warning', 'warn.yaml'], dir).code).toBe(1);
    expect(runCli(['--fail-on', 'never', 'error.yaml'], dir).code).toBe(0);
    expect(runCli(['--max-warnings', '0', 'warn.yaml'], dir).code).toBe(1);
    expect(runCli(['--max-warnings', '1', 'warn.yaml'], dir).code).toBe(0);
  });

  test('2 for usage and configuration errors, with the reason on stderr', () => {
    const unknownFlag = runCli(['--frmat', 'json'], dir);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/Unknown option '--frmat'/);
    expect(runCli(['--format', 'xml', '.'], dir).stderr).toMatch(/unknown --format "xml"/);
    expect(runCli(['--fail-on', 'sometimes'], dir).code).toBe(2);
    expect(runCli(['--kubernetes-version', '1.20', '.'], dir).stderr).toMatch(/not supported; use one of 1\.33, 1\.34, 1\.35, 1\.36/);
    const badConfig = workspace({ '.kubevet.yaml': 'failOn: always\n', 'good.yaml': GOOD });
    const result = runCli(['.'], badConfig);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.kubevet.yaml:1:1: invalid configuration: `failOn` must be one of');
  });

  test('the built binary sets the process exit code', () => {
    expect(spawnCli(['error.yaml'], { cwd: dir }).code).toBe(1);
    expect(spawnCli(['good.yaml'], { cwd: dir }).code).toBe(0);
  });
});

describe('output', () => {
  const dir = workspace({ 'warn.yaml': WARN, 'error.yaml': ERROR });

  test('text: grouped by file with a summary; --quiet shows errors only', () => {
    const { stdout } = runCli(['.'], dir);
    expect(stdout).toContain('error.yaml\n  5:3  error');
    expect(stdout).toContain('warn.yaml\n  6:11  warning');
    expect(stdout).toMatch(/2 problems \(1 error, 1 warning, 0 infos\) in 2 files, 2 objects/);
    const quiet = runCli(['--quiet', '.'], dir).stdout;
    expect(quiet).not.toContain('warning  ');
    expect(quiet).toContain('yaml/duplicate-key');
  });

  test('json: the documented shape', () => {
    const report = JSON.parse(runCli(['--format', 'json', '.'], dir).stdout);
    expect(Object.keys(report)).toEqual(['tool', 'kubernetesVersion', 'summary', 'findings']);
    expect(report.summary).toEqual({ files: 2, documents: 2, objects: 2, errors: 1, warnings: 1, infos: 0, suppressed: 0 });
    expect(report.kubernetesVersion).toBe('1.36');
    expect(report.findings[0]).toEqual({
      ruleId: 'yaml/duplicate-key',
      category: 'yaml',
      severity: 'error',
      message: expect.stringContaining('duplicate key `name` (first defined on line 4)'),
      file: 'error.yaml',
      line: 5,
      column: 3,
      endLine: 5,
      endColumn: 7,
      object: null,
      path: null,
    });
  });

  test('several --format/--output pairs in one run', () => {
    const out = mkdtempSync(join(tmpdir(), 'kubevet-out-'));
    const result = runCli(['-f', 'json', '-o', join(out, 'r.json'), '-f', 'sarif', '-o', join(out, 'sub', 'r.sarif'), '-f', 'github', '.'], dir);
    expect(result.code).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')).summary.errors).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'sub', 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(result.stdout).toMatch(/^::error file=error\.yaml,line=5,col=3,endLine=5,endColumn=7,title=yaml\/duplicate-key::/m);
    expect(runCli(['-f', 'json', '-f', 'sarif', '.'], dir).stderr).toMatch(/only one report can go to standard output/);
  });

  test('colour follows NO_COLOR, FORCE_COLOR and the flags', () => {
    expect(runCli(['.'], dir, { FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(runCli(['.'], dir, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(runCli(['--no-color', '.'], dir, { FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[');
    expect(runCli(['.'], dir, { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  test('output is the same whatever the order of the paths', () => {
    const a = runCli(['-f', 'json', 'warn.yaml', 'error.yaml'], dir).stdout;
    const b = runCli(['-f', 'json', 'error.yaml', 'warn.yaml'], dir).stdout;
    expect(a).toBe(b);
    expect(runCli(['-f', 'json', '.'], dir).stdout).toBe(a);
  });

  test('standard input with -', () => {
    const result = spawnCli(['-f', 'json', '-'], { input: ERROR });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings[0]).toMatchObject({ file: '<stdin>', line: 5, ruleId: 'yaml/duplicate-key' });
  });

  test('suppressed findings are counted, and listed with --show-suppressed', () => {
    const suppressed = workspace({ 'x.yaml': WARN.replace('// three', '// three # kubevet-ignore yaml/slash-comment -- legacy') });
    const report = JSON.parse(runCli(['-f', 'json', '--show-suppressed', '.'], suppressed).stdout);
    expect(report.summary.suppressed).toBe(1);
    expect(report.suppressed[0]).toMatchObject({ ruleId: 'yaml/slash-comment', suppressedBy: 'kubevet-ignore comment (x.yaml:6): legacy' });
  });

  test('--max-file-size refuses large files politely', () => {
    const big = workspace({ 'big.yaml': `${GOOD}${'# padding\n'.repeat(120_000)}` });
    const report = JSON.parse(runCli(['-f', 'json', '--max-file-size', '1', '.'], big).stdout);
    expect(report.findings[0]).toMatchObject({ ruleId: 'yaml/unreadable-file', file: 'big.yaml' });
    expect(report.findings[0].message).toMatch(/larger than the 1\.0 MB limit/);
  });
});

describe('sub-commands', () => {
  test('kubevet rules lists every rule', () => {
    const { code, stdout } = runCli(['rules']);
    expect(code).toBe(0);
    for (const rule of BUILTIN_RULES) expect(stdout).toContain(rule.meta.id);
  });

  test('kubevet explain prints the documentation, or suggests an id', () => {
    const { stdout } = runCli(['explain', 'yaml/duplicate-key']);
    expect(stdout).toContain('# yaml/duplicate-key');
    expect(stdout).toContain('## Why it matters');
    const typo = runCli(['explain', 'yaml/duplicate-keys']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "yaml/duplicate-key"');
  });

  test('--version and --help', () => {
    expect(runCli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(runCli(['--help']).stdout).toContain('Exit codes');
  });
});

describe('start-up', () => {
  test('loading the CLI does not load the parser, validators or formatters', () => {
    const loaded = nodeEval("require('./dist/src/cli/main.js'); console.log(Object.keys(require.cache).join('\\n'))");
    expect(loaded).not.toMatch(/node_modules\/(ajv|yaml|js-yaml|minimatch)\//);
    const linting = nodeEval("require('./dist/src/load'); require('./dist/src/engine/config'); console.log(Object.keys(require.cache).join('\\n'))");
    expect(linting).not.toMatch(/node_modules\/yaml\//); // only broken documents need the diagnosing parser
    expect(loaded).not.toMatch(/dist\/src\/report\/(sarif|text)/);
  });
});

describe('kubevet init', () => {
  test('writes a configuration that validates, and never overwrites one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubevet-init-'));
    expect(runCli(['init'], dir)).toMatchObject({ code: 0, stdout: 'wrote .kubevet.yaml\n' });
    const text = readFileSync(join(dir, '.kubevet.yaml'), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
    writeFileSync(join(dir, 'cm.yaml'), GOOD);
    expect(runCli(['cm.yaml'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(runCli(['init'], dir).code).toBe(2);
  });
});
