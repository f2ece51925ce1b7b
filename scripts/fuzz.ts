/**
 * Mutation fuzzer: takes real manifests, damages them the way people and tools do (a deleted or
 * duplicated line, a line re-indented by a few spaces, a tab, a retyped scalar, a stray `---`,
 * a file cut at a random byte, random bytes), runs the CLI in-process on each mutant with every
 * output format, and checks the invariants every run must keep:
 *
 * - no exception escapes `main`, nothing is written to standard error, the exit code is 0 or 1;
 * - the JSON report parses and has the documented shape, and its counts add up;
 * - the SARIF log parses, is SARIF 2.1.0, has one result per finding with the same region, and
 *   every `ruleIndex` names the result's rule;
 * - every finding has 1 ≤ line ≤ lines + 1, column ≥ 1 and an end not before its start, and its
 *   columns stay within the line they point into (+1, the end being exclusive);
 * - `Object.prototype` and friends gain no properties; a second run gives the same output.
 *
 * Every case takes its own PRNG state from (seed, iteration), so one case replays alone:
 *
 *   node dist/scripts/fuzz.js --iterations 5000 --seed 42 [--corpus DIR]... [--start I]
 *
 * Failures print the seed, the iteration, the mutations and the mutated input, which is also
 * saved byte for byte (see --out). The jest suite (test/robustness/mutation.test.ts) runs a fixed
 * number of iterations of the same code.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { main } from '../src/cli/main';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** A small, fast, seedable PRNG (mulberry32); the same seed gives the same sequence everywhere. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The PRNG seed of one case: a hash of the run's seed and the iteration number. */
export function caseSeed(seed: number, iteration: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (iteration + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Mutations

export interface AppliedMutation {
  name: MutationName;
  detail: string;
}

export const MUTATION_NAMES = [
  'delete-line',
  'duplicate-line',
  'reindent-line',
  'insert-tab',
  'retype-scalar',
  'insert-document-marker',
  'truncate',
  'insert-random-bytes',
  'swap-lines',
  'insert-yaml-token',
] as const;
export type MutationName = (typeof MUTATION_NAMES)[number];

type Mutator = (input: Buffer, rng: Rng) => { output: Buffer; detail: string };

/** Line boundaries of a buffer: [start, end) of each line, the end excluding the `\n`. */
function lineSpans(input: Buffer): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = input.indexOf(10); i !== -1; i = input.indexOf(10, i + 1)) {
    spans.push([start, i]);
    start = i + 1;
  }
  spans.push([start, input.length]);
  return spans;
}

function splice(input: Buffer, start: number, deleteCount: number, insert: Buffer | string): Buffer {
  const inserted = typeof insert === 'string' ? Buffer.from(insert, 'utf8') : insert;
  return Buffer.concat([input.subarray(0, start), inserted, input.subarray(start + deleteCount)]);
}

/** Scalars that YAML 1.1 types in surprising ways, YAML syntax that changes structure, hostile keys. */
const SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'NO', '~', 'null', '', '0644', '0o17', '0x1F', '1.10', '1e400', '-0', '.inf', '.nan',
  '1_000', '12:30', '2001-12-14', '"quoted"', "'single'", '"unterminated', "'unterminated", '[]', '{}', '[a, b', '{a: 1',
  '&anchor x', '*anchor', '*undefined', '!!js/function "function () {}"', '!Ref Thing', '!!python/object:os.system x',
  '!!binary aGVsbG8=', '!!int x', '|', '>-', '| # comment', '"\\u0000"', '"\\uD800"', '"\\e[31m"', 'a: b', 'a:b', '- x',
  '# comment', 'value // comment', 'http://example.com//x', '__proto__', 'constructor', '%', '@', '`', '? x', 'x #',
  '"a\\nb"', 'ünïcödé', '😀', '\u00a0', '\u2028', '\u200b', "'it''s'",
];

