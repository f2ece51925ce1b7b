/**
 * The GitHub Action: read the inputs, run the kubevet CLI in-process (JSON, and SARIF when asked
 * for, written to files), then produce what a workflow sees: annotations (or another format) in
 * the log, the SARIF file for code scanning, step outputs, a job summary, and the exit code.
 *
 * With `only-changed` kubevet still checks every path (references between files — a Service
 * and the Deployment it selects — need the whole set), and the action keeps the findings in the
 * files the pull request changes; the exit code is then worked out from those findings alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type * as Sarif from 'sarif';
import { BUILTIN_RULES } from '../../rules';
import { FAIL_ON, type FailOn } from '../cli/args';
import { exitCode, main } from '../cli/main';
import { EMPTY_CONFIG, findConfigFile, loadConfigFile } from '../engine/config';
import { formatReport } from '../report';
import { workflowCommand } from '../report/github';
import type { JsonReport } from '../report/json';
import { summaryText } from '../report/summary';
import { isVirtualFile, type Finding } from '../types';
import { changedFiles, headCommit, pullRequestBase, type ChangedFiles, type GitRunner } from './changed';
import { connectivityChanges, connectivitySection, type GitBytes } from './connectivity';
import { annotation, appendSummary, InputError, setOutputs, type Env } from './core';
import { adjustSarif, keepFindings, rebaseFindings, toReport, workspacePrefix } from './findings';
import { cliArguments, readInputs, type ActionInputs, type ReportFiles } from './inputs';
import { blobUrl, DEFAULT_SUMMARY_ROWS, escapeCell, failureSummary, jobSummary } from './summary';

export interface ActionIo {
  env: Env;
  /** The process's directory; the workspace when `GITHUB_WORKSPACE` is not set. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  git?: GitRunner;
  gitBytes?: GitBytes;
}

/** Runs the action and returns the exit code (0 passed, 1 findings reached fail-on, 2 could not check). */
export function runAction(io: ActionIo): number {
  try {
    const inputs = readInputs(io.env);
    const workspace = resolve(io.cwd, io.env.GITHUB_WORKSPACE || '.');
    const cwd = resolve(workspace, inputs.workingDirectory);
    if (!isDirectory(cwd)) throw new InputError(`working-directory ${inputs.workingDirectory} is not a directory of the workspace`);
    const temp = mkdtempSync(join(io.env.RUNNER_TEMP || tmpdir(), 'kubevet-action-'));
    try {
      return check(io, inputs, { workspace, cwd, temp });
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  } catch (error) {
    const message = error instanceof InputError ? error.message : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    return fail(io, message);
  }
}

interface Places {
  workspace: string;
  /** The working directory kubevet runs in. */
  cwd: string;
  temp: string;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function fail(io: ActionIo, message: string): number {
  io.stdout(`${annotation('error', message, { title: 'kubevet' })}\n`);
  appendSummary(io.env, failureSummary(message));
  return 2;
}

function check(io: ActionIo, inputs: ActionInputs, places: Places): number {
  const changed = inputs.onlyChanged ? changedFiles(io.env, places.cwd, io.git) : undefined;
  if (changed !== undefined && !changed.available) {
    io.stdout(`${annotation('warning', `only-changed: ${changed.reason}; checking all files instead`, { title: 'kubevet' })}\n`);
  }
  const keepFile = changed?.available === true ? (file: string): boolean => changed.files.has(file) : undefined;
  const sarifTarget = inputs.sarifFile === undefined ? undefined : resolve(places.cwd, inputs.sarifFile);
  const files: ReportFiles = { json: join(places.temp, 'report.json'), sarif: sarifTarget !== undefined || inputs.format === 'sarif' ? join(places.temp, 'report.sarif') : undefined };

  const { code, stderr } = runKubevet(io, cliArguments(inputs, files), places.cwd);
  if (!existsSync(files.json)) return fail(io, firstLine(stderr) ?? `kubevet exited with code ${code} without a report`);

  const full = JSON.parse(readFileSync(files.json, 'utf8')) as JsonReport;
  const report = keepFile === undefined ? full : keepFindings(full, (f) => keepFile(f.file));
  const prefix = workspacePrefix(places.workspace, places.cwd);
  const rebased = { ...report, findings: rebaseFindings(report.findings, prefix) };
  const status = code === 2 || keepFile === undefined ? code : filteredExitCode(report.findings, inputs, places.cwd);
  const sarif = files.sarif === undefined ? undefined : sarifText(files.sarif, prefix, keepFile);
  if (sarif !== undefined && sarifTarget !== undefined) {
    mkdirSync(dirname(sarifTarget), { recursive: true });
    writeFileSync(sarifTarget, sarif);
  }

  io.stdout(logOutput(inputs.format, report, rebased, sarif));
  if (code === 2) io.stdout(`${annotation('error', firstLine(stderr) ?? 'kubevet reported an internal error', { title: 'kubevet' })}\n`);
  setOutputs(io.env, { errors: report.summary.errors, warnings: report.summary.warnings, infos: report.summary.infos, 'sarif-file': sarifTarget ?? '' });
  appendSummary(io.env, jobSummary(rebased, { limit: DEFAULT_SUMMARY_ROWS, link: linker(io.env), notes: notes(changed, full, report), exitCode: status }));
  if (code !== 2) appendConnectivity(io, inputs, places);
  return status;
}

/** For a pull request, the connectivity diff against its base when NetworkPolicies are involved. */
function appendConnectivity(io: ActionIo, inputs: ActionInputs, places: Places): void {
  const base = pullRequestBase(io.env);
  if (base === undefined) return;
  const result = connectivityChanges({ base, cwd: places.cwd, paths: inputs.paths, temp: places.temp, git: io.gitBytes });
  const section = connectivitySection(result, base);
  if (section !== undefined) appendSummary(io.env, section);
}

/** The CLI in-process; its standard error goes to the log and is kept for the error annotation. */
function runKubevet(io: ActionIo, argv: string[], cwd: string): { code: number; stderr: string } {
  let stderr = '';
  const code = main(argv, {
    cwd,
    env: io.env,
    stdout: io.stdout,
    stderr: (text) => {
      stderr += text;
      io.stderr(text);
    },
    stdoutIsTTY: false,
  });
  return { code, stderr };
}

/** The CLI's SARIF, filtered to the changed files and moved to repository-relative URIs. */
function sarifText(path: string, prefix: string, keepFile: ((file: string) => boolean) | undefined): string {
  const log = adjustSarif(JSON.parse(readFileSync(path, 'utf8')) as Sarif.Log, prefix, keepFile);
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** What the log shows: annotations with repository-relative files, or a CLI format. */
export function logOutput(format: ActionInputs['format'], report: JsonReport, rebased: JsonReport, sarif: string | undefined): string {
  switch (format) {
    case 'github':
      return [...rebased.findings.map(workflowCommand), `kubevet: ${summaryText(report.summary)}`].join('\n') + '\n';
    case 'sarif':
      return sarif ?? '';
    default:
      return formatReport(format, toReport(report), { color: false, quiet: false, showSuppressed: false });
  }
}

function isFailOn(value: string): value is FailOn {
  return (FAIL_ON as readonly string[]).includes(value);
}

/** The CLI's exit code for a subset of the findings, with the same fail-on and max-warnings settings. */
function filteredExitCode(findings: readonly Finding[], inputs: ActionInputs, cwd: string): number {
  const path = inputs.config === undefined ? findConfigFile(cwd) : resolve(cwd, inputs.config);
  const config = path === undefined ? EMPTY_CONFIG : loadConfigFile(path, cwd, BUILTIN_RULES);
  const failOn = inputs.failOn ?? config.failOn ?? 'error';
  return exitCode(findings, isFailOn(failOn) ? failOn : 'error', config.maxWarnings);
}

function linker(env: Env): ((file: string, line: number) => string | undefined) | undefined {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const commit = headCommit(env);
  if (server === undefined || server === '' || repository === undefined || repository === '' || commit === undefined) return undefined;
  return (file, line) => (isVirtualFile(file) || file.startsWith('/') || file.startsWith('../') ? undefined : blobUrl(server, repository, commit, file, line));
}

function notes(changed: ChangedFiles | undefined, full: JsonReport, shown: JsonReport): string[] {
  if (changed === undefined) return [];
  if (!changed.available) return [`\`only-changed\`: ${escapeCell(changed.reason)}; all findings are shown.`];
  const hidden = full.findings.length - shown.findings.length;
  return [
    `\`only-changed\`: findings in the ${changed.files.size} file${changed.files.size === 1 ? '' : 's'} changed since ${changed.base.slice(0, 12)} only` +
      (hidden > 0 ? ` (${hidden} more in unchanged files are not shown).` : '.'),
  ];
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line;
}
