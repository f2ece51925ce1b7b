/**
 * The job summary's connectivity diff: when a pull request changes manifests of a set that has
 * NetworkPolicies (before or after), which connections between workloads it adds, removes or
 * changes. The base version is read from git (one `git cat-file --batch` for every manifest
 * file below the working directory) into a temporary folder, so the same paths, globs and
 * ignore files select the same files in both versions.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { analyzeObjects, type NetpolAnalysis } from '../analysis/netpol';
import { connectivityDiff, sortDiffRows, type DiffRow } from '../analysis/netpol/diff';
import { ingressControllerConns } from '../analysis/netpol/ingress';
import { loadRun } from '../cli/pipeline';
import { errorLine, parseNameList } from './changed';
import { escapeCell } from './summary';

/** Runs git with arguments (and standard input) in a directory; returns standard output as bytes. */
export type GitBytes = (args: readonly string[], cwd: string, input?: string) => Buffer;

export const runGitBytes: GitBytes = (args, cwd, input) =>
  execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });

/** Files git reads for the base version: the manifest kinds kubevet reads, and its ignore file. */
const WANTED = /(\.ya?ml|\.json|(^|\/)\.kubevetignore)$/i;
/** Above these the diff is skipped with a note rather than slowing every pull request down. */
export const MAX_BASE_FILES = 20_000;
export const MAX_BASE_BYTES = 256 * 1024 * 1024;
export const MAX_DIFF_ROWS = 50;

export interface ConnectivityInput {
  base: string;
  /** The working directory kubevet runs in (inside the repository). */
  cwd: string;
  /** The paths the action checks, relative to `cwd`. */
  paths: readonly string[];
  /** A scratch folder for the base version. */
  temp: string;
  git?: GitBytes;
}

export type ConnectivityResult =
  | { kind: 'none' }
  | { kind: 'diff'; rows: DiffRow[] }
  | { kind: 'unavailable'; reason: string };

/** Parses `git cat-file --batch` output: `<oid> blob <size>\n<content>\n` per request, or `<name> missing\n`. */
export function parseCatFileBatch(output: Buffer, names: readonly string[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  for (const name of names) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) break;
    const header = output.subarray(at, end).toString('utf8').split(' ');
    at = end + 1;
    if (header[1] !== 'blob') continue;
    const size = Number(header[2]);
    files.set(name, output.subarray(at, at + size));
    at += size + 1;
  }
  return files;
}

/** Writes the base version's manifest files below `target`; returns how many. */
export function checkoutBase(base: string, cwd: string, target: string, git: GitBytes): number {
  const names = parseNameList(git(['ls-tree', '-r', '-z', '--name-only', base], cwd).toString('utf8')).filter((n) => WANTED.test(n) && !n.includes('\n'));
  if (names.length > MAX_BASE_FILES) throw new Error(`the base version has ${names.length} manifest files (more than ${MAX_BASE_FILES})`);
  if (names.length === 0) return 0;
  const output = git(['cat-file', '--batch'], cwd, names.map((n) => `${base}:./${n}\n`).join(''));
  if (output.length > MAX_BASE_BYTES) throw new Error(`the base version's manifests exceed ${MAX_BASE_BYTES / 1024 / 1024} MB`);
  const files = parseCatFileBatch(output, names);
  for (const [name, content] of files) {
    const path = join(target, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return files.size;
}

function analyze(paths: readonly string[], cwd: string): NetpolAnalysis {
  const { build } = loadRun([...paths], { cwd, namespace: 'default', ignore: [], maxFileBytes: 64 * 1024 * 1024 });
  return analyzeObjects(build.objects);
}

/** The connectivity diff between the base commit and the working tree, when either has NetworkPolicies. */
export function connectivityChanges(input: ConnectivityInput): ConnectivityResult {
  const after = analyze(input.paths, input.cwd);
  const outside = input.paths.find((p) => isAbsolute(p) || p.split(/[\\/]/).includes('..'));
  const baseDir = join(input.temp, 'base');
  let problem: string | undefined;
  if (outside !== undefined) {
    problem = `the path ${outside} is outside the working directory, which is all the base version is read for`;
  } else {
    try {
      mkdirSync(baseDir, { recursive: true });
      checkoutBase(input.base, input.cwd, baseDir, input.git ?? runGitBytes);
    } catch (error) {
      problem = `the base version could not be read (${errorLine(error)}); check out with \`fetch-depth: 0\``;
    }
  }
  // Without the base, a set without policies has nothing to report: stay quiet rather than
  // add a note to every pull request of a shallow checkout.
  if (problem !== undefined) return after.policies.length === 0 ? { kind: 'none' } : { kind: 'unavailable', reason: problem };
  const before = analyze(input.paths, baseDir);
  if (before.policies.length === 0 && after.policies.length === 0) return { kind: 'none' };
  const ingress = { old: ingressControllerConns(before.model, before.objects), new: ingressControllerConns(after.model, after.objects) };
  return { kind: 'diff', rows: sortDiffRows(connectivityDiff(before.model, after.model, ingress)) };
}

/** The summary section: counts and a capped table of changed connections. */
export function connectivitySection(result: ConnectivityResult, base: string): string | undefined {
  if (result.kind === 'none') return undefined;
  const lines = ['', '### NetworkPolicy connectivity', ''];
  if (result.kind === 'unavailable') return [...lines, `No connectivity diff: ${escapeCell(result.reason)}.`, ''].join('\n');
  const since = `since \`${base.slice(0, 12)}\``;
  if (result.rows.length === 0) return [...lines, `No connections added, removed or changed ${since}.`, ''].join('\n');
  const count = (type: DiffRow['type']): number => result.rows.filter((r) => r.type === type).length;
  lines.push(`Connections ${since}: **${count('added')} added, ${count('removed')} removed, ${count('changed')} changed**.`, '');
  lines.push('| Change | Source | Destination | Before | After |', '| --- | --- | --- | --- | --- |');
  for (const row of result.rows.slice(0, MAX_DIFF_ROWS)) {
    const note = row.info === undefined ? '' : ` (${row.info})`;
    lines.push(`| ${escapeCell(row.type + note)} | ${escapeCell(row.src.name)} | ${escapeCell(row.dst.name)} | ${escapeCell(row.ref1.toString())} | ${escapeCell(row.ref2.toString())} |`);
  }
  if (result.rows.length > MAX_DIFF_ROWS) lines.push('', `Showing ${MAX_DIFF_ROWS} of ${result.rows.length} changes; \`kubevet netpol diff\` lists them all.`);
  return `${lines.join('\n')}\n`;
}
