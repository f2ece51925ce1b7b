/**
 * A progress line for long runs: one line on standard error, rewritten in place with `\r`,
 * shown only when standard error is a terminal and the run reads more than
 * PROGRESS_MIN_FILES files, and blanked out before the report is written. CI logs, pipes and
 * redirected output never see it.
 */

export const PROGRESS_MIN_FILES = 200;
/** At most this many redraws per second: a terminal write per file would slow a big run down. */
const MIN_INTERVAL_MS = 100;

export interface ProgressStream {
  isTTY: boolean;
  /** Terminal width; the line is cut to fit so it never wraps (a wrapped line cannot be redrawn). */
  columns?: number;
  write(text: string): void;
}

export interface Progress {
  /** Files read so far; the first call decides whether the run is long enough to show progress. */
  files(done: number, total: number): void;
  /** Objects checked so far. */
  objects(done: number, total: number): void;
  /** Blank the line (call before writing anything else to the terminal). */
  clear(): void;
}

export function progressLine(what: 'reading files' | 'checking objects', done: number, total: number, columns = 80): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const line = `kubevet: ${what} ${done}/${total} (${percent}%)`;
  return line.slice(0, Math.max(1, columns - 1));
}

export function createProgress(stream: ProgressStream, now: () => number = Date.now): Progress {
  let enabled: boolean | undefined;
  let shownWidth = 0;
  let lastDraw = -Infinity;
  const draw = (text: string, force: boolean): void => {
    const time = now();
    if (!force && time - lastDraw < MIN_INTERVAL_MS) return;
    lastDraw = time;
    stream.write(`\r${text}${' '.repeat(Math.max(0, shownWidth - text.length))}`);
    shownWidth = text.length;
  };
  return {
    files(done, total) {
      enabled ??= stream.isTTY && total > PROGRESS_MIN_FILES;
      if (enabled) draw(progressLine('reading files', done, total, stream.columns), done === 0);
    },
    objects(done, total) {
      if (enabled === true) draw(progressLine('checking objects', done, total, stream.columns), false);
    },
    clear() {
      if (shownWidth === 0) return;
      stream.write(`\r${' '.repeat(shownWidth)}\r`);
      shownWidth = 0;
    },
  };
}