const TOKENS = [
  '---', '...', '- ', '-', ': ', ':', '? ', '[', ']', '{', '}', ',', '&a ', '*a', '<<: *a', '<<: [*a, *b]', '!!merge ',
  '!Ref ', '!!js/undefined ', '# kubevet-ignore * -- fuzz', '# kubevet-ignore yaml/duplicate-key', '%YAML 1.1', '%TAG ! tag:x,2000:',
  '__proto__: {polluted: 1}', 'constructor: {prototype: {polluted: 1}}', '"', "'", '|', '>', '#', '\t', '\r', '\r\n', '\ufeff',
  'kind: List', 'apiVersion: v1', 'kind: Pod', 'items:', 'metadata:', 'name: x', 'namespace: y', 'labels:', 'annotations:',
  'kubevet.io/ignore: "*"', 'spec:', 'containers:', 'image: x', 'securityContext:', 'privileged: true',
];

export const MUTATORS: Readonly<Record<MutationName, Mutator>> = {
  'delete-line': (input, rng) => {
    const spans = lineSpans(input);
    const line = rng.int(spans.length);
    const [start, end] = spans[line];
    return { output: splice(input, start, Math.min(end + 1, input.length) - start, ''), detail: `line ${line + 1}` };
  },
  'duplicate-line': (input, rng) => {
    const spans = lineSpans(input);
    const line = rng.int(spans.length);
    const [start, end] = spans[line];
    return { output: splice(input, end, 0, Buffer.concat([Buffer.from('\n'), input.subarray(start, end)])), detail: `line ${line + 1}` };
  },
  'reindent-line': (input, rng) => {
    const spans = lineSpans(input);
    const line = rng.int(spans.length);
    const [start] = spans[line];
    const delta = rng.pick([-3, -2, -1, 1, 2, 3]);
    if (delta > 0) return { output: splice(input, start, 0, ' '.repeat(delta)), detail: `line ${line + 1} +${delta}` };
    let spaces = 0;
    while (spaces < -delta && input[start + spaces] === 0x20) spaces++;
    return { output: splice(input, start, spaces, ''), detail: `line ${line + 1} -${spaces}` };
  },
  'insert-tab': (input, rng) => {
    const spans = lineSpans(input);
    const line = rng.int(spans.length);
    const [start, end] = spans[line];
    let indent = 0;
    while (start + indent < end && input[start + indent] === 0x20) indent++;
    const at = rng.chance(0.7) ? start + rng.int(indent + 1) : start + rng.int(end - start + 1);
    const replace = rng.chance(0.5) && at < end && input[at] === 0x20 ? 1 : 0;
    return { output: splice(input, at, replace, '\t'), detail: `line ${line + 1} offset ${at}${replace === 1 ? ' (replacing a space)' : ''}` };
  },
  'retype-scalar': (input, rng) => {
    const spans = lineSpans(input);
    const candidates = spans
      .map(([start, end], line) => ({ start, end, line, colon: input.subarray(start, end).indexOf(': ') }))
      .filter((c) => c.colon >= 0);
    const scalar = rng.pick(SCALARS);
    if (candidates.length === 0) {
      const [start, end] = spans[rng.int(spans.length)];
      return { output: splice(input, start, end - start, `key: ${scalar}`), detail: `whole line → key: ${JSON.stringify(scalar)}` };
    }
    const c = rng.pick(candidates);
    const valueStart = c.start + c.colon + 2;
    if (rng.chance(0.2)) {
      // Retype the key instead of the value.
      let keyStart = c.start;
      while (keyStart < valueStart && (input[keyStart] === 0x20 || input[keyStart] === 0x2d)) keyStart++;
      return { output: splice(input, keyStart, c.start + c.colon - keyStart, scalar), detail: `key on line ${c.line + 1} → ${JSON.stringify(scalar)}` };
    }
    return { output: splice(input, valueStart, c.end - valueStart, scalar), detail: `value on line ${c.line + 1} → ${JSON.stringify(scalar)}` };
  },
  'insert-document-marker': (input, rng) => {
    const spans = lineSpans(input);
    const line = rng.int(spans.length);
    const marker = rng.pick(['---', '---', '--- ', '...', '--- # comment', '---\r', '--- |', '--- !Ref']);
    return { output: splice(input, spans[line][0], 0, `${marker}\n`), detail: `before line ${line + 1}: ${JSON.stringify(marker)}` };
  },
  truncate: (input, rng) => {
    const at = rng.int(input.length + 1);
    return { output: input.subarray(0, at), detail: `at byte ${at} of ${input.length}` };
  },
  'insert-random-bytes': (input, rng) => {
    const at = rng.int(input.length + 1);
    const count = rng.between(1, 8);
    const bytes = Buffer.alloc(count);
    const pool = rng.chance(0.5) ? [0x00, 0x09, 0x0a, 0x0d, 0x22, 0x27, 0x23, 0x3a, 0x5b, 0x7b, 0x7f, 0x80, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xfe, 0xff] : undefined;
    for (let i = 0; i < count; i++) bytes[i] = pool === undefined ? rng.int(256) : rng.pick(pool);
    return { output: splice(input, at, 0, bytes), detail: `${bytes.toString('hex')} at byte ${at}` };
  },
  'swap-lines': (input, rng) => {
    const spans = lineSpans(input);
    if (spans.length < 2) return { output: input, detail: 'one line: nothing swapped' };
    const a = rng.int(spans.length - 1);
    const b = Math.min(spans.length - 1, a + rng.between(1, 3));
    const lines = spans.map(([s, e]) => input.subarray(s, e));
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return { output: Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\n'), l]))), detail: `lines ${a + 1} and ${b + 1}` };
  },
  'insert-yaml-token': (input, rng) => {
    const at = rng.int(input.length + 1);
    const token = rng.pick(TOKENS);
    return { output: splice(input, at, 0, token), detail: `${JSON.stringify(token)} at byte ${at}` };
  },
};

/** Applies 1–`maxMutations` random mutations. */
export function mutate(input: Buffer, rng: Rng, maxMutations = 3): { output: Buffer; applied: AppliedMutation[] } {
  let output = input;
  const applied: AppliedMutation[] = [];
  const count = rng.between(1, maxMutations);
  for (let i = 0; i < count; i++) {
    // Truncation destroys the most; keep it rarer than the line-level edits.
    const name = rng.chance(0.08) ? 'truncate' : rng.pick(MUTATION_NAMES.filter((n) => n !== 'truncate'));
    const result = MUTATORS[name](output, rng);
    output = result.output;
    applied.push({ name, detail: result.detail });
  }
  return { output, applied };
}

// ---------------------------------------------------------------------------------------------
// Invariants

interface JsonFindingShape {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object: unknown;
  path: unknown;
}

interface JsonReportShape {
  summary: Record<string, number>;
  findings: JsonFindingShape[];
}

const SUMMARY_KEYS = ['files', 'documents', 'objects', 'errors', 'warnings', 'infos', 'suppressed'];
const SEVERITIES = new Set(['error', 'warning', 'info']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** The text kubevet sees for these bytes (lenient UTF-8, BOM dropped), for position checks. */
export function decodedText(bytes: Buffer): string {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

/** Position problems of findings against the text of their file. */
export function positionViolations(findings: readonly JsonFindingShape[], textOf: (file: string) => string | undefined): string[] {
  const violations: string[] = [];
  const linesCache = new Map<string, string[]>();
  for (const f of findings) {
    const where = `${f.ruleId} at ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    if (![f.line, f.column, f.endLine, f.endColumn].every(isPositiveInt)) {
      violations.push(`${where}: positions must be integers ≥ 1`);
      continue;
    }
    if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) violations.push(`${where}: the end is before the start`);
    const text = textOf(f.file);
    if (text === undefined) continue;
    let lines = linesCache.get(f.file);
    if (lines === undefined) {
      lines = text.split(/\r\n|\r|\n/); // line breaks as YAML counts them
      linesCache.set(f.file, lines);
    }
    const lineLength = (line: number): number => (line <= lines.length ? lines[line - 1].length : 0);
    if (f.line > lines.length + 1) violations.push(`${where}: line ${f.line} is beyond the ${lines.length} lines of the file (+1)`);
    if (f.endLine > lines.length + 1) violations.push(`${where}: end line ${f.endLine} is beyond the ${lines.length} lines of the file (+1)`);
    if (f.column > lineLength(f.line) + 1) violations.push(`${where}: column ${f.column} is beyond line ${f.line}, which has ${lineLength(f.line)} characters (+1)`);
    if (f.endColumn > lineLength(f.endLine) + 1) violations.push(`${where}: end column ${f.endColumn} is beyond line ${f.endLine}, which has ${lineLength(f.endLine)} characters (+1)`);
  }
  return violations;
}

/** Shape and consistency of a `--format json` report; returns the parsed report when it parses. */
export function checkJsonReport(text: string): { report: JsonReportShape | undefined; violations: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { report: undefined, violations: [`the JSON report does not parse: ${(error as Error).message}`] };
  }
  const violations: string[] = [];
  if (!isRecord(parsed) || !isRecord(parsed.summary) || !Array.isArray(parsed.findings)) {
    return { report: undefined, violations: ['the JSON report lacks summary or findings'] };
  }
  const summary = parsed.summary;
  for (const key of SUMMARY_KEYS) {
    const value = summary[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) violations.push(`summary.${key} is not a count: ${JSON.stringify(value)}`);
  }
  const findings = parsed.findings as unknown[];
  for (const f of findings) {
    if (!isRecord(f) || typeof f.ruleId !== 'string' || typeof f.message !== 'string' || typeof f.file !== 'string' || typeof f.severity !== 'string' || !SEVERITIES.has(f.severity)) {
      violations.push(`a finding has the wrong shape: ${JSON.stringify(f).slice(0, 300)}`);
    } else if (f.message.trim() === '') {
      violations.push(`${f.ruleId}: empty message`);
    }
  }
  const bySeverity = (s: string): number => findings.filter((f) => isRecord(f) && f.severity === s).length;
  if (summary.errors !== bySeverity('error') || summary.warnings !== bySeverity('warning') || summary.infos !== bySeverity('info')) {
    violations.push(`summary counts ${JSON.stringify(summary)} do not match the findings`);
  }
  return { report: { summary: summary as Record<string, number>, findings: findings as JsonFindingShape[] }, violations };
}

/** SARIF 2.1.0 structure, and agreement with the JSON findings of the same run. */
export function checkSarif(text: string, findings: readonly JsonFindingShape[] | undefined): string[] {
  let log: unknown;
  try {
    log = JSON.parse(text);
  } catch (error) {
    return [`the SARIF log does not parse: ${(error as Error).message}`];
  }
  if (!isRecord(log) || log.version !== '2.1.0' || !Array.isArray(log.runs) || log.runs.length !== 1) return ['the SARIF log is not a one-run SARIF 2.1.0 log'];
  const run = log.runs[0] as Record<string, unknown>;
  const driver = isRecord(run.tool) && isRecord(run.tool.driver) ? run.tool.driver : undefined;
  if (driver === undefined || !Array.isArray(driver.rules) || !Array.isArray(run.results)) return ['the SARIF run lacks tool.driver.rules or results'];
  const rules = driver.rules as unknown[];
  const results = run.results as unknown[];
  const violations: string[] = [];
  if (findings !== undefined && results.length !== findings.length) violations.push(`SARIF has ${results.length} results for ${findings.length} JSON findings`);
  results.forEach((r, i) => {
    if (!isRecord(r) || typeof r.ruleId !== 'string' || typeof r.ruleIndex !== 'number') {
      violations.push(`SARIF result ${i} has the wrong shape`);
      return;
    }
    const rule = rules[r.ruleIndex];
    if (!isRecord(rule) || rule.id !== r.ruleId) violations.push(`SARIF result ${i}: ruleIndex ${r.ruleIndex} does not name ${r.ruleId}`);
    const message = isRecord(r.message) ? r.message.text : undefined;
    if (typeof message !== 'string' || message === '') violations.push(`SARIF result ${i}: no message text`);
    const location = Array.isArray(r.locations) && isRecord(r.locations[0]) ? r.locations[0] : undefined;
    const physical = location !== undefined && isRecord(location.physicalLocation) ? location.physicalLocation : undefined;
    const region = physical !== undefined && isRecord(physical.region) ? physical.region : undefined;
    if (region === undefined) {
      violations.push(`SARIF result ${i}: no region`);
      return;
    }
    const { startLine, startColumn, endLine, endColumn } = region;
    if (![startLine, startColumn, endLine, endColumn].every(isPositiveInt)) violations.push(`SARIF result ${i}: region ${JSON.stringify(region)} is not 1-based`);
    const f = findings?.[i];
    if (f !== undefined && (f.ruleId !== r.ruleId || f.line !== startLine || f.column !== startColumn || f.endLine !== endLine || f.endColumn !== endColumn)) {
      violations.push(`SARIF result ${i} (${r.ruleId} ${JSON.stringify(region)}) differs from JSON finding ${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
    }
  });
  return violations;
}

/** Names of the own properties of the built-in prototypes, to notice pollution. */
export function prototypeSnapshot(): string {
  const protos: [string, object][] = [
    ['Object', Object.prototype],
    ['Array', Array.prototype],
    ['Function', Function.prototype],
    ['String', String.prototype],
    ['Number', Number.prototype],
    ['Boolean', Boolean.prototype],
    ['Map', Map.prototype],
    ['Set', Set.prototype],
  ];
  return protos.map(([name, proto]) => `${name}:${Reflect.ownKeys(proto).map(String).sort().join(',')}`).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Running one case

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Set when `main` threw instead of returning. */
  thrown?: string;
}

/** Runs the CLI in-process in `dir`; never throws. */
export function runMain(args: string[], dir: string, env: NodeJS.ProcessEnv = {}): CliOutcome {
  let stdout = '';
  let stderr = '';
  const started = process.hrtime.bigint();
  let code = -1;
  let thrown: string | undefined;
  try {
    code = main(args, { cwd: dir, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdoutIsTTY: false });
  } catch (error) {
    thrown = (error as Error).stack ?? String(error);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return thrown === undefined ? { code, stdout, stderr, ms } : { code, stdout, stderr, ms, thrown };
}

export interface CaseResult {
  violations: string[];
  code: number;
  findings: number;
  ms: number;
}

export interface CheckOptions {
  /** A run slower than this is a violation (a hang in the making). */
  timeLimitMs?: number;
  /** Run the case a second time and require identical output. */
  checkDeterminism?: boolean;
  /** Extra SARIF validation (the jest suite adds the official schema). */
  validateSarif?: (log: unknown) => string[];
}

/**
 * Writes `bytes` to `dir/name`, runs kubevet on it with all four formats, and checks every
 * invariant. Never throws: problems come back as violations.
 */
export function checkCase(bytes: Buffer, dir: string, name: string, options: CheckOptions = {}): CaseResult {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const before = prototypeSnapshot();
  const args = ['--no-config', '-f', 'json', '-f', 'sarif', '-o', 'out.sarif', '-f', 'text', '-o', 'out.txt', '-f', 'github', '-o', 'out.github', name];
  const run = runMain(args, dir);
  const violations: string[] = [];
  if (run.thrown !== undefined) violations.push(`main threw: ${run.thrown}`);
  if (run.stderr !== '') violations.push(`standard error is not empty: ${run.stderr.slice(0, 2000)}`);
  if (run.code !== 0 && run.code !== 1) violations.push(`exit code ${run.code} (expected 0 or 1)`);
  if (options.timeLimitMs !== undefined && run.ms > options.timeLimitMs) violations.push(`the run took ${Math.round(run.ms)} ms (limit ${options.timeLimitMs} ms)`);
  const { report, violations: jsonViolations } = checkJsonReport(run.stdout);
  violations.push(...jsonViolations);
  const text = decodedText(bytes);
  if (report !== undefined) {
    const foreign = report.findings.filter((f) => f.file !== name);
    if (foreign.length > 0) violations.push(`findings name other files: ${[...new Set(foreign.map((f) => f.file))].join(', ')}`);
    violations.push(...positionViolations(report.findings, (f) => (f === name ? text : undefined)));
  }
  const sarifPath = join(dir, 'out.sarif');
  if (run.thrown === undefined && existsSync(sarifPath)) {
    const sarifText = readFileSync(sarifPath, 'utf8');
    violations.push(...checkSarif(sarifText, report?.findings));
    if (options.validateSarif !== undefined) {
      try {
        violations.push(...options.validateSarif(JSON.parse(sarifText)));
      } catch {
        // checkSarif already reported a log that does not parse
      }
    }
  } else if (run.thrown === undefined) {
    violations.push('no SARIF log was written');
  }
  for (const out of ['out.txt', 'out.github']) {
    if (run.thrown === undefined && !existsSync(join(dir, out))) violations.push(`no ${out} was written`);
  }
  if (prototypeSnapshot() !== before) violations.push('a built-in prototype gained or lost properties');
  if (({} as Record<string, unknown>).polluted !== undefined) violations.push('Object.prototype.polluted is set');
  if (options.checkDeterminism === true && run.thrown === undefined) {
    const again = runMain(args, dir);
    if (again.stdout !== run.stdout || again.code !== run.code) violations.push('a second run on the same input gave different output');
  }
  for (const out of ['out.sarif', 'out.txt', 'out.github']) rmSync(join(dir, out), { force: true });
  return { violations, code: run.code, findings: report?.findings.length ?? -1, ms: run.ms };
}

// ---------------------------------------------------------------------------------------------
// The corpus and the fuzz loop

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Manifest files under `dirs` (recursively), sorted so that a seed always picks the same file. */
export function listManifestFiles(dirs: readonly string[], maxBytes: number): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase()) && statSync(full).size <= maxBytes) files.push(full);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return files.sort();
}

