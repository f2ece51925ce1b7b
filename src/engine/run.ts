/**
 * The engine: runs enabled rules over the model, turns reports into findings with positions,
 * applies severities from the configuration and suppressions, and returns a sorted result.
 */
import type { LoadProblem, LoadResult } from '../load';
import { ObjectIndex } from '../model';
import type { BuildResult } from '../model/build';
import type { KubeObject } from '../model/object';
import { formatPath } from '../model/path';
import { compareFindings, type Finding, type Severity, type SeveritySetting, type SuppressedFinding } from '../types';
import { suggest } from '../util/suggest';
import { effectiveSeverity, type Config } from './config';
import type { AnyRule, ObjectRule, ReportInput, RuleContext, RunModel, RunRule, RunSettings } from './rule';
import { originSpans, tagRenderedOrigins } from './origin';
import { debug, sessionOf } from './parallel';
import { peerSuppressions } from './peers';
import { annotationSuppressions, applySuppressions, commentSuppressions, configSuppressions, ruleMatches, type Suppression } from './suppress';

export interface EngineOptions {
  rules: readonly AnyRule[];
  /** Objects available to rules for lookups but not linted (CRDs from --crd). */
  references?: readonly KubeObject[];
  /** PodSecurityPolicy-style policies (from --policy files or the run itself); see RunModel.policies. */
  policies?: readonly KubeObject[];
  config: Config;
  /** `--rule id=severity` overrides. */
  overrides: ReadonlyMap<string, SeveritySetting>;
  settings: RunSettings;
  /** Called now and then while objects are checked, with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface EngineResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Rules that threw: the run goes on, and the CLI exits with 2. */
  internalErrors: string[];
}

/** Objects between two progress calls: often enough for a smooth line, rarely enough to cost nothing. */
const PROGRESS_EVERY = 250;

interface ActiveRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
}

export function runEngine(load: LoadResult, build: BuildResult, options: EngineOptions): EngineResult {
  const active = activeRules(options);
  const byId = new Map(options.rules.map((r) => [r.meta.id, r]));
  const findings: Finding[] = [];
  const internalErrors: string[] = [];

  for (const problem of [...load.problems, ...build.problems]) {
    const entry = active.get(problem.ruleId);
    if (entry !== undefined) findings.push(problemFinding(problem, entry));
    else if (!byId.has(problem.ruleId)) internalErrors.push(`internal: problem with unregistered rule id ${problem.ruleId}`);
  }

  const policies = options.policies ?? [];
  const references = options.references ?? [];
  const run = lazyRunModel(build.objects, references, policies);
  const objectCount = build.objects.length;

  // Worker threads that loaded part of the run check that part's objects (see parallel.ts),
  // while this thread checks its own part and runs the run rules.
  let parallel = sessionOf(load);
  if (parallel !== undefined && !parallel.canShare(options.rules, references, policies)) {
    parallel.release();
    parallel = undefined;
  }
  parallel?.startObjectRules({ ruleIds: options.rules.map((r) => r.meta.id), config: options.config, overrides: options.overrides, settings: options.settings });
  const session = parallel;
  let objectPass = checkObjects(build.objects, session === undefined ? () => true : (object) => session.checksHere(object), active, options.settings, run, options.onProgress);
  if (session !== undefined) debug('main objects checked');

  const runFindings: Finding[] = [];
  const runErrors: string[] = [];
  const runRules = [...active.values()].filter((a): a is ActiveRule & { rule: RunRule<unknown> } => a.rule.scope === 'run');
  for (const entry of runRules) {
    const { context } = makeContext(entry, options.settings, run, runFindings);
    guard(entry.rule, runErrors, () => entry.rule.check(run, context));
  }

  if (session !== undefined) {
    debug('main run rules done');
    const { results, missing } = session.collect(build.objects);
    const wanted = new Set(missing);
    const late = missing.length === 0 ? [] : [checkObjects(build.objects, (_, i) => wanted.has(i), active, options.settings, run)];
    objectPass = mergeObjectPasses([objectPass, ...results, ...late]);
  }
  // The order one thread gives: problems, object rules by object, then run rules.
  for (const finding of objectPass.findings) findings.push(finding);
  for (const finding of runFindings) findings.push(finding);
  for (const error of objectPass.errors) internalErrors.push(error);
  for (const error of runErrors) internalErrors.push(error);
  options.onProgress?.(objectCount, objectCount);

  // Policy files are not part of the load, but findings land in them: their comments and annotations suppress too.
  const linted = new Set(build.objects);
  const policyFiles = [...new Set(policies.filter((p) => !linted.has(p)).map((p) => p.source))];
  const suppressions = [
    ...[...load.sources, ...policyFiles.filter((s) => !load.sources.includes(s))].flatMap(commentSuppressions),
    ...[...build.objects, ...policies.filter((p) => !linted.has(p))].flatMap(annotationSuppressions),
    ...configSuppressions(options.config.exclude, options.config.file),
    ...peerSuppressions(build.objects, options.config.honorPeerAnnotations, options.rules),
  ];
  const { kept, suppressed } = applySuppressions(findings, suppressions);
  const unusedRule = active.get('metadata/unused-suppression');
  if (unusedRule !== undefined) for (const finding of unusedSuppressionFindings(suppressions, byId, unusedRule.severity)) kept.push(finding);
  kept.sort(compareFindings);
  suppressed.sort(compareFindings);
  const origins = originSpans(load.sources, build.objects);
  tagRenderedOrigins(kept, origins);
  tagRenderedOrigins(suppressed, origins);
  return { findings: dedupe(kept), suppressed, internalErrors };
}

