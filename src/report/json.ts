/**
 * The JSON format: a public contract that other tools parse. Every object is rebuilt key by key
 * so the key order is fixed and nothing beyond the documented fields leaks into the output.
 */
import type { Finding, ObjectRef, Report, Summary, SuppressedFinding } from '../types';
import type { FormatOptions } from './index';
import { messageWithOrigin } from './rendered';

/** The JSON shapes are the engine's own types: the contract is the same record, key order fixed below. */
export type JsonObjectRef = ObjectRef;
export type JsonFinding = Finding;

export interface JsonSuppressedFinding extends JsonFinding {
  suppressedBy: string;
}

export interface JsonReport {
  tool: { name: string; version: string };
  kubernetesVersion: string;
  summary: Summary;
  findings: JsonFinding[];
  /** Present only with `showSuppressed`. */
  suppressed?: JsonSuppressedFinding[];
}

function objectRefJson(ref: ObjectRef | null): JsonObjectRef | null {
  if (ref === null) return null;
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

export function findingJson(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    // The template of rendered output has no field of its own: the shape is a contract.
    message: messageWithOrigin(f),
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    object: objectRefJson(f.object),
    path: f.path,
  };
}

export function suppressedFindingJson(f: SuppressedFinding): JsonSuppressedFinding {
  return { ...findingJson(f), suppressedBy: f.suppressedBy };
}

function summaryJson(s: Summary): Summary {
  return {
    files: s.files,
    documents: s.documents,
    objects: s.objects,
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos,
    suppressed: s.suppressed,
  };
}

/** The document `formatJson` serializes (findings keep the engine's order). */
export function jsonReport(report: Report, showSuppressed: boolean): JsonReport {
  const doc: JsonReport = {
    tool: { name: report.tool.name, version: report.tool.version },
    kubernetesVersion: report.kubernetesVersion,
    summary: summaryJson(report.summary),
    findings: report.findings.map(findingJson),
  };
  if (showSuppressed) doc.suppressed = report.suppressed.map(suppressedFindingJson);
  return doc;
}

export function formatJson(report: Report, options: FormatOptions): string {
  return `${JSON.stringify(jsonReport(report, options.showSuppressed), null, 2)}\n`;
}
