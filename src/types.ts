/**
 * Shared vocabulary of kubevet: severities, categories and the finding record that every
 * stage produces and every reporter consumes. The JSON reporter emits `Finding` as is, so
 * this shape is a public contract.
 */

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** A configured severity: `off` disables the rule. */
export type SeveritySetting = Severity | 'off';

/** Lower rank = more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export const CATEGORIES = [
  'yaml',
  'schema',
  'deprecation',
  'security',
  'rbac',
  'network',
  'reference',
  'reliability',
  'image',
  'metadata',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Identifies a Kubernetes object; `namespace` is null for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  /**
   * Relative to the working directory, `/` separated; `<stdin>` for standard input,
   * `<helm DIR>` and `<kustomize DIR>` for what `--helm` and `--kustomize` rendered.
   */
  file: string;
  /** 1-based line and column (UTF-16 code units); the end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object: ObjectRef | null;
  /** Dotted field path with `[i]` indexes (`spec.containers[0].image`), or null. */
  path: string | null;
  /**
   * The steps that lead to the finding (an escalation chain), in order. Not part of the JSON
   * report (whose shape is fixed); SARIF carries it as a code flow.
   */
  flow?: FlowStep[];
  /**
   * The file that produced the finding's document when the input is rendered output: the
   * template named by the `# Source:` comment `helm template` writes (`mychart/templates/web.yaml`)
   * or the `config.kubernetes.io/origin` path kustomize records. Lines still count in the
   * rendered text. Not a field of the JSON report (whose shape is fixed): the JSON, SARIF and
   * GitHub formats add it to the message, the text format to the file heading.
   */
  renderedFrom?: string;
}

/** True for the names of inputs that are not files in the working tree: `<stdin>`, `<helm chart>`. */
export function isVirtualFile(file: string): boolean {
  return file.startsWith('<') && file.endsWith('>');
}

/** One step of a finding's flow: a place in the manifests and what happens there. */
export interface FlowStep {
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object: ObjectRef | null;
}

/** A finding that a suppression silenced, kept for the summary and `--show-suppressed`. */
export interface SuppressedFinding extends Finding {
  suppressedBy: string;
}

export interface Summary {
  files: number;
  documents: number;
  objects: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
}

/** Everything a reporter needs; reporters format, they never decide severity. */
export interface Report {
  tool: { name: string; version: string };
  kubernetesVersion: string;
  summary: Summary;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Metadata of every rule known to the run (for SARIF `tool.driver.rules`). */
  rules: RuleDescriptor[];
}

/** What reporters and docs need to know about a rule. */
export interface RuleDescriptor {
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** Why it matters. */
  rationale: string;
  /** How to fix it. */
  fix?: string;
  examples?: { bad?: string; good?: string };
  /** Link to the rule's documentation. */
  helpUri: string;
  /** False for opt-in rules. */
  enabledByDefault: boolean;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return 0;
}
