/**
 * Reporters: turn a finished `Report` into text for a terminal, JSON, SARIF or GitHub Actions
 * workflow commands. Reporters only format; severity and filtering are decided upstream (the
 * one exception is `quiet`, which hides non-errors in the human-readable text output).
 *
 * Each formatter lives in its own module and is required on first use, so that loading the CLI
 * does not pay for (for example) `node:crypto` and the SARIF rule-help rendering when the text
 * format is used.
 */
import type { Report } from '../types';

export const FORMAT_NAMES = ['text', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatOptions {
  /** Emit ANSI colours (text format only). */
  color: boolean;
  /** Show only errors (text format only; the summary still counts everything). */
  quiet: boolean;
  /** Also list findings that suppressions silenced. */
  showSuppressed: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point: `import`
   statements would load every formatter at start-up. */
const LOADERS: Readonly<Record<FormatName, () => Formatter>> = {
  text: () => (require('./text') as typeof import('./text')).formatText,
  json: () => (require('./json') as typeof import('./json')).formatJson,
  sarif: () => (require('./sarif') as typeof import('./sarif')).formatSarif,
  github: () => (require('./github') as typeof import('./github')).formatGithub,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Writes `report` in `format` a piece at a time (JSON and text stream; the others are written
 * whole). The pieces joined are exactly `formatReport`'s result.
 */
export function writeReport(format: FormatName, report: Report, options: FormatOptions, write: (chunk: string) => void): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy, as LOADERS */
  const chunks =
    format === 'json'
      ? (require('./json') as typeof import('./json')).jsonChunks(report, options)
      : format === 'text'
        ? (require('./text') as typeof import('./text')).textChunks(report, options)
        : [formatReport(format, report, options)];
  /* eslint-enable @typescript-eslint/no-require-imports */
  for (const chunk of chunks) write(chunk);
}

/** Render `report` in `format`; the result ends with a newline. */
export function formatReport(format: FormatName, report: Report, options: FormatOptions): string {
  const load = LOADERS[format] as (() => Formatter) | undefined;
  if (load === undefined) throw new Error(`unknown output format: ${String(format)}`);
  return load()(report, options);
}
