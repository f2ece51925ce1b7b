/** Shared set-up for the action tests: temporary workspaces, runner files, git repositories. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist-action', 'index.js');

export const GOOD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';
/** A warning (`yaml/slash-comment`) and no error. */
export const WARN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  mode: 3 // three\n';
/** One error (`yaml/duplicate-key`). */
export const ERROR = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';

export function tempDir(prefix = 'kubevet-action-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** The files the runner provides (event payload, output and summary files, a temp folder). */
export interface RunnerFiles {
  dir: string;
  event: string;
  output: string;
  summary: string;
  temp: string;
}

export function runnerFiles(event: unknown = {}): RunnerFiles {
  const dir = tempDir('kubevet-runner-');
  const files = { dir, event: join(dir, 'event.json'), output: join(dir, 'output.txt'), summary: join(dir, 'summary.md'), temp: join(dir, 'tmp') };
  mkdirSync(files.temp);
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  return files;
}

/** The environment the runner gives a JavaScript action: inputs as INPUT_<NAME> plus the GITHUB_* files. */
export function runnerEnv(workspace: string, runner: RunnerFiles, inputs: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_PATH: runner.event,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_OUTPUT: runner.output,
    GITHUB_STEP_SUMMARY: runner.summary,
    RUNNER_TEMP: runner.temp,
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return env;
}

/** Parses a GITHUB_OUTPUT file (`name=value` lines and `name<<DELIMITER` heredocs). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

export function readOutputs(runner: RunnerFiles): Record<string, string> {
  return parseOutputFile(readFileSync(runner.output, 'utf8'));
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=kubevet-test', '-c', 'user.email=test@kubevet.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

export function gitAvailable(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A git repository with `base` committed, then `head` written and committed; returns the two commits. */
export function gitRepository(dir: string, base: Readonly<Record<string, string>>, head: Readonly<Record<string, string>>): { base: string; head: string } {
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, base);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD').trim();
  writeFiles(dir, head);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'change');
  return { base: baseSha, head: git(dir, 'rev-parse', 'HEAD').trim() };
}
