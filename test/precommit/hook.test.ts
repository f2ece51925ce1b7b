/**
 * The pre-commit hook (.pre-commit-hooks.yaml). Always: its definition, and its command line as
 * pre-commit runs it (the built CLI with the staged files as arguments). Where `pre-commit` is on
 * the PATH: `pre-commit try-repo` against a copy of this working tree, which installs the hook
 * the way users get it (`npm install` from the registry, `npm pack`, a global install of the
 * tarball) and runs it on the staged files of a temporary repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kubevet.js');

const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';
const BAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
const ALSO_BAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  name: d\n';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types?: string[];
  require_serial?: boolean;
  pass_filenames?: boolean;
}

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function write(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=kubevet-test', '-c', 'user.email=test@kubevet.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('.pre-commit-hooks.yaml', () => {
  test('one kubevet hook: a node package whose bin is kubevet, run once on the staged YAML files', () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook).toMatchObject({ id: 'kubevet', name: 'kubevet', language: 'node', entry: 'kubevet', types: ['yaml'], require_serial: true });
    expect(hook.pass_filenames).not.toBe(false);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
  });
});

describe('the hook command line: kubevet FILE…', () => {
  const dir = tempDir('kubevet-hook-');
  write(dir, { 'bad.yaml': BAD, 'good.yaml': GOOD, 'unstaged-bad.yaml': ALSO_BAD });
  const run = (...files: string[]): { code: number | null; stdout: string } => {
    const child = spawnSync(process.execPath, [BIN, ...files], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    return { code: child.status, stdout: child.stdout };
  };

  test('fails on a bad staged file and checks only the files it is given', () => {
    const result = run('bad.yaml', 'good.yaml');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bad\.yaml\n\s+5:3\s+error\s+duplicate key `name`/m);
    expect(result.stdout).not.toContain('unstaged-bad.yaml');
    expect(result.stdout).toContain('in 2 files');
  });

  test('passes on good files', () => {
    expect(run('good.yaml').code).toBe(0);
  });
});

/** A git repository holding this working tree as it is (tracked and untracked, not ignored), as try-repo would clone it. */
function snapshotOfWorkingTree(): string {
  const dir = tempDir('kubevet-hook-repo-');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => f !== '');
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(dir, file));
    } catch {
      // deleted in the working tree but still in the index
    }
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'snapshot');
  return dir;
}

(onPath('pre-commit') && onPath('git') ? describe : describe.skip)('pre-commit try-repo', () => {
  test('installs the hook and runs it on the staged YAML files only', () => {
    const hookRepo = snapshotOfWorkingTree();
    const target = tempDir('kubevet-precommit-target-');
    git(target, 'init', '-q');
    write(target, { 'committed-bad.yaml': ALSO_BAD });
    git(target, 'add', '-A');
    git(target, 'commit', '-q', '-m', 'old');
    write(target, { 'k8s/bad.yaml': BAD, 'k8s/good.yaml': GOOD, 'notes.md': '# not yaml\n' });
    git(target, 'add', 'k8s/bad.yaml', 'k8s/good.yaml', 'notes.md');

    const child = spawnSync('pre-commit', ['try-repo', hookRepo, 'kubevet'], {
      cwd: target,
      encoding: 'utf8',
      env: { ...process.env, PRE_COMMIT_HOME: tempDir('kubevet-precommit-home-'), PRE_COMMIT_COLOR: 'never', NO_COLOR: '1' },
      timeout: 540_000,
    });
    const output = `${child.stdout}${child.stderr}`;
    if (/seems to be corrupted|npm error/.test(output)) {
      throw new Error(`installing the hook failed; is .npmrc (foreground-scripts=false) present? npm pack must print only the tarball name:\n${output}`);
    }
    expect({ code: child.status, output }).toMatchObject({ code: 1 });
    expect(output).toMatch(/kubevet\.+Failed/);
    expect(output).toMatch(/k8s\/bad\.yaml\n\s+5:3\s+error\s+duplicate key `name`/);
    expect(output).toContain('in 2 files');
    expect(output).not.toContain('committed-bad.yaml');
  }, 600_000);
});
