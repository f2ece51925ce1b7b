/**
 * What a rule is. Modelled on ESLint's rule modules: `meta` describes the rule (and is the
 * source of its documentation), `check` is a pure function that reports against field paths.
 * Rules never do I/O; the engine decides severity, suppression and output.
 */
import type { LocateTarget } from '../model/locate';
import type { ObjectIndex } from '../model';
import type { KubeObject } from '../model/object';
import type { FieldPath } from '../model/path';
import type { Category, Severity } from '../types';

/** A JSON Schema (draft-07) for a rule's options. */
export type JsonSchema = Record<string, unknown>;

export interface RuleMeta<Options = undefined> {
  /** `category/name`, e.g. `security/privileged`. */
  id: string;
  category: Category;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Why it matters. */
  rationale: string;
  /** How to fix what it reports. */
  fix?: string;
  examples?: { bad?: string; good?: string };
  /** Opt-in rules are off unless the configuration turns them on. */
  enabledByDefault?: boolean;
  options?: { schema: JsonSchema; defaults: Options };
  /** Equivalent checks in other tools, e.g. `{ 'kube-linter': 'privileged-container' }`. */
  equivalents?: Readonly<Record<string, string>>;
  /** Custom rules: where the rule is defined (`rules/acme.yaml:3`). */
  definedIn?: string;
  /** Custom rules: the documentation link, '' for none (built-in rules link to docs/rules). */
  helpUri?: string;
  /** Custom rules: the parameter values of this instance (shown in its documentation). */
  parameters?: Readonly<Record<string, unknown>>;
}

export interface ReportInput {
  /** The object the finding is about (object rules default to the checked object). */
  object?: KubeObject;
  /** Field path inside the object; null or omitted for the whole object. */
  path?: FieldPath | null;
  /** Point at the key rather than the value (e.g. unknown fields). */
  target?: LocateTarget;
  message: string;
  /** The chain of places that leads to the finding (shown as a SARIF code flow). */
  flow?: { object: KubeObject; path?: FieldPath; message: string }[];
}

export interface RunSettings {
  kubernetesVersion: string;
  defaultNamespace: string;
  /** When true, objects missing from the run are treated as missing, not unknown. */
  closedWorld: boolean;
}

export interface RuleContext<Options = undefined> {
  readonly options: Options;
  readonly settings: RunSettings;
  /** The whole run, for rules that look up other objects (the index is built on first use). */
  readonly run: RunModel;
  report(input: ReportInput): void;
}

export interface RunModel {
  readonly objects: readonly KubeObject[];
  readonly index: ObjectIndex;
  /** Objects given for reference only (e.g. CRDs from --crd): looked up, never linted. */
  readonly references: readonly KubeObject[];
  /**
   * PodSecurityPolicy-style policies workloads are checked against (--policy files, and the
   * PodSecurityPolicy objects of the run with --use-manifest-psps). Absent or empty when none
   * are given (optional so that hand-built run models in tests need not mention it).
   */
  readonly policies?: readonly KubeObject[];
}

/** Checks one object at a time. */
export interface ObjectRule<Options = undefined> {
  readonly scope: 'object';
  readonly meta: RuleMeta<Options>;
  /** Cheap pre-filter so the engine skips objects the rule cannot apply to. */
  appliesTo?(object: KubeObject): boolean;
  check(object: KubeObject, context: RuleContext<Options>): void;
}

/** Checks the run as a whole (cross-object rules). */
export interface RunRule<Options = undefined> {
  readonly scope: 'run';
  readonly meta: RuleMeta<Options>;
  check(run: RunModel, context: RuleContext<Options>): void;
}

/** Problems found while reading (YAML syntax, encoding, documents that are not objects). */
export interface LoadRule {
  readonly scope: 'load';
  readonly meta: RuleMeta;
}

/**
 * Any rule, with its options type erased (checks are methods, so their parameters are
 * bivariant). The engine passes each rule the options its own schema validated.
 */
export type AnyRule = ObjectRule<unknown> | RunRule<unknown> | LoadRule;

export function defineObjectRule<Options = undefined>(rule: Omit<ObjectRule<Options>, 'scope'>): ObjectRule<Options> {
  return { scope: 'object', ...rule };
}

export function defineRunRule<Options = undefined>(rule: Omit<RunRule<Options>, 'scope'>): RunRule<Options> {
  return { scope: 'run', ...rule };
}

export function defineLoadRule(meta: RuleMeta): LoadRule {
  return { scope: 'load', meta };
}

export const DOCS_BASE_URL = 'https://github.com/kubevet/kubevet/blob/main/docs/rules/';

export function helpUri(id: string): string {
  return `${DOCS_BASE_URL}${id.replace('/', '-')}.md`;
}

/** The rule's documentation link: its own (custom rules, possibly none) or the generated page. */
export function ruleHelpUri(meta: Pick<RuleMeta, 'id' | 'helpUri'>): string {
  return meta.helpUri ?? helpUri(meta.id);
}
