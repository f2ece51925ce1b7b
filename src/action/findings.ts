/**
 * What the action does to a finished run before showing it: keep only the findings in changed
 * files (`only-changed`), recount the summary, and move file names from the working directory
 * (where kubevet ran) to the repository root (where GitHub attaches annotations and SARIF
 * results) — in the JSON report's findings and in the SARIF log alike.
 */
import { posix, relative, sep } from 'node:path';
import type * as Sarif from 'sarif';
import type { JsonReport } from '../report/json';
import { isVirtualFile, type Finding, type Report } from '../types';

/** The working directory relative to the workspace, `/`-separated; `''` when they are the same. */
export function workspacePrefix(workspace: string, cwd: string): string {
  return relative(workspace, cwd).split(sep).join('/');
}

function isAbsoluteFile(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:\//.test(file);
}

/** `app.yaml` under working directory `deploy` → `deploy/app.yaml`; absolute names and `<stdin>` stay. */
export function rebaseFile(prefix: string, file: string): string {
  if (prefix === '' || isVirtualFile(file) || isAbsoluteFile(file)) return file;
  return posix.normalize(`${prefix}/${file}`);
}

export function rebaseFindings(findings: readonly Finding[], prefix: string): Finding[] {
  return findings.map((f) => ({ ...f, file: rebaseFile(prefix, f.file) }));
}

/** The report with only the findings `keep` accepts, its error/warning/info counts recomputed. */
export function keepFindings(report: JsonReport, keep: (f: Finding) => boolean): JsonReport {
  const findings = report.findings.filter(keep);
  const count = (severity: Finding['severity']): number => findings.filter((f) => f.severity === severity).length;
  return { ...report, summary: { ...report.summary, errors: count('error'), warnings: count('warning'), infos: count('info') }, findings };
}

/** A `Report` for the formatters, from the JSON report (which has no rule catalogue). */
export function toReport(json: JsonReport): Report {
  return { tool: json.tool, kubernetesVersion: json.kubernetesVersion, summary: json.summary, findings: json.findings, suppressed: json.suppressed ?? [], rules: [] };
}

const SRCROOT = '%SRCROOT%';

function decodeUri(uri: string): string {
  try {
    return uri.split('/').map(decodeURIComponent).join('/');
  } catch {
    return uri;
  }
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The repository-relative file of a result's first location, if it has one. */
function resultFile(result: Sarif.Result): string | undefined {
  const location = result.locations?.[0]?.physicalLocation?.artifactLocation;
  return location?.uriBaseId === SRCROOT && location.uri !== undefined ? decodeUri(location.uri) : undefined;
}

function rebaseLocation(location: Sarif.Location, prefix: string): Sarif.Location {
  const artifact = location.physicalLocation?.artifactLocation;
  if (prefix === '' || artifact?.uriBaseId !== SRCROOT || artifact.uri === undefined) return location;
  const uri = encodePath(rebaseFile(prefix, decodeUri(artifact.uri)));
  return { ...location, physicalLocation: { ...location.physicalLocation, artifactLocation: { ...artifact, uri } } };
}

/**
 * The SARIF log with results in files `keep` rejects dropped (results without a relative file
 * are dropped too when `keep` is given) and relative URIs moved under `prefix`.
 */
export function adjustSarif(log: Sarif.Log, prefix: string, keep?: (file: string) => boolean): Sarif.Log {
  const keepResult = (result: Sarif.Result): boolean => {
    if (keep === undefined) return true;
    const file = resultFile(result);
    return file !== undefined && keep(file);
  };
  const runs = log.runs.map((run) => ({
    ...run,
    results: run.results
      ?.filter(keepResult)
      .map((result) => (result.locations === undefined ? result : { ...result, locations: result.locations.map((l) => rebaseLocation(l, prefix)) })),
  }));
  return { ...log, runs };
}
