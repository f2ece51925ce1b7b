/** Vocabulary shared by the per-peer conformance runners (Polaris, kube-linter, kube-score, kubesec). */
import type { KubevetRun } from './engine';

/** What kubevet runs for a peer check, or why nothing does. */
export type CheckMapping =
  /** `label` describes the run in the docs when the rule list alone would not (one Pod Security control, RBAC wording). */
  | { readonly kind: 'rules'; readonly run: KubevetRun; readonly label?: string }
  /** kubevet has no rule for it, on purpose: the reason says why. */
  | { readonly kind: 'none'; readonly reason: string };

export type Mapping = Readonly<Record<string, CheckMapping>>;

/** kubevet's answer to one peer expectation. */
export interface CaseResult {
  readonly check: string;
  /** Fixture file, with the object or run it concerns when a file holds several cases. */
  readonly case: string;
  readonly expected: string;
  /** Empty when kubevet has no equivalent. */
  readonly got: string;
  /** null: no equivalent (not compared). */
  readonly agreed: boolean | null;
  /** The counted kubevet findings, for the disagreement list. */
  readonly findings: readonly string[];
}

/** A disagreement kubevet keeps on purpose, with the reason. */
export interface Deviation {
  readonly check: string;
  readonly case: string;
  readonly reason: string;
}

export interface CheckSummary {
  readonly check: string;
  readonly cases: number;
  readonly agreed: number;
  readonly disagreed: number;
  /** Disagreements listed as intended deviations. */
  readonly intended: number;
  readonly noEquivalent: number;
}

export interface PeerReport {
  readonly peer: string;
  readonly results: readonly CaseResult[];
  readonly deviations: readonly Deviation[];
}

export function deviationKey(d: Pick<Deviation, 'check' | 'case'>): string {
  return `${d.check}\u0000${d.case}`;
}

/** Disagreements that no documented deviation explains (each is a kubevet bug or an undocumented choice). */
export function unexplained(report: PeerReport): CaseResult[] {
  const documented = new Set(report.deviations.map(deviationKey));
  return report.results.filter((r) => r.agreed === false && !documented.has(deviationKey(r)));
}

/** Documented deviations that no longer happen (kubevet now agrees, or the case is gone). */
export function stale(report: PeerReport): Deviation[] {
  const disagreements = new Set(report.results.filter((r) => r.agreed === false).map(deviationKey));
  return report.deviations.filter((d) => !disagreements.has(deviationKey(d)));
}

export function summarize(report: PeerReport): CheckSummary[] {
  const documented = new Set(report.deviations.map(deviationKey));
  const byCheck = new Map<string, CaseResult[]>();
  for (const result of report.results) byCheck.set(result.check, [...(byCheck.get(result.check) ?? []), result]);
  return [...byCheck.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([check, results]) => ({
      check,
      cases: results.length,
      agreed: results.filter((r) => r.agreed === true).length,
      disagreed: results.filter((r) => r.agreed === false).length,
      intended: results.filter((r) => r.agreed === false && documented.has(deviationKey(r))).length,
      noEquivalent: results.filter((r) => r.agreed === null).length,
    }));
}

export function total(rows: readonly CheckSummary[]): Omit<CheckSummary, 'check'> {
  const sum = (key: keyof Omit<CheckSummary, 'check'>): number => rows.reduce((n, r) => n + r[key], 0);
  return { cases: sum('cases'), agreed: sum('agreed'), disagreed: sum('disagreed'), intended: sum('intended'), noEquivalent: sum('noEquivalent') };
}

/** A case kubevet cannot compare (no equivalent rule). */
export function notCompared(check: string, caseId: string, expected: string): CaseResult {
  return { check, case: caseId, expected, got: '', agreed: null, findings: [] };
}
