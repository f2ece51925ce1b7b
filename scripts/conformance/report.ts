/** Text and Markdown renderings of the per-peer conformance results. */
import { deviationKey, stale, summarize, total, unexplained, type CheckMapping, type CheckSummary, type Deviation, type Mapping, type PeerReport } from './types';

const HEADER = ['check', 'cases', 'agreed', 'disagreed', 'intended', 'no-equivalent'];

function row(check: string, s: Omit<CheckSummary, 'check'>): string[] {
  return [check, String(s.cases), String(s.agreed), String(s.disagreed), String(s.intended), String(s.noEquivalent)];
}

function table(rows: readonly string[][]): string {
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd()).join('\n');
}

/**
 * Per check: cases, agreed, disagreed (of which intended: documented deviations), no-equivalent;
 * then the total, and every disagreement not documented as intended (a bug to fix).
 */
export function peerText(report: PeerReport): string {
  const rows = summarize(report);
  const sum = total(rows);
  const lines = [table([HEADER, ...rows.map((r) => row(r.check, r)), row('TOTAL', sum)])];
  const comparable = sum.cases - sum.noEquivalent;
  lines.push(`${report.peer}: ${sum.agreed}/${comparable} comparable cases agree, ${sum.intended} intended deviations (docs/conformance.md), ${sum.disagreed - sum.intended} unexplained; ${sum.noEquivalent} cases without a kubevet equivalent`);
  for (const r of unexplained(report)) {
    lines.push(`  UNEXPLAINED ${r.check} ${r.case}: expected ${r.expected}, kubevet ${r.got}`);
    for (const f of r.findings.slice(0, 5)) lines.push(`      ${f}`);
  }
  for (const d of stale(report)) lines.push(`  STALE deviation ${d.check} ${d.case}: kubevet agrees now (remove it)`);
  return lines.join('\n');
}

/** Every disagreement: case, check, expected, kubevet's verdict and findings, and the documented reason (if any). */
export function disagreementsText(report: PeerReport): string {
  const reasons = new Map(report.deviations.map((d) => [deviationKey(d), d.reason]));
  const lines: string[] = [];
  for (const r of report.results.filter((x) => x.agreed === false)) {
    lines.push(`  ${r.case} [${r.check}]: expected ${r.expected}, kubevet ${r.got}`);
    for (const f of r.findings.slice(0, 5)) lines.push(`      ${f}`);
    lines.push(`      ${reasons.has(deviationKey(r)) ? `intended: ${reasons.get(deviationKey(r)) ?? ''}` : 'NOT DOCUMENTED: a bug to fix'}`);
  }
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A case id without the fixture's directories (the file name, with its object or run). */
function shortCase(id: string): string {
  return id.replace(/^[^ ]*\//, '');
}

/**
 * The documented deviations of a peer as a Markdown table (docs/conformance.md embeds it), one
 * row per reason with the cases it explains, grouped by check.
 */
export function deviationsMarkdown(deviations: readonly Deviation[]): string {
  const byReason = new Map<string, Deviation[]>();
  for (const d of deviations) byReason.set(d.reason, [...(byReason.get(d.reason) ?? []), d]);
  const lines = ['| cases | why kubevet differs |', '| --- | --- |'];
  for (const [reason, list] of byReason) {
    const byCheck = new Map<string, string[]>();
    for (const d of list) byCheck.set(d.check, [...(byCheck.get(d.check) ?? []), shortCase(d.case)]);
    const cases = [...byCheck.entries()].map(([check, ids]) => `\`${escapeCell(check)}\`: ${ids.map((id) => `\`${escapeCell(id)}\``).join(', ')}`).join('; ');
    lines.push(`| ${cases} | ${escapeCell(reason)} |`);
  }
  return lines.join('\n');
}

/** How a peer check runs in kubevet, in one Markdown cell. */
export function mappingCell(mapping: CheckMapping | undefined, pseudo?: string): string {
  if (mapping === undefined) return escapeCell(pseudo ?? '');
  if (mapping.kind === 'none') return `no equivalent: ${escapeCell(mapping.reason)}`;
  const { run } = mapping;
  if (mapping.label !== undefined) return escapeCell(mapping.label) + (run.kinds === undefined ? '' : `; on ${run.kinds.join(', ')}`);
  const parts = [run.rules.map((id) => `\`${id}\``).join(', ')];
  const options = Object.entries(run.options ?? {}).map(([id, o]) => `${run.rules.length > 1 ? `${id} ` : ''}\`${JSON.stringify(o)}\``);
  if (options.length > 0) parts.push(`with ${options.join(', ')}`);
  if (run.only !== undefined) parts.push(`messages matching \`${escapeCell(run.only.source)}\``);
  if (run.path !== undefined) parts.push(`paths matching \`${escapeCell(run.path.source)}\``);
  if (run.kinds !== undefined) parts.push(`on ${run.kinds.join(', ')}`);
  if (run.closedWorld === true) parts.push('closedWorld');
  return parts.join('; ');
}

/** The generated part of a peer's section in docs/conformance.md: per-check agreement with the mapping, then the deviations. */
export function peerMarkdown(report: PeerReport, mapping: Mapping, pseudo: Readonly<Record<string, string>> = {}): string {
  const rows = summarize(report);
  const byCheck = new Map(rows.map((r) => [r.check, r]));
  const checks = [...new Set([...Object.keys(mapping), ...rows.map((r) => r.check)])].sort((a, b) => a.localeCompare(b));
  const sum = total(rows);
  const lines = [
    `${sum.agreed} of ${sum.cases - sum.noEquivalent} comparable cases agree; the ${sum.intended} others are the intended deviations listed below; ${sum.noEquivalent} cases have no kubevet equivalent.`,
    '',
    '| check | kubevet | cases | agreed | disagreed (intended) | no equivalent |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const check of checks) {
    const r = byCheck.get(check);
    const counts = r === undefined ? ['0', '0', '0', '0'] : [String(r.cases), String(r.agreed), `${r.disagreed} (${r.intended})`, String(r.noEquivalent)];
    lines.push(`| \`${escapeCell(check)}\` | ${mappingCell(mapping[check], pseudo[check])} | ${counts.join(' | ')} |`);
  }
  lines.push(`| **total** | | ${sum.cases} | ${sum.agreed} | ${sum.disagreed} (${sum.intended}) | ${sum.noEquivalent} |`);
  lines.push('', `Intended deviations (${report.deviations.length}):`, '', deviationsMarkdown(report.deviations));
  return lines.join('\n');
}

const BEGIN = (peer: string): string => `<!-- BEGIN generated conformance ${peer} (npm run conformance -- --write-docs) -->`;
const END = (peer: string): string => `<!-- END generated conformance ${peer} -->`;

/** The generated block of a peer in the docs text, or undefined when the markers are missing. */
export function docsBlock(text: string, peer: string): string | undefined {
  const start = text.indexOf(BEGIN(peer));
  const end = text.indexOf(END(peer));
  if (start < 0 || end < start) return undefined;
  return text.slice(start + BEGIN(peer).length, end).trim();
}

/** The docs text with a peer's generated block replaced (markers must exist). */
export function withDocsBlock(text: string, peer: string, content: string): string {
  const start = text.indexOf(BEGIN(peer));
  const end = text.indexOf(END(peer));
  if (start < 0 || end < start) throw new Error(`docs/conformance.md has no generated block for ${peer}`);
  return `${text.slice(0, start)}${BEGIN(peer)}\n${content}\n${text.slice(end)}`;
}
