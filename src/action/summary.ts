/**
 * The job summary (Markdown for `GITHUB_STEP_SUMMARY`): the totals and a table of the most
 * severe findings, capped. Messages quote manifests, which come from pull requests, so every
 * cell is escaped: only single-backtick code spans keep their meaning, and nothing can open a
 * link, an HTML tag or a new table cell.
 */
import type { JsonReport } from '../report/json';
import { summaryText } from '../report/summary';
import { isVirtualFile, SEVERITY_RANK, type Finding } from '../types';

export const DEFAULT_SUMMARY_ROWS = 50;
const MAX_MESSAGE_LENGTH = 300;

export interface SummaryOptions {
  /** Most rows in the findings table. */
  limit: number;
  /** Link to a file and line in the repository (files are repository-relative), if known. */
  link?: (file: string, line: number) => string | undefined;
  /** Lines shown under the totals (why some findings are not shown, what failed). */
  notes?: readonly string[];
  /** The action's exit code: 0 passed, 1 failed on findings, 2 could not check. */
  exitCode: number;
}

const PLAIN_SPECIALS = /[\\`*_[\]<>~|&]/g;

/** Escapes text for a table cell, keeping `code` spans and neutralizing everything else. */
export function escapeCell(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
  return oneLine
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(PLAIN_SPECIALS, (c) => `\\${c}`)))
    .join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Most severe first; the report's order (file, line, column) within a severity. */
export function topFindings(findings: readonly Finding[], limit: number): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .slice(0, limit)
    .map(({ f }) => f);
}

/** A GitHub blob URL for a repository file and line, with path segments encoded for a Markdown link. */
export function blobUrl(server: string, repository: string, commit: string, file: string, line: number): string {
  const path = file
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
  return `${server.replace(/\/+$/, '')}/${repository}/blob/${commit}/${path}#L${line}`;
}

function locationCell(f: Finding, link: SummaryOptions['link']): string {
  const text = escapeCell(isVirtualFile(f.file) ? f.file : `${f.file}:${f.line}`);
  const url = link?.(f.file, f.line);
  return url === undefined ? text : `[${text}](${url})`;
}

function findingRow(f: Finding, link: SummaryOptions['link']): string {
  const cells = [locationCell(f, link), f.severity, `\`${f.ruleId}\``, escapeCell(truncate(f.message, MAX_MESSAGE_LENGTH))];
  return `| ${cells.join(' | ')} |`;
}

function verdict(exitCode: number): string {
  if (exitCode === 0) return 'passed';
  if (exitCode === 1) return 'failed: findings reached `fail-on`';
  return 'failed: kubevet could not check the manifests (see the log)';
}

export function jobSummary(report: JsonReport, options: SummaryOptions): string {
  const s = report.summary;
  const lines = [
    '## kubevet',
    '',
    `**${escapeCell(summaryText(s))}** (Kubernetes ${escapeCell(report.kubernetesVersion)}) — ${verdict(options.exitCode)}`,
    '',
    '| Errors | Warnings | Infos | Suppressed | Files | Objects |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${s.errors} | ${s.warnings} | ${s.infos} | ${s.suppressed} | ${s.files} | ${s.objects} |`,
  ];
  for (const note of options.notes ?? []) lines.push('', note);
  const shown = topFindings(report.findings, options.limit);
  if (shown.length > 0) {
    lines.push('', '| Location | Severity | Rule | Message |', '| --- | --- | --- | --- |', ...shown.map((f) => findingRow(f, options.link)));
    if (shown.length < report.findings.length) {
      lines.push('', `Showing ${shown.length} of ${report.findings.length} findings, most severe first; the annotations and the SARIF report have them all.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The summary when kubevet did not produce a report (a usage or configuration error). */
export function failureSummary(message: string): string {
  return `## kubevet\n\n**kubevet could not run:** ${escapeCell(message)}\n`;
}
