/**
 * `only-changed`: the files a pull request changes, from the base commit in the event payload
 * and `git diff --name-only base...HEAD` (what the pull request adds on top of the merge base).
 * When that cannot be known (not a pull request, no git, a shallow clone without the base)
 * the caller gets the reason and checks everything.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Env } from './core';

export type ChangedFiles =
  | { readonly available: true; readonly base: string; readonly files: ReadonlySet<string> }
  | { readonly available: false; readonly reason: string };

/** Runs git with arguments in a directory and returns its standard output; throws on failure. */
export type GitRunner = (args: readonly string[], cwd: string) => string;

const COMMIT = /^[0-9a-f]{7,64}$/i;

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The base commit of a `pull_request` / `pull_request_target` payload (`pull_request.base.sha`)
 * or a merge queue's (`merge_group.base_sha`); undefined for other events. Only a hexadecimal
 * commit id is accepted: it ends up on git's command line.
 */
export function baseCommit(payload: unknown): string | undefined {
  const sha = field(field(field(payload, 'pull_request'), 'base'), 'sha') ?? field(field(payload, 'merge_group'), 'base_sha');
  return typeof sha === 'string' && COMMIT.test(sha) ? sha : undefined;
}

/** The NUL-separated names of `git diff -z --name-only`. */
export function parseNameList(output: string): string[] {
  return output.split('\0').filter((name) => name !== '');
}

export function gitDiffArguments(base: string): string[] {
  // --relative: names relative to the working directory (as kubevet reports them), and only
  // those below it; --diff-filter=d: deleted files have nothing left to check.
  return ['diff', '--name-only', '--relative', '--diff-filter=d', '--no-renames', '-z', `${base}...HEAD`];
}

export const runGit: GitRunner = (args, cwd) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });

/** The first line of what a failed command said on standard error (text or bytes), else of the error itself. */
export function errorLine(error: unknown): string {
  const raw = field(error, 'stderr');
  const stderr = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0];
}

function readPayload(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/**
 * The commit whose files a pull request shows (`pull_request.head.sha`), else `GITHUB_SHA`:
 * for pull requests `GITHUB_SHA` is a temporary merge commit, a poor target for links.
 */
export function headCommit(env: Env): string | undefined {
  let head: unknown;
  try {
    if (env.GITHUB_EVENT_PATH !== undefined && env.GITHUB_EVENT_PATH !== '') head = field(field(field(readPayload(env.GITHUB_EVENT_PATH), 'pull_request'), 'head'), 'sha');
  } catch {
    head = undefined;
  }
  const sha = typeof head === 'string' ? head : env.GITHUB_SHA;
  return sha !== undefined && COMMIT.test(sha) ? sha : undefined;
}

/** The pull request's base commit from the event payload, if this run is for one. */
export function pullRequestBase(env: Env): string | undefined {
  if (env.GITHUB_EVENT_PATH === undefined || env.GITHUB_EVENT_PATH === '') return undefined;
  try {
    return baseCommit(readPayload(env.GITHUB_EVENT_PATH));
  } catch {
    return undefined;
  }
}

/** The files changed by the pull request of this run, relative to `cwd` with `/` separators. */
export function changedFiles(env: Env, cwd: string, git: GitRunner = runGit): ChangedFiles {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath === undefined || eventPath === '') return { available: false, reason: 'there is no event payload (GITHUB_EVENT_PATH is not set)' };
  let payload: unknown;
  try {
    payload = readPayload(eventPath);
  } catch (error) {
    return { available: false, reason: `cannot read the event payload ${eventPath}: ${errorLine(error)}` };
  }
  const base = baseCommit(payload);
  if (base === undefined) {
    const event = env.GITHUB_EVENT_NAME ?? 'this';
    return { available: false, reason: `the ${event} event has no pull request base commit (pull_request.base.sha)` };
  }
  try {
    const files = parseNameList(git(gitDiffArguments(base), cwd));
    return { available: true, base, files: new Set(files) };
  } catch (error) {
    return {
      available: false,
      reason: `git diff against the base commit ${base} failed (${errorLine(error)}); check out with \`fetch-depth: 0\` so the base is present`,
    };
  }
}
