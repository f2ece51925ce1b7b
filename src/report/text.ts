/**
 * The human-readable format: findings grouped by file with aligned columns, then a summary line.
 *
 *   deploy/app.yaml
 *     11:10  error    Unknown field "readyOnlyFilesystem"  schema/unknown-field
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 infos) in 1 file, 3 objects
 *
 * `quiet` shows only errors (in both the main and the suppressed list) while the summary keeps
 * counting everything. Untrusted text is made safe for terminals and CI logs (see terminal.ts).
 */
import type { Finding, Report, Severity, Summary, SuppressedFinding } from '../types';
import type { FormatOptions } from './index';
import { fileHeading } from './rendered';
import { problemCount, summaryText } from './summary';
import { displayWidth, inertLine, paint, padEndDisplay, safeInline, safeLines, type Style } from './terminal';

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = { error: 'red', warning: 'yellow', info: 'cyan' };

interface Row {
  line: string;
  column: string;
  severity: Severity;
  messageLines: string[];
  ruleId: string;
  note: string | null;
}

interface Widths {
  line: number;
  column: number;
  severity: number;
  message: number;
  ruleId: number;
}

function toRow(f: Finding, note: string | null): Row {
  return {
    line: String(f.line),
    column: String(f.column),
    severity: f.severity,
    messageLines: safeLines(f.message),
    ruleId: safeInline(f.ruleId),
    note,
  };
}

function suppressedNote(f: SuppressedFinding): string {
  return `(suppressed by ${safeInline(f.suppressedBy)})`;
}

/**
 * Group in order of first appearance (the engine already sorts by file). Rendered output is
 * grouped by the template each finding came from as well.
 */
export function groupByFile<T extends Finding>(findings: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const f of findings) {
    const heading = fileHeading(f);
    const group = groups.get(heading);
    if (group === undefined) groups.set(heading, [f]);
    else group.push(f);
  }
  return groups;
}

function widthsOf(rows: Iterable<Row>): Widths {
  const w: Widths = { line: 0, column: 0, severity: 0, message: 0, ruleId: 0 };
  for (const r of rows) {
    w.line = Math.max(w.line, r.line.length);
    w.column = Math.max(w.column, r.column.length);
    w.severity = Math.max(w.severity, r.severity.length);
    w.message = Math.max(w.message, displayWidth(r.messageLines[0] ?? ''));
    w.ruleId = Math.max(w.ruleId, displayWidth(r.ruleId));
  }
  return w;
}

function renderRow(row: Row, w: Widths, color: boolean): string[] {
  const location = `${row.line.padStart(w.line)}:${row.column.padEnd(w.column)}`;
  const severity = paint(row.severity, color, SEVERITY_STYLE[row.severity]) + ' '.repeat(w.severity - row.severity.length);
  const [first = '', ...rest] = row.messageLines;
  const ruleId = paint(row.ruleId, color, 'dim');
  const tail = row.note === null ? ruleId : `${ruleId}${padEndDisplay('', w.ruleId - displayWidth(row.ruleId))}  ${paint(row.note, color, 'dim')}`;
  const head = `  ${location}  ${severity}  ${padEndDisplay(first, w.message)}  ${tail}`;
  const indent = ' '.repeat(2 + w.line + 1 + w.column + 2 + w.severity + 2);
  return [head, ...rest.map((line) => `${indent}${line}`.trimEnd())];
}

/** One block per file: its heading and its findings' lines (rows are built twice rather than kept: a file may have 100,000 findings). */
function* renderGroups<T extends Finding>(findings: readonly T[], note: (f: T) => string | null, color: boolean): Generator<Iterable<string>> {
  for (const [file, group] of groupByFile(findings)) {
    const rows = (): Generator<Row> => (function* () {
      for (const f of group) yield toRow(f, note(f));
    })();
    const widths = widthsOf(rows());
    yield (function* () {
      yield paint(safeInline(file), color, 'bold', 'underline');
      for (const row of rows()) yield* renderRow(row, widths, color);
    })();
  }
}

function summaryLine(summary: Summary, hiddenByQuiet: number, color: boolean): string {
  const hidden = hiddenByQuiet > 0 ? `; ${hiddenByQuiet} hidden by --quiet` : '';
  const text = `${summaryText(summary)}${hidden}`;
  if (problemCount(summary) === 0) return paint(`✔ ${text}`, color, 'bold', 'green');
  const style: Style = summary.errors > 0 ? 'red' : summary.warnings > 0 ? 'yellow' : 'cyan';
  return paint(`✖ ${text}`, color, 'bold', style);
}

export function formatText(report: Report, options: FormatOptions): string {
  return [...textChunks(report, options)].join('');
}

/** Characters per chunk of streamed output: small enough to stay out of V8's large-object space, which only a full collection frees. */
const CHUNK = 1 << 15;

/**
 * The text report in pieces of about 32,000 characters, so a large report never exists as one string.
 * Blocks (a file's findings, the suppressed list, the summary) are separated by an empty line,
 * and every line is made inert for CI logs.
 */
export function* textChunks(report: Report, options: FormatOptions): Generator<string> {
  const visible = <T extends Finding>(list: readonly T[]): readonly T[] => (options.quiet ? list.filter((f) => f.severity === 'error') : list);
  const findings = visible(report.findings);
  const blocks = function* (): Generator<Iterable<string>> {
    yield* renderGroups(findings, () => null, options.color);
    if (options.showSuppressed) {
      const suppressed = visible(report.suppressed);
      if (suppressed.length > 0) {
        yield [paint(`Suppressed (${suppressed.length}):`, options.color, 'bold')];
        yield* renderGroups(suppressed, suppressedNote, options.color);
      }
    }
    yield [summaryLine(report.summary, report.findings.length - findings.length, options.color)];
  };
  let chunk = '';
  let separator = '';
  for (const block of blocks()) {
    for (const text of block) {
      for (const line of text.split('\n')) {
        chunk += `${separator}${inertLine(line)}`;
        separator = '\n';
      }
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = '';
      }
    }
    separator = '\n\n';
  }
  yield `${chunk}\n`;
}