/** Object-rule findings and rule failures, each with the index of the object being checked. */
export interface ObjectPass {
  findings: Finding[];
  findingObjects: number[];
  errors: string[];
  errorObjects: number[];
}

/** Runs the object rules on the objects `include` selects, in object order, then rule order. */
function checkObjects(
  objects: readonly KubeObject[],
  include: (object: KubeObject, index: number) => boolean,
  active: ReadonlyMap<string, ActiveRule>,
  settings: RunSettings,
  run: RunModel,
  onProgress?: (done: number, total: number) => void,
  beat?: () => void,
): ObjectPass {
  const pass: ObjectPass = { findings: [], findingObjects: [], errors: [], errorObjects: [] };
  const objectRules = [...active.values()].filter((a): a is ActiveRule & { rule: ObjectRule<unknown> } => a.rule.scope === 'object');
  // One context per rule, pointed at each object in turn: no allocation per object and rule.
  const contexts = objectRules.map((entry) => makeContext(entry, settings, run, pass.findings));
  const objectCount = objects.length;
  for (let n = 0; n < objectCount; n++) {
    const object = objects[n];
    if (onProgress !== undefined && n % PROGRESS_EVERY === 0) onProgress(n, objectCount);
    if (!include(object, n)) continue;
    beat?.();
    const before = pass.findings.length;
    for (let i = 0; i < objectRules.length; i++) {
      const rule = objectRules[i].rule;
      const { context, state } = contexts[i];
      state.current = object;
      // The hot loop (objects × rules): no closure per call, unlike guard().
      try {
        if (rule.appliesTo === undefined || rule.appliesTo(object)) rule.check(object, context);
      } catch (error) {
        pass.errors.push(ruleFailure(rule, error, object));
        pass.errorObjects.push(n);
      }
    }
    for (let k = before; k < pass.findings.length; k++) pass.findingObjects.push(n);
  }
  return pass;
}

/** Passes over disjoint sets of objects, merged into the order one pass over all of them gives. */
function mergeObjectPasses(passes: readonly ObjectPass[]): ObjectPass {
  const merged: ObjectPass = { findings: [], findingObjects: [], errors: [], errorObjects: [] };
  const merge = <T>(lists: readonly (readonly T[])[], keys: readonly (readonly number[])[], into: T[], intoKeys: number[]): void => {
    const at = lists.map(() => 0);
    for (;;) {
      let best = -1;
      for (let p = 0; p < lists.length; p++) if (at[p] < lists[p].length && (best < 0 || keys[p][at[p]] < keys[best][at[best]])) best = p;
      if (best < 0) return;
      into.push(lists[best][at[best]]);
      intoKeys.push(keys[best][at[best]]);
      at[best]++;
    }
  };
  merge(passes.map((p) => p.findings), passes.map((p) => p.findingObjects), merged.findings, merged.findingObjects);
  merge(passes.map((p) => p.errors), passes.map((p) => p.errorObjects), merged.errors, merged.errorObjects);
  return merged;
}

/** A worker's share of a parallel run (see shard-worker.ts): the object rules on its objects. */
export function checkObjectsInWorker(
  objects: readonly KubeObject[],
  include: (object: KubeObject) => boolean,
  request: { ruleIds: string[]; config: Config; overrides: ReadonlyMap<string, SeveritySetting>; settings: RunSettings },
  beat: () => void,
): ObjectPass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const builtin = new Map((require('../../rules') as typeof import('../../rules')).BUILTIN_RULES.map((r) => [r.meta.id, r]));
  const rules = request.ruleIds.map((id) => {
    const rule = builtin.get(id);
    if (rule === undefined) throw new Error(`no built-in rule ${id}`);
    return rule;
  });
  const active = activeRules({ rules, config: request.config, overrides: request.overrides, settings: request.settings });
  return checkObjects(objects, include, active, request.settings, lazyRunModel(objects, [], []), undefined, beat);
}

