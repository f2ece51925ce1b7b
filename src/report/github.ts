/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), one per finding, which the
 * runner turns into annotations on the pull request, followed by one plain summary line.
 *
 * Escaping follows the runner (actions/runner `ActionCommand`) and @actions/core: data escapes
 * `%`, CR and LF; property values additionally escape `:` and `,`. With newlines escaped every
 * command stays on one line, so text from manifests cannot start a command of its own.
 */
import { visibleControls } from './terminal';
import { isVirtualFile, type Finding, type Report, type Severity } from '../types';
import type { FormatOptions } from './index';
import { messageWithOrigin } from './rendered';
import { summaryText } from './summary';

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape a command's data (the message after `::`). */
export function escapeData(s: string): string {
  // Control characters from manifests (ESC, BEL) must not reach the runner's log terminal.
  return visibleControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a command property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Location properties in the runner's order. Columns are given only for single-line ranges:
 * check-run annotations support start/end columns only when start and end line are equal.
 * `<stdin>` and rendered output (`<helm chart>`) have no file in the repository to attach to,
 * so they get no location at all.
 */
function locationProperties(f: Finding): [string, string][] {
  if (isVirtualFile(f.file)) return [];
  const props: [string, string][] = [['file', f.file], ['line', String(f.line)]];
  if (f.endLine === f.line) {
    props.push(['col', String(f.column)], ['endLine', String(f.endLine)], ['endColumn', String(f.endColumn)]);
  } else {
    props.push(['endLine', String(f.endLine)]);
  }
  return props;
}

export function workflowCommand(f: Finding): string {
  const props = [...locationProperties(f), ['title', f.ruleId]];
  const rendered = props.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${COMMAND[f.severity]} ${rendered}::${escapeData(messageWithOrigin(f))}`;
}

/**
 * Suppressed findings are never emitted as commands (an annotation would present them as live
 * problems); the summary line counts them. `quiet` is a text-format option and is ignored here.
 */
export function formatGithub(report: Report, _options: FormatOptions): string {
  const lines = report.findings.map(workflowCommand);
  lines.push(`kubevet: ${summaryText(report.summary)}`);
  return `${lines.join('\n')}\n`;
}