export interface FuzzCase {
  iteration: number;
  source: string;
  applied: AppliedMutation[];
  bytes: Buffer;
  name: string;
}

/** The mutant of one iteration: the same (seed, iteration) always gives the same case. */
export function makeCase(files: readonly string[], seed: number, iteration: number, maxMutations = 3): FuzzCase {
  const rng = new Rng(caseSeed(seed, iteration));
  const source = rng.pick(files);
  const { output, applied } = mutate(readFileSync(source), rng, maxMutations);
  const ext = extname(source).toLowerCase();
  return { iteration, source, applied, bytes: output, name: `case${ext === '' ? '.yaml' : ext}` };
}

/** A failure report with everything needed to reproduce the case. */
export function describeFailure(seed: number, c: FuzzCase, violations: readonly string[], savedTo: string | undefined, replayArgs = '', root = process.cwd()): string {
  const preview = c.bytes.length <= 4096 ? c.bytes : c.bytes.subarray(0, 4096);
  const lines = [
    `fuzz failure: seed ${seed}, iteration ${c.iteration}`,
    `replay: npm run build && node dist/scripts/fuzz.js --seed ${seed} --start ${c.iteration} --iterations 1${replayArgs === '' ? '' : ` ${replayArgs}`}`,
    `source: ${relative(root, c.source)}`,
    `mutations: ${c.applied.map((m) => `${m.name} (${m.detail})`).join('; ')}`,
    'violations:',
    ...violations.map((v) => `  - ${v}`),
    savedTo === undefined ? 'mutated input not saved' : `mutated input saved to ${savedTo}`,
    `mutated input (${c.bytes.length} bytes${c.bytes.length > preview.length ? ', first 4096 shown' : ''}, JSON-escaped):`,
    JSON.stringify(preview.toString('utf8')),
    `mutated input (base64${c.bytes.length > preview.length ? ', first 4096 bytes' : ''}): ${preview.toString('base64')}`,
  ];
  return lines.join('\n');
}

