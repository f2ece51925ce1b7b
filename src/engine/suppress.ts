/**
 * Suppressions: `# kubevet-ignore rule-a,rule-b -- reason` comments (on the offending line, or
 * alone on the line above), the `kubevet.io/ignore` annotation on an object or its pod
 * template, `exclude` entries of the configuration, and (opt-in, see peers.ts) other linters'
 * ignore annotations. A kubevet suppression that silences nothing is reported, so stale ones do
 * not hide the next real problem.
 */
import type { SourceText } from '../load/source';
import type { KubeObject } from '../model/object';
import { podSpecOf } from '../model/workload';
import type { Finding, SuppressedFinding } from '../types';
import type { ExcludeEntry } from './config';

export const IGNORE_ANNOTATION = 'kubevet.io/ignore';
const COMMENT = /(^|\s)#\s*kubevet-ignore\s+([^\r\n]*)$/;

export interface Suppression {
  /** `peer`: another linter's ignore annotation, honoured with `honorPeerAnnotations`. */
  kind: 'comment' | 'annotation' | 'config' | 'peer';
  rules: string[];
  reason?: string;
  /** How `--show-suppressed` names a peer annotation (`kube-linter annotation ignore-check.kube-linter.io/…`). */
  label?: string;
  /** Where the suppression is written, for unused-suppression findings. */
  file: string;
  line: number;
  column: number;
  endColumn: number;
  object: KubeObject | undefined;
  used: Set<string>;
  /** Index key: the finding line (comments) or object (annotations); none for config entries. */
  key?: string;
  matches(finding: Finding): boolean;
}

function lineKey(file: string, line: number): string {
  return `L|${file}|${line}`;
}

export function objectKeyOf(file: string, o: { apiVersion: string; kind: string; namespace: string | null; name: string }): string {
  return `O|${file}|${o.apiVersion}|${o.kind}|${o.namespace ?? ''}|${o.name}`;
}

export function ruleMatches(pattern: string, ruleId: string): boolean {
  if (pattern === '*' || pattern === 'all') return true;
  if (pattern.endsWith('/*')) return ruleId.startsWith(pattern.slice(0, -1));
  return pattern === ruleId;
}

function parseRuleList(text: string): string[] {
  return text.split(/[\s,]+/).filter((s) => s !== '');
}

export function commentSuppressions(source: SourceText): Suppression[] {
  if (!source.text.includes('kubevet-ignore')) return [];
  const out: Suppression[] = [];
  const lines = source.lineCount();
  for (let line = 1; line <= lines; line++) {
    const text = source.lineText(line);
    const match = COMMENT.exec(text);
    if (match === null) continue;
    const [list, reason] = match[2].split(/\s+--\s*/, 2);
    const rules = parseRuleList(list);
    const alone = text.slice(0, match.index + match[1].length).trim() === '';
    const target = alone ? line + 1 : line;
    const column = match.index + match[1].length + 1;
    out.push({
      kind: 'comment',
      rules,
      reason: reason?.trim() || undefined,
      file: source.file,
      line,
      column,
      endColumn: text.length + 1,
      object: undefined,
      used: new Set(),
      key: lineKey(source.file, target),
      matches: (f) => f.file === source.file && f.line === target && rules.some((r) => ruleMatches(r, f.ruleId)),
    });
  }
  return out;
}

/** A suppression written on an object (an annotation), matching that object's findings whose rule passes `matchesRule`. */
export function objectSuppression(
  object: KubeObject,
  at: { line: number; column: number; endColumn: number },
  what: Pick<Suppression, 'kind' | 'rules' | 'reason' | 'label'>,
  matchesRule: (ruleId: string) => boolean,
): Suppression {
  return {
    ...what,
    file: object.file,
    line: at.line,
    column: at.column,
    endColumn: at.endColumn,
    object,
    used: new Set(),
    key: objectKeyOf(object.file, object.ref()),
    matches: (f) => sameObject(f, object) && matchesRule(f.ruleId),
  };
}

