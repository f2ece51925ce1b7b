/**
 * The committed bundle run exactly as the runner runs it: `node dist-action/index.js` with the
 * inputs in INPUT_* variables and the GITHUB_* files in a temporary folder. Nothing is built or
 * installed first; the bundle finds schemas/ in the repository it sits in and compiles its
 * validators at run time (dist/validators is not committed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { describeShared } from '../helpers/shared';
import { compileSarifSchema } from '../report/sarif-schema';
import { BUNDLE, gitAvailable, gitRepository, readOutputs, ROOT, runnerEnv, runnerFiles, tempDir, type RunnerFiles } from './helpers';

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

function runBundle(workspace: string, runner: RunnerFiles, inputs: Record<string, string>, nodeOptions: string[] = []): Spawned {
  // The runner starts actions in the workspace, with the action's own folder elsewhere.
  const child = spawnSync(process.execPath, [...nodeOptions, BUNDLE], { cwd: workspace, env: runnerEnv(workspace, runner, inputs), encoding: 'utf8' });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr, outputs: readOutputs(runner), summary: readFileSync(runner.summary, 'utf8') };
}

function sarifAt(path: string): Sarif.Log {
  return JSON.parse(readFileSync(path, 'utf8')) as Sarif.Log;
}

describe('node dist-action/index.js over examples/', () => {
  const runner = runnerFiles();
  const sarifFile = join(runner.dir, 'kubevet.sarif');
  const result = runBundle(ROOT, runner, { paths: 'examples/', 'sarif-file': sarifFile });

  test('fails (examples/bad has errors) and annotates with repository-relative files', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=examples\/bad\/misspelt-field\.yaml,line=25,col=13,.*title=schema\/unknown-field::unknown field `readyOnlyFilesystem`/m);
    expect(result.stdout).toMatch(/^kubevet: \d+ problems \(\d+ errors, \d+ warnings, \d+ infos\) in 45 files/m);
    expect(result.stdout).not.toMatch(/^::error file=examples\/good\//m);
  });

  test('writes SARIF 2.1.0 with results', () => {
    const log = sarifAt(sarifFile);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.name).toBe('kubevet');
    const results = log.runs[0].results ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri)).toContain('examples/bad/misspelt-field.yaml');
    expect(results.filter((r) => r.level === 'error')).toHaveLength(Number(result.outputs.errors));
  });

  test('sets the outputs', () => {
    expect(result.outputs['sarif-file']).toBe(sarifFile);
    expect(Number(result.outputs.errors)).toBeGreaterThan(0);
    expect(Number(result.outputs.warnings)).toBeGreaterThan(0);
    expect(result.outputs.infos).toMatch(/^\d+$/);
  });

  test('writes the job summary', () => {
    expect(result.summary).toMatch(/^## kubevet\n\n\*\*\d+ problems \(/);
    expect(result.summary).toContain('— failed: findings reached `fail-on`');
    expect(result.summary).toContain(`| ${result.outputs.errors} | ${result.outputs.warnings} | ${result.outputs.infos} |`);
    expect(result.summary).toContain('| examples/bad/misspelt-field.yaml:25 | error | `schema/unknown-field` | unknown field `readyOnlyFilesystem`');
  });

  test('the good examples pass', () => {
    const clean = runBundle(ROOT, runnerFiles(), { paths: 'examples/good', 'fail-on': 'warning' });
    expect(clean.code).toBe(0);
    expect(clean.outputs).toEqual({ errors: '0', warnings: '0', infos: expect.stringMatching(/^\d+$/), 'sarif-file': '' });
  });

  test('never opens a connection or starts a program (without only-changed)', () => {
    const guarded = runBundle(ROOT, runnerFiles(), { paths: 'examples/' }, ['--require', join(ROOT, 'test', 'helpers', 'no-network.js')]);
    expect(guarded.stderr).toBe('');
    expect(guarded.code).toBe(1);
    expect(guarded.outputs.errors).toBe(result.outputs.errors);
  });

  describeShared('against the SARIF schema GitHub validates uploads with', () => {
    test('the SARIF file is valid', () => {
      const validate = compileSarifSchema();
      expect(validate(sarifAt(sarifFile))).toBe(true);
    });
  });
});

const HEADER = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  namespace: shop\n';
function deployment(name: string, label: string): string {
  return `${HEADER}  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${label}}\n  template:\n    metadata:\n      labels: {app: ${label}}\n    spec:\n      containers: [{name: app, image: "nginx:1.27", ports: [{containerPort: 8080}]}]\n`;
}
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n';
function broken(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  name: ${name}-again\n  namespace: shop\n`;
}

(gitAvailable() ? describe : describe.skip)('only-changed in a git repository with a pull_request event', () => {
  // base: the web Deployment and an old broken file; the pull request adds a Service for web,
  // another Deployment in the namespace and a new broken file.
  const repo = tempDir('kubevet-pr-');
  const commits = gitRepository(
    repo,
    { 'k8s/web.yaml': deployment('web', 'web'), 'k8s/legacy.yaml': broken('legacy') },
    { 'k8s/service.yaml': SERVICE, 'k8s/worker.yaml': deployment('worker', 'worker'), 'k8s/new.yaml': broken('new') },
  );
  const event = { pull_request: { base: { sha: commits.base }, head: { sha: commits.head } } };

  test('reports the findings of the changed files only, checked together with the rest', () => {
    const runner = runnerFiles(event);
    const sarifFile = join(runner.dir, 'k.sarif');
    const result = runBundle(repo, runner, { paths: 'k8s', 'only-changed': 'true', 'sarif-file': sarifFile, 'fail-on': 'error' });
    expect(result.code).toBe(1);
    const files = new Set((sarifAt(sarifFile).runs[0].results ?? []).map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri));
    expect(files.has('k8s/new.yaml')).toBe(true);
    expect(files.has('k8s/legacy.yaml')).toBe(false);
    expect(files.has('k8s/web.yaml')).toBe(false);
    expect(result.stdout).toContain('::error file=k8s/new.yaml,line=5');
    expect(result.stdout).not.toContain('k8s/legacy.yaml');
    // The Service selects the unchanged web Deployment: no false "selects nothing".
    expect(result.stdout).not.toContain('reference/service-selects-nothing');
    expect(result.summary).toContain(`\`only-changed\`: findings in the 3 files changed since ${commits.base.slice(0, 12)} only (`);
    expect(result.outputs.errors).toBe('1');
  });

  test('in a working directory, the changed files are relative to it', () => {
    const result = runBundle(repo, runnerFiles(event), { 'working-directory': 'k8s', 'only-changed': 'true' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error file=k8s/new.yaml,line=5');
    expect(result.stdout).not.toContain('legacy.yaml');
  });

  test('a base commit that is not in the clone: a warning, and every finding', () => {
    const result = runBundle(repo, runnerFiles({ pull_request: { base: { sha: 'f'.repeat(40) } } }), { paths: 'k8s', 'only-changed': 'true' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::warning title=kubevet::only-changed: git diff against the base commit f{40} failed \(.+\); check out with `fetch-depth: 0` so the base is present; checking all files instead$/m);
    expect(result.stdout).toContain('k8s/legacy.yaml');
    expect(result.stdout).toContain('k8s/new.yaml');
  });
});
