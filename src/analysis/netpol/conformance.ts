/**
 * Conformance against np-guard/netpol-analyzer's golden outputs (the data set in
 * shared/conformance/netpol-analyzer). Not part of the linter: a harness the test suite and
 * `npm run conformance` call with the data directory. Cases of category
 * `networkpolicy-v1-only` are run; outputs are compared as netpol-analyzer's README advises
 * (connlist as sorted line sets, whitespace collapsed in exposure output, DOT skipped).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRun } from '../../cli/pipeline';
import { analyzeObjects, type NetpolAnalysis } from './index';
import { connectionList, type ConnRow } from './connlist';
import { connectivityDiff, sortDiffRows } from './diff';
import { explainAll } from './explain-all';
import { exposureAnalysis, exposureText, type ExposureResult } from './exposure';
import { diffCsv, diffMarkdown, diffText, listCsv, listDot, listJson, listMarkdown, listText } from './format';
import { ingressControllerConns } from './ingress';
import { invalidPolicies, unresolvedNamedPorts } from './lint';

export interface ConformanceCase {
  command: 'list' | 'diff';
  input_dir?: string;
  dir1?: string;
  dir2?: string;
  format: string;
  options?: Record<string, unknown>;
  expected: string;
  category: string;
}

export interface CaseResult {
  id: string;
  passed: boolean;
  detail?: string;
}

export interface GroupResult {
  group: string;
  pass: number;
  total: number;
  failures: CaseResult[];
}

export interface ConformanceReport {
  groups: GroupResult[];
  pass: number;
  total: number;
  /** Cases not run, with the reason (documented deviations). */
  skipped: { id: string; reason: string }[];
}

/**
 * Inputs kubevet reads differently from netpol-analyzer for reasons outside the analysis:
 * these files put a tab inside a flow sequence (`[`…`]`), which Go's YAML parser accepts and
 * kubevet's YAML 1.2 loader (like js-yaml and yaml) reports as a syntax error.
 */
export const LOADER_DEVIATIONS: ReadonlyMap<string, string> = new Map([['tests/acs-security-demos-added-workloads', 'a tab inside a flow sequence in two Deployments (frontend/webapp, payments/gateway) is a YAML syntax error for kubevet']]);

interface Index {
  cases: ConformanceCase[];
  fatal_error_cases: { input_dir: string; expected_fatal_error_contains: string }[];
}

const SUPPORTED_OPTIONS = new Set(['exposureAnalysis', 'focusWorkloads', 'focusDirection', 'explain']);

/** The group a case belongs to, or undefined when kubevet does not attempt it. */
const SUPPORTED_USES = new Set(['networkpolicy-v1-only', 'uses:Ingress', 'uses:Route', 'uses:Ingress,Route']);

export function caseGroup(c: ConformanceCase): string | undefined {
  if (!c.category.split(' | ').every((part) => SUPPORTED_USES.has(part))) return undefined;
  const prefix = c.category === 'networkpolicy-v1-only' ? '' : 'ingress-';
  const options = c.options ?? {};
  if (Object.keys(options).some((k) => !SUPPORTED_OPTIONS.has(k))) return undefined;
  if (options.explain === true) {
    // Explanations of {ingress-controller} connections are not reproduced.
    if (prefix !== '' || c.format !== 'txt') return undefined;
    return options.exposureAnalysis === true ? 'explain-exposure-txt' : 'explain-txt';
  }
  if (c.format === 'dot') return c.command === 'list' && options.exposureAnalysis !== true ? `${prefix}connlist-dot` : undefined;
  if (c.command === 'diff') return `${prefix}${c.format === 'txt' ? 'diff-txt' : 'diff-formats'}`;
  const exposure = options.exposureAnalysis === true;
  const focused = options.focusWorkloads !== undefined;
  if (c.format === 'txt') return `${prefix}${exposure ? 'exposure-txt' : focused ? 'connlist-focus-txt' : 'connlist-txt'}`;
  return `${prefix}${exposure ? 'exposure-formats' : 'connlist-formats'}`;
}