export function annotationSuppressions(object: KubeObject): Suppression[] {
  const out: Suppression[] = [];
  const pod = podSpecOf(object);
  const places: { annotations: unknown; path: (string | number)[] }[] = [
    { annotations: object.annotations[IGNORE_ANNOTATION], path: ['metadata', 'annotations', IGNORE_ANNOTATION] },
  ];
  if (pod !== undefined && pod.template) {
    const annotations = pod.metadata.annotations as Record<string, unknown> | undefined;
    places.push({ annotations: annotations?.[IGNORE_ANNOTATION], path: [...pod.metadataPath, 'annotations', IGNORE_ANNOTATION] });
  }
  for (const place of places) {
    if (typeof place.annotations !== 'string') continue;
    const [list, reason] = place.annotations.split(/\s+--\s*/, 2);
    const rules = parseRuleList(list);
    out.push(objectSuppression(object, object.range(place.path), { kind: 'annotation', rules, reason: reason?.trim() || undefined }, (id) => rules.some((r) => ruleMatches(r, id))));
  }
  return out;
}

/** minimatch, loaded only when a configuration has exclude entries (most runs have none). */
function minimatch(value: string, pattern: string, options?: { dot: boolean }): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('minimatch') as typeof import('minimatch')).minimatch(value, pattern, options);
}

export function configSuppressions(entries: readonly ExcludeEntry[], configFile: string | undefined): Suppression[] {
  return entries.map((entry) => {
    const any = (patterns: string[] | undefined, value: string | null | undefined): boolean =>
      patterns === undefined || (value !== null && value !== undefined && patterns.some((p) => minimatch(value, p, { dot: true })));
    return {
      kind: 'config' as const,
      rules: entry.rules ?? ['*'],
      reason: entry.reason,
      file: configFile ?? '.kubevet.yaml',
      line: 1,
      column: 1,
      endColumn: 1,
      object: undefined,
      used: new Set<string>(),
      matches: (f: Finding) =>
        (entry.rules === undefined || entry.rules.some((r) => ruleMatches(r, f.ruleId) || minimatch(f.ruleId, r))) &&
        any(entry.kinds, f.object?.kind) &&
        any(entry.namespaces, f.object?.namespace) &&
        any(entry.names, f.object?.name) &&
        any(entry.files, f.file),
    };
  });
}

export function sameObject(finding: Finding, object: KubeObject): boolean {
  const o = finding.object;
  return o !== null && finding.file === object.file && o.kind === object.kind && o.name === object.name && o.namespace === object.namespace && o.apiVersion === object.apiVersion;
}

/** Splits findings into reported and suppressed; marks which suppressions were used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const indexed = new Map<string, Suppression[]>();
  const unindexed: Suppression[] = [];
  for (const s of suppressions) {
    if (s.key === undefined) unindexed.push(s);
    else indexed.set(s.key, [...(indexed.get(s.key) ?? []), s]);
  }
  const matching = (list: readonly Suppression[] | undefined, finding: Finding): Suppression | undefined => {
    if (list !== undefined) for (const s of list) if (s.matches(finding)) return s;
    return undefined;
  };
  for (const finding of findings) {
    // The line's suppressions first, then the object's, then the rest (config, peers).
    const by =
      (indexed.size === 0 ? undefined : matching(indexed.get(lineKey(finding.file, finding.line)), finding)) ??
      (indexed.size === 0 || finding.object === null ? undefined : matching(indexed.get(objectKeyOf(finding.file, finding.object)), finding)) ??
      matching(unindexed, finding);
    if (by === undefined) {
      kept.push(finding);
      continue;
    }
    by.used.add(finding.ruleId);
    suppressed.push({ ...finding, suppressedBy: describe(by) });
  }
  return { kept, suppressed };
}

function describe(s: Suppression): string {
  const where =
    s.kind === 'config'
      ? `exclude in ${s.file}`
      : s.kind === 'peer'
        ? `${s.label ?? 'peer annotation'} (${s.file}:${s.line})`
        : s.kind === 'annotation' ? `${IGNORE_ANNOTATION} annotation (${s.file}:${s.line})` : `kubevet-ignore comment (${s.file}:${s.line})`;
  return s.reason === undefined ? where : `${where}: ${s.reason}`;
}
