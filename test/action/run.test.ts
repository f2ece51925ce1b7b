/** The action in-process (TypeScript sources): inputs in, log, outputs, summary and exit code out. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import type { GitRunner } from '../../src/action/changed';
import { runAction } from '../../src/action/run';
import { main } from '../../src/cli/main';
import { ERROR, GOOD, readOutputs, runnerEnv, runnerFiles, tempDir, WARN, writeFiles, type RunnerFiles } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runner: RunnerFiles;
}

function run(workspace: string, inputs: Record<string, string>, options: { event?: unknown; git?: GitRunner; extra?: Record<string, string> } = {}): Run {
  const runner = runnerFiles(options.event ?? {});
  let stdout = '';
  let stderr = '';
  const code = runAction({
    env: runnerEnv(workspace, runner, inputs, options.extra),
    cwd: '/',
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    git: options.git,
  });
  return { code, stdout, stderr, outputs: readOutputs(runner), summary: readFileSync(runner.summary, 'utf8'), runner };
}

function workspace(): string {
  const dir = tempDir();
  writeFiles(dir, { 'deploy/good.yaml': GOOD, 'deploy/warn.yaml': WARN, 'deploy/error.yaml': ERROR, 'README.md': '# app\n' });
  return dir;
}

describe('a run over a working directory', () => {
  const dir = workspace();
  const result = run(dir, { 'working-directory': 'deploy', 'sarif-file': 'reports/kubevet.sarif' });

  test('fails on the error, with annotations whose files are relative to the repository root', () => {
    expect(result.code).toBe(1);
    const commands = result.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(commands).toEqual([
      expect.stringMatching(/^::error file=deploy\/error\.yaml,line=5,col=3,.*title=yaml\/duplicate-key::duplicate key `name`/),
      expect.stringMatching(/^::warning file=deploy\/warn\.yaml,line=6,.*title=yaml\/slash-comment::/),
    ]);
    expect(result.stdout).toContain('kubevet: 2 problems (1 error, 1 warning, 0 infos) in 3 files, 3 objects\n');
  });

  test('outputs the counts and the SARIF path; the SARIF URIs are repository-relative', () => {
    const sarifPath = join(dir, 'deploy', 'reports', 'kubevet.sarif');
    expect(result.outputs).toEqual({ errors: '1', warnings: '1', infos: '0', 'sarif-file': sarifPath });
    const log = JSON.parse(readFileSync(sarifPath, 'utf8')) as Sarif.Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results?.map((r) => r.locations?.[0].physicalLocation?.artifactLocation)).toEqual([
      { uri: 'deploy/error.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'deploy/warn.yaml', uriBaseId: '%SRCROOT%' },
    ]);
  });

  test('writes a job summary with the totals and the findings', () => {
    expect(result.summary).toContain('**2 problems (1 error, 1 warning, 0 infos) in 3 files, 3 objects** (Kubernetes 1.36) — failed');
    expect(result.summary).toContain('| deploy/error.yaml:5 | error | `yaml/duplicate-key` |');
    expect(result.summary).toContain('| deploy/warn.yaml:6 | warning | `yaml/slash-comment` |');
  });
});

describe('inputs', () => {
  const dir = workspace();

  test('fail-on decides the exit code', () => {
    expect(run(dir, { paths: 'deploy/error.yaml', 'fail-on': 'never' }).code).toBe(0);
    expect(run(dir, { paths: 'deploy/warn.yaml' }).code).toBe(0);
    expect(run(dir, { paths: 'deploy/warn.yaml', 'fail-on': 'warning' }).code).toBe(1);
  });

  test('several paths, separated by newlines', () => {
    const result = run(dir, { paths: 'deploy/good.yaml\ndeploy/warn.yaml\n' });
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '1', 'sarif-file': '' });
    expect(result.stdout).toContain('in 2 files');
  });

  test('kubernetes-version and config are passed on', () => {
    const configured = tempDir();
    writeFiles(configured, { 'ci/kubevet.yaml': 'checks:\n  yaml/slash-comment: error\n', 'warn.yaml': WARN });
    const result = run(configured, { config: 'ci/kubevet.yaml', 'kubernetes-version': '1.33' });
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ errors: '1', warnings: '0' });
    expect(result.summary).toContain('(Kubernetes 1.33)');
  });

  test('the text and json formats print the CLI formats, with files relative to the working directory', () => {
    const text = run(dir, { 'working-directory': 'deploy', format: 'text' });
    expect(text.stdout).toMatch(/^error\.yaml\n\s+5:3\s+error\s+duplicate key/m);
    expect(text.stdout).not.toContain('::error');
    const json = JSON.parse(run(dir, { 'working-directory': 'deploy', format: 'json' }).stdout) as { findings: { file: string }[] };
    expect(json.findings.map((f) => f.file)).toEqual(['error.yaml', 'warn.yaml']);
  });

  test('the sarif format prints the (rebased) SARIF log', () => {
    const log = JSON.parse(run(dir, { 'working-directory': 'deploy', format: 'sarif' }).stdout) as Sarif.Log;
    expect(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('deploy/error.yaml');
  });

  test('baseline: findings recorded in it are not reported', () => {
    const baselined = tempDir();
    writeFiles(baselined, { 'error.yaml': ERROR });
    const io = { cwd: baselined, env: {}, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false };
    expect(main(['--write-baseline', '.kubevet-baseline.json', 'error.yaml'], io)).toBe(1);
    const result = run(baselined, { paths: 'error.yaml', baseline: '.kubevet-baseline.json' });
    expect(result.code).toBe(0);
    expect(result.outputs.errors).toBe('0');
    expect(result.summary).toContain('| 0 | 0 | 0 | 1 |');
  });
});

describe('errors', () => {
  const dir = workspace();

  test('an invalid input fails with an annotation and a summary, without running kubevet', () => {
    const result = run(dir, { format: 'xml' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('::error title=kubevet::input `format` must be one of github, text, json, sarif, got "xml"\n');
    expect(result.summary).toContain('**kubevet could not run:** input `format` must be one of github, text, json, sarif, got "xml"');
    expect(result.outputs).toEqual({});
  });

  test('a usage error of the CLI becomes an error annotation', () => {
    const result = run(dir, { 'kubernetes-version': '1.20' });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^::error title=kubevet::kubevet: Kubernetes version "1\.20" is not supported/);
    expect(result.stderr).toContain('Run kubevet --help for usage.');
  });

  test('a missing working directory', () => {
    const result = run(dir, { 'working-directory': 'nope' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('::error title=kubevet::working-directory nope is not a directory of the workspace\n');
  });

  test('the temporary folder is removed', () => {
    const result = run(dir, {});
    expect(existsSync(result.runner.temp)).toBe(true);
    expect(readdirSync(result.runner.temp)).toEqual([]);
  });
});

describe('only-changed', () => {
  const SHA = 'c'.repeat(40);
  const event = { pull_request: { base: { sha: SHA }, head: { sha: 'd'.repeat(40) } } };
  const changed = (...files: string[]): GitRunner => () => files.map((f) => `${f}\0`).join('');

  test('reports only findings in changed files and decides the exit code on them', () => {
    const dir = workspace();
    const result = run(dir, { 'working-directory': 'deploy', 'only-changed': 'true', 'sarif-file': 'k.sarif' }, { event, git: changed('warn.yaml', 'good.yaml') });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('error.yaml');
    expect(result.stdout).toContain('::warning file=deploy/warn.yaml');
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '1' });
    const log = JSON.parse(readFileSync(join(dir, 'deploy', 'k.sarif'), 'utf8')) as Sarif.Log;
    expect(log.runs[0].results).toHaveLength(1);
    expect(result.summary).toContain(`\`only-changed\`: findings in the 2 files changed since ${SHA.slice(0, 12)} only (1 more in unchanged files are not shown).`);
  });

  test('the configuration’s failOn and maxWarnings still apply', () => {
    const dir = workspace();
    writeFiles(dir, { 'deploy/.kubevet.yaml': 'failOn: warning\n' });
    expect(run(dir, { 'working-directory': 'deploy', 'only-changed': 'true' }, { event, git: changed('warn.yaml') }).code).toBe(1);
    expect(run(dir, { 'working-directory': 'deploy', 'only-changed': 'true' }, { event, git: changed('good.yaml') }).code).toBe(0);
    expect(run(dir, { 'working-directory': 'deploy', 'only-changed': 'true', 'fail-on': 'error' }, { event, git: changed('warn.yaml') }).code).toBe(0);
    writeFiles(dir, { 'deploy/.kubevet.yaml': 'maxWarnings: 0\n' });
    expect(run(dir, { 'working-directory': 'deploy', 'only-changed': 'true' }, { event, git: changed('warn.yaml') }).code).toBe(1);
  });

  test('without a pull request it warns and reports everything', () => {
    const dir = workspace();
    const result = run(dir, { 'only-changed': 'true' }, { event: { ref: 'refs/heads/main' }, extra: { GITHUB_EVENT_NAME: 'push' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::warning title=kubevet::only-changed: the push event has no pull request base commit (pull_request.base.sha); checking all files instead\n');
    expect(result.outputs).toMatchObject({ errors: '1', warnings: '1' });
    expect(result.summary).toContain('`only-changed`: the push event has no pull request base commit (pull\\_request.base.sha); all findings are shown.');
  });

  test('summary links point at the pull request head', () => {
    const dir = workspace();
    const result = run(dir, { paths: 'deploy/error.yaml' }, { event, extra: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app' } });
    expect(result.summary).toContain(`| [deploy/error.yaml:5](https://github.com/acme/app/blob/${'d'.repeat(40)}/deploy/error.yaml#L5) | error |`);
  });
});
