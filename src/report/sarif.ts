/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * Decisions:
 * - `tool.driver.rules` lists every rule in `report.rules` (in the given order), plus a minimal
 *   descriptor for any result whose rule is not registered, so every `ruleIndex` resolves. All
 *   rules rather than only those with results: viewers can show the full catalogue that was
 *   checked, each rule keeps the same index run after run, and the cost is small next to GitHub's
 *   limits (25,000 rules per run, 10 MB gzipped per upload).
 * - `partialFingerprints["kubevetFindingHash/v1"]` hashes rule, file, object identity (API group,
 *   kind, namespace, name; not the API version, so an `apps/v1beta2` → `apps/v1` migration keeps
 *   the alert) and field path, never positions, so alerts survive unrelated edits. The file is
 *   included because the same object identity is often declared in several files (one overlay per
 *   environment); those are distinct alerts. Findings without an object hash file and message.
 *   A `:n` occurrence suffix (as CodeQL does) keeps equal hashes within one run distinct.
 * - Suppressed findings are emitted only with `showSuppressed`, as results carrying
 *   `suppressions: [{kind: "inSource"}]` (GitHub shows them as dismissed). The default output thus
 *   matches the other formats, where suppressed findings appear only on request.
 * - `security-severity` (security, rbac, network rules) follows the severity the findings were
 *   reported with in this run (most severe wins), falling back to the rule's default, so a user
 *   who reconfigured a rule's severity sees the same severity in code scanning.
 */
import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { Category, Finding, FlowStep, ObjectRef, Report, RuleDescriptor, Severity, SuppressedFinding } from '../types';
import { SEVERITY_RANK } from '../types';
import type { FormatOptions } from './index';
import { messageWithOrigin } from './rendered';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kubevet/kubevet';
export const FINGERPRINT_KEY = 'kubevetFindingHash/v1';

const SECURITY_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['security', 'rbac', 'network']);
const LEVEL: Readonly<Record<Severity, Sarif.ReportingConfiguration.level>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.0', info: '2.0' };
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** `schema/unknown-field` → `SchemaUnknownField`. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** `apps/v1` → `apps`; the core group (`v1`) is the empty string. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `default/Deployment/web`, or `ClusterRole/admin` for cluster-scoped objects. */
export function fullyQualifiedName(ref: ObjectRef): string {
  return [ref.namespace, ref.kind, ref.name].filter((p): p is string => p !== null && p !== '').join('/');
}

