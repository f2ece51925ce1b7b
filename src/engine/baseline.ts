/**
 * Baselines: `--write-baseline FILE` records today's findings by stable fingerprints, and
 * `--baseline FILE` then reports only new ones. A fingerprint is the rule, the file, the object
 * (API group, kind, namespace, name) and the field path, never a line number, so a finding that
 * only moved keeps its place in the baseline. Baselined findings count as suppressed.
 */
import { createHash } from 'node:crypto';
import type { Finding, SuppressedFinding } from '../types';

export const BASELINE_FORMAT = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  object: string | null;
  path: string | null;
  message: string;
}

export interface BaselineFile {
  tool: 'kubevet';
  format: number;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Numbers in messages (line numbers, counts) change with unrelated edits: they do not identify a finding. */
function stableMessage(message: string): string {
  return message.replace(/\d+/g, '#');
}

export function fingerprint(finding: Finding): string {
  const o = finding.object;
  const identity = [
    finding.ruleId,
    finding.file,
    o === null ? null : [groupOf(o.apiVersion), o.kind, o.namespace, o.name],
    finding.path,
    // Without a field path the message is what tells two findings of one rule apart.
    finding.path === null ? stableMessage(finding.message) : null,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}

export function createBaseline(findings: readonly Finding[]): BaselineFile {
  const entries = findings.map((f) => ({
    fingerprint: fingerprint(f),
    ruleId: f.ruleId,
    file: f.file,
    object: f.object === null ? null : `${f.object.namespace === null ? '' : `${f.object.namespace}/`}${f.object.kind}/${f.object.name}`,
    path: f.path,
    message: f.message,
  }));
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { tool: 'kubevet', format: BASELINE_FORMAT, findings: entries };
}

export function parseBaseline(text: string, file: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not a kubevet baseline (invalid JSON: ${(error as Error).message})`);
  }
  const record = data as Partial<BaselineFile> | null;
  if (record === null || typeof record !== 'object' || record.tool !== 'kubevet' || !Array.isArray(record.findings)) {
    throw new BaselineError(`${file}: not a kubevet baseline (write one with --write-baseline ${file})`);
  }
  if (record.format !== BASELINE_FORMAT) throw new BaselineError(`${file}: baseline format ${String(record.format)} is not supported; write it again with --write-baseline`);
  if (!record.findings.every((e) => e !== null && typeof e === 'object' && typeof (e as BaselineEntry).fingerprint === 'string')) {
    throw new BaselineError(`${file}: every baseline entry needs a fingerprint`);
  }
  return record as BaselineFile;
}

/** Findings already in the baseline become suppressed; as many of each fingerprint as were recorded. */
export function applyBaseline(findings: readonly Finding[], baseline: BaselineFile, file: string): { kept: Finding[]; baselined: SuppressedFinding[] } {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  const kept: Finding[] = [];
  const baselined: SuppressedFinding[] = [];
  for (const finding of findings) {
    const key = fingerprint(finding);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      baselined.push({ ...finding, suppressedBy: `baseline (${file})` });
    } else {
      kept.push(finding);
    }
  }
  return { kept, baselined };
}