export function runNetpolConformance(dataDir: string): ConformanceReport {
  const index = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')) as Index;
  const cache = new Map<string, NetpolAnalysis>();
  const analyze = (dir: string): NetpolAnalysis => {
    let a = cache.get(dir);
    if (a === undefined) {
      a = analyzeObjects(loadRun([join(dataDir, dir)], { cwd: dataDir, namespace: 'default', ignore: [], maxFileBytes: 64 * 1024 * 1024 }).build.objects);
      cache.set(dir, a);
    }
    return a;
  };
  const groups = new Map<string, GroupResult>();
  const record = (group: string, result: CaseResult): void => {
    const g = groups.get(group) ?? { group, pass: 0, total: 0, failures: [] };
    g.total++;
    if (result.passed) g.pass++;
    else g.failures.push(result);
    groups.set(group, g);
  };
  const skipped: ConformanceReport['skipped'] = [];
  for (const c of index.cases) {
    const group = caseGroup(c);
    if (group === undefined) continue;
    const id = `${c.expected}`;
    const deviation = [c.input_dir, c.dir1, c.dir2].map((d) => (d === undefined ? undefined : LOADER_DEVIATIONS.get(d))).find((r) => r !== undefined);
    if (deviation !== undefined) {
      skipped.push({ id, reason: deviation });
      continue;
    }
    const expectedPath = join(dataDir, c.expected);
    if (!existsSync(expectedPath)) continue;
    try {
      const actual = c.command === 'diff' ? runDiff(c, analyze) : runList(c, analyze);
      const expected = readFileSync(expectedPath, 'utf8');
      const verdict = compare(c, actual, expected);
      record(group, { id, passed: verdict === undefined, detail: verdict });
    } catch (error) {
      record(group, { id, passed: false, detail: `threw: ${(error as Error).message}` });
    }
  }
  for (const f of index.fatal_error_cases) {
    if (!/^tests\/(bad_netpols|np_bad_path|np_test_with_empty_port_range)/.test(f.input_dir)) continue;
    const path = join(dataDir, f.input_dir);
    if (!existsSync(path)) continue;
    // A named port towards an ipBlock is valid API input: kubevet reports it as a warning.
    const namedPort = f.expected_fatal_error_contains.includes('named port');
    const findings = namedPort ? unresolvedNamedPorts(analyze(f.input_dir)) : invalidPolicies(analyze(f.input_dir));
    record('fatal-errors', { id: f.input_dir, passed: findings.length > 0, detail: findings.length === 0 ? 'not reported' : undefined });
  }
  const list = [...groups.values()].sort((a, b) => (a.group < b.group ? -1 : 1));
  return { groups: list, pass: list.reduce((n, g) => n + g.pass, 0), total: list.reduce((n, g) => n + g.total, 0), skipped };
}

function runList(c: ConformanceCase, analyze: (dir: string) => NetpolAnalysis): string {
  const analysis = analyze(c.input_dir ?? '');
  const options = c.options ?? {};
  const focus = Array.isArray(options.focusWorkloads) ? options.focusWorkloads.map(String) : [];
  const direction = options.focusDirection === 'ingress' || options.focusDirection === 'egress' ? options.focusDirection : undefined;
  const rows: ConnRow[] = connectionList(analysis.model, { focusWorkloads: focus, focusDirection: direction, ingressController: ingressControllerConns(analysis.model, analysis.objects) });
  const exposure: ExposureResult | undefined = options.exposureAnalysis === true ? exposureAnalysis(analysis.model, rows, focus, direction) : undefined;
  if (options.explain === true) {
    const report = explainAll(analysis.model, { focusWorkloads: focus, focusDirection: direction });
    return exposure === undefined ? report : `${report}\n${exposureText(exposure)}`;
  }
  switch (c.format) {
    case 'json':
      return listJson(rows, exposure);
    case 'csv':
      return listCsv(rows, exposure);
    case 'md':
      return listMarkdown(rows, exposure);
    case 'dot':
      return listDot(rows, analysis.topology.workloads, exposure);
    default:
      return listText(rows, exposure);
  }
}

function runDiff(c: ConformanceCase, analyze: (dir: string) => NetpolAnalysis): string {
  const before = analyze(c.dir1 ?? '');
  const after = analyze(c.dir2 ?? '');
  const ingress = { old: ingressControllerConns(before.model, before.objects), new: ingressControllerConns(after.model, after.objects) };
  const rows = sortDiffRows(connectivityDiff(before.model, after.model, ingress));
  if (c.format === 'csv') return diffCsv(rows);
  if (c.format === 'md') return diffMarkdown(rows);
  return diffText(rows);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

/** undefined when equal; otherwise a short description of the first difference. */
function compare(c: ConformanceCase, actual: string, expected: string): string | undefined {
  if (c.format === 'json') {
    const a = JSON.stringify(JSON.parse(actual));
    const e = JSON.stringify(JSON.parse(expected === '' ? '[]' : expected));
    return a === e ? undefined : 'JSON differs';
  }
  if (c.format === 'dot') {
    const a = dotEdges(actual);
    const e = dotEdges(expected);
    return a.length === e.length && a.every((x, i) => x === e[i]) ? undefined : `DOT edges differ (${a.length} vs ${e.length})`;
  }
  const ordered = c.command === 'diff' || c.options?.exposureAnalysis === true || c.options?.explain === true || c.format !== 'txt';
  const a = lines(actual);
  const e = lines(expected);
  const as = ordered ? a : [...a].sort();
  const es = ordered ? e : [...e].sort();
  if (as.length === es.length && as.every((l, i) => l === es[i])) return undefined;
  const missing = es.filter((l) => !as.includes(l)).slice(0, 2);
  const extra = as.filter((l) => !es.includes(l)).slice(0, 2);
  return `expected ${es.length} lines, got ${as.length}; missing ${JSON.stringify(missing)}; extra ${JSON.stringify(extra)}`;
}

/** `src -> dst : label` for every edge of a DOT graph, sorted (layout and colours ignored). */
function dotEdges(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)" \[label="((?:[^"\\]|\\.)*)"/g)) out.push(`${m[1]} -> ${m[2]} : ${m[3]}`);
  return out.sort();
}

/** One line per group: `connlist-txt 41/41`. */
export function conformanceSummary(report: ConformanceReport): string {
  const skipped = report.skipped.length === 0 ? '' : ` (${report.skipped.length} skipped: documented deviations)`;
  return `${report.groups.map((g) => `netpol ${g.group.padEnd(26)} ${g.pass}/${g.total}`).join('\n')}\nnetpol total ${report.pass}/${report.total}${skipped}\n`;
}
