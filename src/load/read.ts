/**
 * Reads one input into text, refusing what is not a manifest: files above the size limit,
 * binary data, UTF-16/32 text. Invalid UTF-8 is reported and decoded with replacement
 * characters so the rest of the file is still checked.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string; invalidUtf8Offset?: number }
  | { ok: false; message: string };

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

/** Reads a file (or standard input for `-`) with a size limit that holds even for pipes. */
export function readInput(path: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    if (path === '-') {
      fd = 0;
    } else {
      // Look before opening: open() on a FIFO without a writer would block forever, and a device
      // such as /dev/zero never ends. Pipes (`kubevet <(helm template .)`) open without blocking.
      const kind = statSync(path);
      if (!kind.isFile() && !kind.isFIFO()) return { ok: false, message: 'not a regular file (a device, socket or folder cannot be a manifest)' };
      fd = openSync(path, kind.isFIFO() ? constants.O_RDONLY | constants.O_NONBLOCK : constants.O_RDONLY);
    }
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${describeError(error)}` };
  }
  try {
    let sizeHint = 64 * 1024;
    if (fd !== 0) {
      const stats = fstatSync(fd);
      if (stats.isFile()) {
        if (stats.size > maxBytes) return { ok: false, message: tooLarge(stats.size, maxBytes) };
        sizeHint = stats.size + 1; // one spare byte notices a file that grows while read
      }
    }
    const buffer = readBounded(fd, maxBytes, sizeHint);
    if (buffer === undefined) return { ok: false, message: tooLarge(maxBytes + 1, maxBytes) };
    return decode(buffer);
  } catch (error) {
    return { ok: false, message: `cannot read the file: ${describeError(error)}` };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Reads to the end, growing the buffer as needed, and gives up past `maxBytes`. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

function readBounded(fd: number, maxBytes: number, sizeHint: number): Buffer | undefined {
  const deadline = Date.now() + 120_000;
  let buffer = Buffer.allocUnsafe(Math.max(1, Math.min(sizeHint, maxBytes + 1)));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total > maxBytes) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    let n: number;
    try {
      n = readSync(fd, buffer, total, buffer.length - total, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A pipe whose writer has not written yet: wait a little instead of spinning.
        if (Date.now() > deadline) throw new Error('no data arrived from the pipe within 120 s', { cause: error });
        Atomics.wait(PAUSE, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (n === 0) break;
    total += n;
  }
  return total > maxBytes ? undefined : buffer.subarray(0, total);
}

export function decode(buffer: Buffer): ReadResult {
  if (hasUtf16Or32Bom(buffer)) {
    return { ok: false, message: 'the file is UTF-16 or UTF-32 encoded; Kubernetes tools expect UTF-8: convert it (e.g. `iconv -f UTF-16 -t UTF-8`)' };
  }
  if (buffer.subarray(0, 8192).includes(0)) {
    return { ok: false, message: 'the file is binary (it contains NUL bytes), not a YAML or JSON manifest' };
  }
  let text: string;
  let invalidUtf8Offset: number | undefined;
  try {
    text = utf8Strict.decode(buffer);
  } catch {
    const bad = firstInvalidUtf8(buffer);
    text = utf8Lenient.decode(buffer);
    invalidUtf8Offset = utf8Lenient.decode(buffer.subarray(0, bad)).length;
  }
  if (text.includes('\u0000')) {
    return { ok: false, message: 'the file contains NUL characters, which YAML does not allow' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return invalidUtf8Offset === undefined ? { ok: true, text } : { ok: true, text, invalidUtf8Offset };
}

function hasUtf16Or32Bom(b: Buffer): boolean {
  return (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) ||
    (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff);
}

/**
 * Byte offset of the first byte that is not valid UTF-8, with the WHATWG decoder's exact rules:
 * no overlongs (E0 needs A0-BF, F0 needs 90-BF next), no surrogates (ED needs 80-9F), nothing
 * above U+10FFFF (F4 needs 80-8F).
 */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= b.length) return i;
    const [low, high] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (b[i + 1] < low || b[i + 1] > high) return i;
    for (let k = 2; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return b.length;
}

function tooLarge(size: number, max: number): string {
  const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `the file is larger than the ${mb(max)} limit (${size > max + 1 ? mb(size) : 'more'}); raise --max-file-size if it is really a manifest`;
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? e.message ?? String(error);
}