/** Position-independent identity of a finding (before the occurrence suffix). */
export function findingHash(f: Finding): string {
  const parts =
    f.object === null
      ? ['file', f.ruleId, f.file, f.message, f.path ?? '']
      : ['object', f.ruleId, f.file, apiGroup(f.object.apiVersion), f.object.kind, f.object.namespace ?? '', f.object.name, f.path ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Percent-encode one path segment, keeping the sub-delimiters RFC 3986 allows in paths. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|40)/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** Relative files resolve against `%SRCROOT%` (the repository root); absolute ones become `file:` URIs. */
export function artifactLocation(file: string): Sarif.ArtifactLocation {
  const drive = /^[A-Za-z]:\//.exec(file);
  if (drive !== null) return { uri: `file:///${drive[0]}${file.slice(3).split('/').map(encodeSegment).join('/')}` };
  const encoded = file.split('/').map(encodeSegment).join('/');
  if (file.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}

/** SARIF requires 1-based positions and an end not before the start. */
export function region(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Sarif.Region {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  const endLine = Math.max(startLine, f.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Only absolute http(s) URLs are linked (the schema wants a URI; viewers render the link). */
function isWebUri(s: string): boolean {
  try {
    const { protocol } = new URL(s);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** A fence longer than any backtick run inside `code`. */
function codeBlock(code: string, language: string): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`;
}

export function helpMarkdown(rule: RuleDescriptor): string {
  const parts = [`**${rule.id}**: ${sentence(rule.description)}`];
  if (rule.rationale.trim() !== '') parts.push(rule.rationale.trim());
  if (rule.fix !== undefined && rule.fix.trim() !== '') parts.push(`**How to fix:** ${rule.fix.trim()}`);
  if (rule.examples?.bad !== undefined) parts.push(`Bad:\n\n${codeBlock(rule.examples.bad, 'yaml')}`);
  if (rule.examples?.good !== undefined) parts.push(`Good:\n\n${codeBlock(rule.examples.good, 'yaml')}`);
  if (isWebUri(rule.helpUri)) parts.push(`[Documentation](${rule.helpUri})`);
  return parts.join('\n\n');
}

export function helpText(rule: RuleDescriptor): string {
  const parts = [`${rule.id}: ${sentence(rule.description)}`];
  if (rule.rationale.trim() !== '') parts.push(rule.rationale.trim());
  if (rule.fix !== undefined && rule.fix.trim() !== '') parts.push(`How to fix: ${rule.fix.trim()}`);
  if (rule.examples?.bad !== undefined) parts.push(`Bad:\n${rule.examples.bad.replace(/\n$/, '')}`);
  if (rule.examples?.good !== undefined) parts.push(`Good:\n${rule.examples.good.replace(/\n$/, '')}`);
  if (isWebUri(rule.helpUri)) parts.push(`Documentation: ${rule.helpUri}`);
  return parts.join('\n\n');
}

export function ruleTags(category: Category): string[] {
  return SECURITY_CATEGORIES.has(category) && category !== 'security' ? [category, 'security'] : [category];
}

/** The descriptor used for a result whose rule is not in `report.rules`. */
function placeholderRule(f: Finding): RuleDescriptor {
  return {
    id: f.ruleId,
    category: f.category,
    defaultSeverity: f.severity,
    description: `kubevet rule ${f.ruleId}`,
    rationale: '',
    helpUri: '',
    enabledByDefault: true,
  };
}

export function reportingDescriptor(rule: RuleDescriptor, effective: Severity): Sarif.ReportingDescriptor {
  const properties: Sarif.PropertyBag = { tags: ruleTags(rule.category) };
  if (SECURITY_CATEGORIES.has(rule.category)) properties['security-severity'] = SECURITY_SEVERITY[effective];
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: sentence(rule.description) || rule.id },
    fullDescription: { text: [sentence(rule.description), rule.rationale.trim()].filter((s) => s !== '').join(' ') || rule.id },
    ...(isWebUri(rule.helpUri) ? { helpUri: rule.helpUri } : {}),
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties,
  };
}

/** Registered rules first (deduplicated by id), then placeholders in order of first use. */
function catalogue(rules: readonly RuleDescriptor[], findings: readonly Finding[]): RuleDescriptor[] {
  const byId = new Map<string, RuleDescriptor>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const f of findings) if (!byId.has(f.ruleId)) byId.set(f.ruleId, placeholderRule(f));
  return [...byId.values()];
}

/** Most severe severity each rule was reported with. */
function reportedSeverities(findings: readonly Finding[]): Map<string, Severity> {
  const seen = new Map<string, Severity>();
  for (const f of findings) {
    const prev = seen.get(f.ruleId);
    if (prev === undefined || SEVERITY_RANK[f.severity] < SEVERITY_RANK[prev]) seen.set(f.ruleId, f.severity);
  }
  return seen;
}

function location(f: Finding): Sarif.Location {
  const loc: Sarif.Location = { physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f) } };
  if (f.object !== null) {
    const logical: Sarif.LogicalLocation = {
      name: f.object.name,
      fullyQualifiedName: fullyQualifiedName(f.object),
      kind: 'object',
      properties: { apiVersion: f.object.apiVersion },
    };
    if (f.path !== null) logical.properties = { ...logical.properties, path: f.path };
    loc.logicalLocations = [logical];
  } else if (f.path !== null) {
    loc.properties = { path: f.path };
  }
  return loc;
}

function isSuppressed(f: Finding): f is SuppressedFinding {
  return typeof (f as Partial<SuppressedFinding>).suppressedBy === 'string';
}

/** A finding's chain (RBAC escalation steps) as one thread of locations, in order. */
function codeFlow(steps: readonly FlowStep[]): Sarif.CodeFlow {
  return {
    threadFlows: [
      {
        locations: steps.map((step, i) => ({
          executionOrder: i + 1,
          location: {
            physicalLocation: { artifactLocation: artifactLocation(step.file), region: region(step) },
            message: { text: step.message },
            ...(step.object === null ? {} : { logicalLocations: [{ fullyQualifiedName: fullyQualifiedName(step.object), kind: 'object' }] }),
          },
        })),
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number, fingerprint: string): Sarif.Result {
  const res: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message === '' ? f.ruleId : messageWithOrigin(f) },
    locations: [location(f)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
  if (f.renderedFrom !== undefined) res.properties = { renderedFrom: f.renderedFrom };
  if (isSuppressed(f)) res.suppressions = [{ kind: 'inSource', justification: f.suppressedBy }];
  if (f.flow !== undefined && f.flow.length > 0) res.codeFlows = [codeFlow(f.flow)];
  return res;
}

export function buildSarifLog(report: Report, options: FormatOptions): Sarif.Log {
  const emitted: Finding[] = options.showSuppressed ? [...report.findings, ...report.suppressed] : [...report.findings];
  const rules = catalogue(report.rules, emitted);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const severities = reportedSeverities(emitted);
  const occurrences = new Map<string, number>();
  const results = emitted.map((f) => {
    const hash = findingHash(f);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);
    return result(f, index.get(f.ruleId) ?? -1, `${hash}:${n}`);
  });
  const driver: Sarif.ToolComponent = {
    name: report.tool.name,
    version: report.tool.version,
    ...(SEMVER.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
    informationUri: INFORMATION_URI,
    rules: rules.map((rule) => reportingDescriptor(rule, severities.get(rule.id) ?? rule.defaultSeverity)),
  };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { kubernetesVersion: report.kubernetesVersion },
      },
    ],
  };
}

export function formatSarif(report: Report, options: FormatOptions): string {
  return `${JSON.stringify(buildSarifLog(report, options), null, 2)}\n`;
}
