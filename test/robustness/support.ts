/**
 * Shared helpers of the robustness suite: temporary folders, the in-process and process-level
 * CLI with report parsing, child processes with a time and heap limit, and the invariants every
 * run must keep (they live in scripts/fuzz.ts, which the on-demand fuzzer shares).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli, type CliResult } from '../cli/run-cli';
import { checkJsonReport, checkSarif, decodedText, positionViolations, prototypeSnapshot } from '../../scripts/fuzz';

export { BIN, ROOT, runCli, type CliResult };

export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object: { apiVersion: string; kind: string; namespace: string | null; name: string } | null;
  path: string | null;
}

export interface JsonReport {
  summary: { files: number; documents: number; objects: number; errors: number; warnings: number; infos: number; suppressed: number };
  findings: Finding[];
}

/** A fresh temporary folder, removed by `cleanup`. */
export function tempDir(prefix = 'kubevet-robust-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Parses a JSON report, failing the test with the invariant violations when it is malformed. */
export function parseReport(stdout: string): JsonReport {
  const { report, violations } = checkJsonReport(stdout);
  if (report === undefined || violations.length > 0) throw new Error(`bad JSON report: ${violations.join('; ')}\n${stdout.slice(0, 2000)}`);
  return report as unknown as JsonReport;
}

/** Runs the in-process CLI with `-f json` in `cwd` and parses the report. */
export function lintJson(args: string[], cwd: string): CliResult & { report: JsonReport } {
  const result = runCli(['--no-config', '-f', 'json', ...args], cwd);
  if (result.stdout === '') throw new Error(`no report (exit ${result.code}): ${result.stderr.slice(0, 3000)}`);
  return { ...result, report: parseReport(result.stdout) };
}

/** `rule line:column` of each finding, for compact expectations. */
export function brief(report: JsonReport, file?: string): string[] {
  return report.findings.filter((f) => file === undefined || f.file === file).map((f) => `${f.ruleId} ${f.line}:${f.column}`);
}

/** Every invariant on a run over files whose text is known: positions, SARIF agreement. */
export function invariantViolations(findings: readonly Finding[], texts: ReadonlyMap<string, Buffer>, sarif?: string): string[] {
  const decoded = new Map([...texts].map(([file, bytes]) => [file, decodedText(bytes)]));
  const violations = positionViolations(findings, (file) => decoded.get(file));
  if (sarif !== undefined) violations.push(...checkSarif(sarif, findings));
  return violations;
}

export { prototypeSnapshot };

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Killed (SIGKILL) after this long. */
  timeoutMs?: number;
  /** `--max-old-space-size` in MB: a run that needs more heap dies. */
  maxOldSpaceMb?: number;
  /** Node options before the script (e.g. `--require`). */
  nodeArgs?: string[];
  /** Keep at most this many characters of each output stream. */
  maxOutput?: number;
}

/**
 * Runs the built CLI (`npm run build` first) as a child process, asynchronously, so several
 * slow cases can run side by side; never rejects.
 */
export function spawnCliAsync(args: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const nodeArgs = [...(options.nodeArgs ?? [])];
  if (options.maxOldSpaceMb !== undefined) nodeArgs.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  return spawnNode([...nodeArgs, BIN, ...args], options);
}

export function spawnNode(argv: string[], options: ProcessOptions = {}): Promise<ProcessResult> {
  const maxOutput = options.maxOutput ?? 1_000_000;
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(process.execPath, argv, {
      cwd: options.cwd ?? ROOT,
      env: { PATH: process.env.PATH, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxOutput) stdout += chunk.slice(0, maxOutput - stdout.length);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < maxOutput) stderr += chunk.slice(0, maxOutput - stderr.length);
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.on('close', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** One line describing how a child process ended, for assertion messages. */
export function describeProcess(result: ProcessResult): string {
  const how = result.timedOut ? `killed after ${result.ms} ms (time limit)` : result.signal !== null ? `killed by ${result.signal}` : `exit ${result.code}`;
  return `${how} in ${result.ms} ms; stderr: ${result.stderr.slice(0, 800)}`;
}

/** True when running as root, where file permissions do not stop reads. */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Runs async tasks with at most `concurrency` at a time; results in task order. */
export async function runPool<T>(tasks: readonly (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, () => worker()));
  return results;
}
