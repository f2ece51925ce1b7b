/**
 * Runs a chosen set of kubevet rules over fixture texts in-process (no CLI, no file walk), the
 * way each peer's own tests run one check at a time, and ties every finding to the object it is
 * about (by document, so objects without a name or with the same name stay apart).
 */
import { join } from 'node:path';
import { instantiate } from '../../src/custom/instantiate';
import { readRuleFile } from '../../src/custom/rule-file';
import { EMPTY_CONFIG, packageRoot } from '../../src/engine/config';
import type { AnyRule } from '../../src/engine/rule';
import { runEngine } from '../../src/engine/run';
import { loadText, SourceText, type LoadResult } from '../../src/load';
import { buildObjects } from '../../src/model/build';
import type { KubeObject } from '../../src/model/object';
import type { Finding, SeveritySetting } from '../../src/types';
import { BUILTIN_RULES } from '../../rules';

/** How kubevet is run for one peer check: which rules, with which options, and which findings count. */
export interface KubevetRun {
  /** Rule ids to run; every other rule is off (opt-in rules listed here are turned on). */
  readonly rules: readonly string[];
  /** Options per rule id, merged over the rule's defaults. */
  readonly options?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly closedWorld?: boolean;
  /** Target Kubernetes version (default: the newest kubevet knows). */
  readonly kubernetesVersion?: string;
  /**
   * Only findings whose message matches count (one control of a rule that checks several,
   * e.g. one Pod Security control, or only the CPU limit of `reliability/missing-resources`).
   */
  readonly only?: RegExp;
  /** Only findings whose field path matches count. */
  readonly path?: RegExp;
  /** Only findings on objects of these kinds count (the kinds the peer check targets). */
  readonly kinds?: readonly string[];
  /** Custom rule files whose rules run too (issue #10's mirrors of a peer's custom checks), each with its instance. */
  readonly customRules?: readonly CustomRuleRun[];
}

/** A custom rule file (relative to the repository) instantiated like a `rules:` entry of the configuration. */
export interface CustomRuleRun {
  readonly file: string;
  /** The instance id (default: the rule's own id). */
  readonly id?: string;
  /** Parameter values (default: none, the rule's defaults apply). */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface FixtureObject {
  /** Position among the objects of the fixture, in document order. */
  readonly index: number;
  readonly kind: string;
  readonly name: string;
  readonly object: KubeObject;
}

export interface FixtureRun {
  readonly objects: readonly FixtureObject[];
  /** Counted findings (after `only`), each with the index of its object (-1: none). */
  readonly findings: readonly { readonly finding: Finding; readonly objectIndex: number }[];
}

const RULES_BY_ID: ReadonlyMap<string, AnyRule> = new Map(BUILTIN_RULES.map((r) => [r.meta.id, r]));

export const NEWEST_VERSION = '1.36';

/** Every rule id a run names must exist: a typo would otherwise read as "kubevet agrees". */
export function checkRuleIds(run: KubevetRun): void {
  for (const id of [...run.rules, ...Object.keys(run.options ?? {})]) {
    if (!RULES_BY_ID.has(id)) throw new Error(`conformance mapping names unknown rule ${id}`);
  }
}

/** The rules of custom rule files, instantiated with their ids and parameters. */
function customRules(runs: readonly CustomRuleRun[]): AnyRule[] {
  return runs.flatMap(({ file, id, params }) =>
    readRuleFile(join(packageRoot(), file), file).map((definition) => instantiate(definition, { id: id ?? definition.id, params: { ...(params ?? {}) }, ...(params === undefined ? {} : { origin: 'the conformance mapping' }) })),
  );
}

/** Runs `run` over the texts (file name → content), all files forming one run like one peer invocation. */
export function runFixture(files: Readonly<Record<string, string>>, run: KubevetRun): FixtureRun {
  checkRuleIds(run);
  const load: LoadResult = { files: 0, sources: [], documents: [], problems: [] };
  for (const [file, text] of Object.entries(files)) {
    const source = new SourceText(file, text);
    load.files++;
    load.sources.push(source);
    const loaded = loadText(source);
    load.documents.push(...loaded.documents);
    load.problems.push(...loaded.problems);
  }
  const build = buildObjects(load.documents, { defaultNamespace: 'default' });
  const selected = [...run.rules.map((id) => RULES_BY_ID.get(id)!), ...customRules(run.customRules ?? [])];
  const overrides = new Map<string, SeveritySetting>([['*', 'off'], ...selected.map((r): [string, SeveritySetting] => [r.meta.id, 'error'])]);
  // Every built-in rule is registered (the unselected ones off), so a loading problem such as a
  // duplicate key (kube-linter's cel.yml) belongs to a known rule rather than being an internal error.
  const rules = [...BUILTIN_RULES.filter((r) => !run.rules.includes(r.meta.id)), ...selected];
  const checks = Object.fromEntries(Object.entries(run.options ?? {}).map(([id, options]) => [id, { options: { ...options } }]));
  const result = runEngine(load, build, {
    rules,
    config: { ...EMPTY_CONFIG, checks },
    overrides,
    settings: { kubernetesVersion: run.kubernetesVersion ?? NEWEST_VERSION, defaultNamespace: 'default', closedWorld: run.closedWorld ?? false },
  });
  // A rule that throws on a peer's fixture is a kubevet bug, never a verdict.
  if (result.internalErrors.length > 0) throw new Error(`kubevet failed on ${Object.keys(files).join(', ')}: ${result.internalErrors.join('; ')}`);
  const objects = build.objects.map((object, index) => ({ index, kind: object.kind, name: object.name, object }));
  const findings = result.findings
    .filter((f) => run.only === undefined || run.only.test(f.message))
    .filter((f) => run.path === undefined || (f.path !== null && run.path.test(f.path)))
    .filter((f) => run.kinds === undefined || (f.object !== null && run.kinds.includes(f.object.kind)))
    .map((finding) => ({ finding, objectIndex: objectOf(finding, objects) }));
  return { objects, findings };
}

/** The object a finding is about: same file and reference, and the document holding its line. */
function objectOf(finding: Finding, objects: readonly FixtureObject[]): number {
  if (finding.object === null) return -1;
  const ref = finding.object;
  const candidates = objects.filter(({ object }) => object.file === finding.file && object.kind === ref.kind && object.name === ref.name && object.namespace === ref.namespace);
  if (candidates.length <= 1) return candidates[0]?.index ?? -1;
  const holding = candidates.find(({ object }) => {
    const source = object.document.source;
    const first = source.position(object.document.start).line;
    const last = source.position(object.document.end).line;
    return finding.line >= first && finding.line <= last;
  });
  return (holding ?? candidates[0]).index;
}

/** `failure` when at least one counted finding exists. */
export function flagged(run: FixtureRun): boolean {
  return run.findings.length > 0;
}

/** Indexes of the objects with at least one counted finding. */
export function flaggedObjects(run: FixtureRun): Set<number> {
  return new Set(run.findings.map((f) => f.objectIndex));
}

/** `rule: message` lines of the counted findings, for disagreement reports. */
export function describeFindings(run: FixtureRun, objectIndex?: number): string[] {
  return run.findings
    .filter((f) => objectIndex === undefined || f.objectIndex === objectIndex)
    .map(({ finding }) => `${finding.ruleId} ${finding.object === null ? '' : `${finding.object.kind}/${finding.object.name} `}${finding.path ?? ''}: ${finding.message}`);
}
