/**
 * Terminal helpers for the text format: raw ANSI styles, display width for column alignment,
 * and neutralizing untrusted text (manifest values end up in messages and file names).
 */

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;
export type Style = keyof typeof STYLES;

/** Wrap `text` in the given styles (outermost first); identity when `enabled` is false. */
export function paint(text: string, enabled: boolean, ...styles: Style[]): string {
  if (!enabled || text === '' || styles.length === 0) return text;
  const open = styles.map((s) => `\u001b[${STYLES[s][0]}m`).join('');
  const close = styles
    .map((s) => `\u001b[${STYLES[s][1]}m`)
    .reverse()
    .join('');
  return `${open}${text}${close}`;
}

// C0 controls other than LF/CR (handled by line splitting), DEL and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function escapeControl(ch: string): string {
  if (ch === '\t') return '\\t';
  return `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * Keep a line from being read as a GitHub Actions workflow command when the text format runs in
 * CI: the runner treats a line whose first non-blank characters are `::` as a command, and the
 * legacy `##[` prefix anywhere in a line. A zero-width space breaks both without visible change.
 */
export function inertLine(line: string): string {
  const neutral = line.replace(/##\[/g, '##\u200b[');
  const lead = /^\s*/.exec(neutral)?.[0] ?? '';
  return neutral.startsWith('::', lead.length) ? `${lead}\u200b${neutral.slice(lead.length)}` : neutral;
}

/** Control characters (other than CR/LF) made visible (`\x1b`, `\t`), so untrusted text cannot drive a terminal. */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

/** The lines of untrusted text with control characters made visible (`\x1b`, `\t`). */
export function safeLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(visibleControls);
}

/** Untrusted text forced onto one line (newlines shown as `\n`). */
export function safeInline(text: string): string {
  return safeLines(text).join('\\n');
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Printable ASCII: one column a character (nearly every message; one native test instead of a test per character). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Approximate terminal columns taken by `text` (combining marks 0, East Asian wide 2). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    if (ZERO_WIDTH.test(ch)) continue;
    width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  }
  return width;
}

export function padEndDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