function activeRules(options: EngineOptions): Map<string, ActiveRule> {
  const active = new Map<string, ActiveRule>();
  for (const rule of options.rules) {
    const severity = effectiveSeverity(rule, options.config.checks, options.overrides);
    if (severity === 'off') continue;
    const defaults = rule.meta.options?.defaults;
    const configured = options.config.checks[rule.meta.id]?.options;
    const merged = configured === undefined ? defaults : { ...(defaults as object | undefined), ...configured };
    active.set(rule.meta.id, { rule, severity, options: merged });
  }
  return active;
}

function lazyRunModel(objects: readonly KubeObject[], references: readonly KubeObject[], policies: readonly KubeObject[]): RunModel {
  let index: ObjectIndex | undefined;
  return {
    objects,
    references,
    policies,
    get index(): ObjectIndex {
      index ??= new ObjectIndex(objects);
      return index;
    },
  };
}

/** A rule's context and the object it is currently checking (safe to destructure `report`). */
function makeContext(entry: ActiveRule, settings: RunSettings, run: RunModel, into: Finding[]): { context: RuleContext<unknown>; state: { current: KubeObject | undefined } } {
  const { rule, severity } = entry;
  const state: { current: KubeObject | undefined } = { current: undefined };
  const context: RuleContext<unknown> = {
    options: entry.options,
    settings,
    run,
    report(input: ReportInput): void {
      const object = input.object ?? state.current;
      if (object === undefined) throw new Error(`rule ${rule.meta.id} reported without an object`);
      const path = input.path ?? [];
      const range = object.range(path, input.target);
      into.push({
        ruleId: rule.meta.id,
        category: rule.meta.category,
        severity,
        message: input.message,
        file: object.file,
        ...range,
        object: object.ref(),
        path: path.length === 0 ? null : formatPath(path),
        ...(input.flow === undefined || input.flow.length === 0
          ? {}
          : { flow: input.flow.map((step) => ({ message: step.message, file: step.object.file, ...step.object.range(step.path ?? []), object: step.object.ref() })) }),
      });
    },
  };
  return { context, state };
}

function guard(rule: AnyRule, errors: string[], body: () => void): void {
  try {
    body();
  } catch (error) {
    errors.push(ruleFailure(rule, error));
  }
}

function ruleFailure(rule: AnyRule, error: unknown, object?: KubeObject): string {
  const where = object === undefined ? '' : ` on ${object.displayName()} (${object.file})`;
  return `rule ${rule.meta.id} failed${where}: ${(error as Error).stack ?? String(error)}`;
}

function problemFinding(problem: LoadProblem, entry: ActiveRule): Finding {
  return {
    ruleId: problem.ruleId,
    category: entry.rule.meta.category,
    severity: entry.severity,
    message: problem.message,
    file: problem.file,
    ...problem.range,
    object: null,
    path: null,
  };
}

function unusedSuppressionFindings(suppressions: Suppression[], rules: Map<string, AnyRule>, severity: Severity): Finding[] {
  const out: Finding[] = [];
  for (const s of suppressions) {
    // Exclusions are the configuration's business; peer annotations belong to the other tool.
    if (s.kind === 'config' || s.kind === 'peer') continue;
    const unknown = s.rules.filter((r) => r !== '*' && r !== 'all' && ![...rules.keys()].some((id) => ruleMatches(r, id)));
    const unused = s.rules.filter((r) => !unknown.includes(r) && ![...s.used].some((id) => ruleMatches(r, id)));
    const problems = [
      ...unknown.map((r) => {
        const guess = suggest(r, rules.keys());
        return `names no rule "${r}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
      }),
      ...unused.map((r) => `suppresses nothing for "${r}"`),
    ];
    if (problems.length === 0) continue;
    const what = s.kind === 'comment' ? 'this kubevet-ignore comment' : 'this kubevet.io/ignore annotation';
    out.push({
      ruleId: 'metadata/unused-suppression',
      category: 'metadata',
      severity,
      message: `${what} ${problems.join('; ')}: remove it or correct the rule id`,
      file: s.file,
      line: s.line,
      column: s.column,
      endLine: s.line,
      endColumn: s.endColumn,
      object: s.object?.ref() ?? null,
      path: s.kind === 'annotation' ? 'metadata.annotations["kubevet.io/ignore"]' : null,
    });
  }
  return out;
}

/** Identical findings (same rule, place and message) are reported once. */
function dedupe(findings: Finding[]): Finding[] {
  return findings.filter((f, i) => i === 0 || compareFindings(findings[i - 1], f) !== 0 || findings[i - 1].path !== f.path);
}