export interface FuzzOptions {
  files: readonly string[];
  seed: number;
  iterations: number;
  start?: number;
  maxMutations?: number;
  timeLimitMs?: number;
  /** Check determinism every n-th case (0: never). */
  determinismEvery?: number;
  /** Where failing inputs are saved (undefined: not saved). */
  outDir?: string;
  validateSarif?: (log: unknown) => string[];
  /** Run `validateSarif` on every n-th case only (default 1: every case). */
  validateSarifEvery?: number;
  onProgress?: (done: number, failures: number) => void;
  /** Stop after this many failures. */
  maxFailures?: number;
  /** The fuzz.js options that select the same files and mutations, for the replay line. */
  replayArgs?: string;
}

export interface FuzzSummary {
  cases: number;
  failures: string[];
  exitCodes: Record<string, number>;
  totalFindings: number;
  slowestMs: number;
  slowest: string;
}

export function runFuzz(options: FuzzOptions): FuzzSummary {
  if (options.files.length === 0) throw new Error('no manifest files to mutate');
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-fuzz-'));
  const summary: FuzzSummary = { cases: 0, failures: [], exitCodes: {}, totalFindings: 0, slowestMs: 0, slowest: '' };
  const start = options.start ?? 0;
  try {
    for (let iteration = start; iteration < start + options.iterations; iteration++) {
      const c = makeCase(options.files, options.seed, iteration, options.maxMutations);
      const every = options.determinismEvery ?? 0;
      const result = checkCase(c.bytes, dir, c.name, {
        timeLimitMs: options.timeLimitMs,
        checkDeterminism: every > 0 && iteration % every === 0,
        validateSarif: iteration % (options.validateSarifEvery ?? 1) === 0 ? options.validateSarif : undefined,
      });
      summary.cases++;
      summary.exitCodes[String(result.code)] = (summary.exitCodes[String(result.code)] ?? 0) + 1;
      summary.totalFindings += Math.max(0, result.findings);
      if (result.ms > summary.slowestMs) {
        summary.slowestMs = result.ms;
        summary.slowest = `iteration ${iteration} (${relative(process.cwd(), c.source)})`;
      }
      if (result.violations.length > 0) {
        let savedTo: string | undefined;
        if (options.outDir !== undefined) {
          mkdirSync(options.outDir, { recursive: true });
          savedTo = join(options.outDir, `seed-${options.seed}-iteration-${iteration}${extname(c.name)}`);
          writeFileSync(savedTo, c.bytes);
        }
        summary.failures.push(describeFailure(options.seed, c, result.violations, savedTo, options.replayArgs));
        if (options.maxFailures !== undefined && summary.failures.length >= options.maxFailures) break;
      }
      options.onProgress?.(summary.cases, summary.failures.length);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Command line

interface ScriptArgs {
  iterations: number;
  seed: number;
  start: number;
  corpus: string[];
  maxBytes: number;
  maxMutations: number;
  timeLimitMs: number;
  out: string;
  maxFailures: number;
}

const USAGE = `usage: node dist/scripts/fuzz.js [--iterations N] [--seed S] [--start I] [--corpus DIR]...
       [--max-bytes B] [--max-mutations M] [--time-limit-ms T] [--out DIR] [--max-failures F]

  --iterations N     cases to run (default 1000)
  --seed S           run seed (default: random; printed so the run can be repeated)
  --start I          first iteration (replay one case: --start I --iterations 1)
  --corpus DIR       manifests to mutate, repeatable (default: examples and test/fixtures)
  --max-bytes B      skip corpus files larger than B bytes (default 1048576)
  --max-mutations M  mutations per case, 1..M (default 3)
  --time-limit-ms T  a case slower than T ms fails (default 10000)
  --out DIR          where failing inputs are saved (default: kubevet-fuzz-failures in the temp folder)
  --max-failures F   stop after F failures (default 20)
`;

export function parseScriptArgs(argv: readonly string[]): ScriptArgs {
  const args: ScriptArgs = {
    iterations: 1000,
    seed: Math.floor(Math.random() * 2 ** 31),
    start: 0,
    corpus: [],
    maxBytes: 1024 * 1024,
    maxMutations: 3,
    timeLimitMs: 10_000,
    out: join(tmpdir(), 'kubevet-fuzz-failures'),
    maxFailures: 20,
  };
  const numeric = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} takes a non-negative integer, got ${JSON.stringify(value)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--iterations': args.iterations = numeric(flag, value); i++; break;
      case '--seed': args.seed = numeric(flag, value); i++; break;
      case '--start': args.start = numeric(flag, value); i++; break;
      case '--max-bytes': args.maxBytes = numeric(flag, value); i++; break;
      case '--max-mutations': args.maxMutations = Math.max(1, numeric(flag, value)); i++; break;
      case '--time-limit-ms': args.timeLimitMs = numeric(flag, value); i++; break;
      case '--max-failures': args.maxFailures = Math.max(1, numeric(flag, value)); i++; break;
      case '--corpus':
        if (value === undefined) throw new Error('--corpus takes a directory');
        args.corpus.push(value);
        i++;
        break;
      case '--out':
        if (value === undefined) throw new Error('--out takes a directory');
        args.out = value;
        i++;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(flag)}`);
    }
  }
  return args;
}

function runScript(argv: readonly string[]): number {
  let args: ScriptArgs;
  try {
    args = parseScriptArgs(argv);
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const root = resolve(__dirname, '..', '..');
  const dirs = args.corpus.length > 0 ? args.corpus.map((d) => resolve(d)) : [join(root, 'examples'), join(root, 'test', 'fixtures')];
  for (const d of dirs) if (!existsSync(d)) process.stderr.write(`fuzz: warning: ${d} does not exist; skipped\n`);
  const files = listManifestFiles(dirs, args.maxBytes);
  if (files.length === 0) {
    process.stderr.write('fuzz: no manifest files found in the corpus\n');
    return 2;
  }
  process.stdout.write(`fuzz: seed ${args.seed}, iterations ${args.start}..${args.start + args.iterations - 1}, ${files.length} corpus files\n`);
  const started = Date.now();
  let lastReport = started;
  const summary = runFuzz({
    files,
    seed: args.seed,
    iterations: args.iterations,
    start: args.start,
    maxMutations: args.maxMutations,
    timeLimitMs: args.timeLimitMs,
    determinismEvery: 10,
    outDir: resolve(args.out),
    maxFailures: args.maxFailures,
    replayArgs: [
      ...args.corpus.map((d) => `--corpus ${JSON.stringify(d)}`),
      `--max-bytes ${args.maxBytes}`,
      `--max-mutations ${args.maxMutations}`,
      `--time-limit-ms ${args.timeLimitMs}`,
    ].join(' '),
    onProgress: (done, failures) => {
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        process.stdout.write(`fuzz: ${done}/${args.iterations} cases, ${failures} failures\n`);
      }
    },
  });
  for (const failure of summary.failures) process.stdout.write(`\n${failure}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `\nfuzz: seed ${args.seed}: ${summary.cases} cases in ${seconds} s, exit codes ${JSON.stringify(summary.exitCodes)}, ` +
      `${summary.totalFindings} findings, slowest ${Math.round(summary.slowestMs)} ms (${summary.slowest})\n` +
      `fuzz: ${summary.cases - summary.failures.length} passed, ${summary.failures.length} failed\n`,
  );
  return summary.failures.length === 0 ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = runScript(process.argv.slice(2));
}
