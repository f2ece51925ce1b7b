import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { createProgress, PROGRESS_MIN_FILES, progressLine, type ProgressStream } from '../../src/cli/progress';

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text) => written.push(text) };
}

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 0;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('progress line', () => {
  test('the line: what, how many of how many, percent; cut to the terminal width', () => {
    expect(progressLine('reading files', 120, 480)).toBe('kubevet: reading files 120/480 (25%)');
    expect(progressLine('checking objects', 0, 0)).toBe('kubevet: checking objects 0/0 (100%)');
    expect(progressLine('reading files', 120, 480, 20)).toBe('kubevet: reading fi'); // width - 1: a line that fills the last column wraps on some terminals
  });

  test('on a terminal, past the threshold: redrawn in place with \\r, throttled, then blanked', () => {
    const stream = fakeStream(true, 80);
    const time = clock();
    const progress = createProgress(stream, time.now);
    const total = PROGRESS_MIN_FILES + 1;
    progress.files(0, total);
    progress.files(1, total); // within 100 ms of the last draw: skipped
    time.advance(150);
    progress.files(150, total);
    time.advance(150);
    progress.objects(10, 2000);
    progress.clear();
    progress.clear();
    expect(stream.written).toEqual([
      `\rkubevet: reading files 0/${total} (0%)`,
      `\rkubevet: reading files 150/${total} (74%)`,
      // The shorter line pads over the longer one it replaces.
      '\rkubevet: checking objects 10/2000 (0%)' + ' '.repeat(Math.max(0, `kubevet: reading files 150/${total} (74%)`.length - 'kubevet: checking objects 10/2000 (0%)'.length)),
      `\r${' '.repeat('kubevet: checking objects 10/2000 (0%)'.length)}\r`,
    ]);
  });

  test('nothing at or below the threshold, and nothing ever when standard error is not a terminal', () => {
    const small = fakeStream(true);
    const smallProgress = createProgress(small, clock().now);
    smallProgress.files(0, PROGRESS_MIN_FILES);
    smallProgress.objects(0, 100_000);
    smallProgress.clear();
    expect(small.written).toEqual([]);

    const piped = fakeStream(false);
    const time = clock();
    const pipedProgress = createProgress(piped, time.now);
    pipedProgress.files(0, 100_000);
    time.advance(1000);
    pipedProgress.files(50_000, 100_000);
    pipedProgress.objects(1, 2);
    pipedProgress.clear();
    expect(piped.written).toEqual([]);
  });
});

describe('progress in a CLI run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-progress-'));
  for (let i = 0; i < PROGRESS_MIN_FILES + 5; i++) {
    writeFileSync(join(dir, `cm-${String(i).padStart(3, '0')}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  a: b\n`);
  }

  function run(stderrIsTTY: boolean): { stdout: string; stderr: string; code: number } {
    let stdout = '';
    let stderr = '';
    const code = main(['--no-config', '.'], { cwd: dir, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false, stderrIsTTY, stderrColumns: 100 });
    return { stdout, stderr, code };
  }

  test('a terminal gets the line, blanked before the report; a pipe gets nothing', () => {
    const tty = run(true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/^\rkubevet: reading files 0\/205 \(0%\)/);
    expect(tty.stderr).toMatch(/\r {10,}\r$/);
    expect(tty.stdout).toContain('No problems found in 205 files');
    const piped = run(false);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(tty.stdout);
  });
});
