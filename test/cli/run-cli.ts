import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'kubevet.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process (TypeScript sources) with captured output. */
export function runCli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): CliResult {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    cwd,
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** Runs the built CLI as a process, the way users do (needs `npm run build`). */
export function spawnCli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...options.env },
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

export function nodeEval(code: string): string {
  return execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
}
