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
  return [...jsonChunks(report, options)].join('');
}

/**
 * The JSON report in pieces: exactly `JSON.stringify(jsonReport(report), null, 2)` and a newline,
 * written 50 findings at a time, so a large report never exists as one string (100,000 objects
 * give 150 million characters).
 */
export function* jsonChunks(report: Report, options: Pick<FormatOptions, 'showSuppressed'>): Generator<string> {
  const head = JSON.stringify({ tool: { name: report.tool.name, version: report.tool.version }, kubernetesVersion: report.kubernetesVersion, summary: summaryJson(report.summary) }, null, 2);
  yield head.slice(0, -'\n}'.length);
  yield* arrayChunks('findings', report.findings, findingJson);
  if (options.showSuppressed) yield* arrayChunks('suppressed', report.suppressed, suppressedFindingJson);
  yield '\n}\n';
}

/**
 * Findings serialized per JSON.stringify call (its indentation shifted once per batch): large
 * batches were faster to write, but their strings went to V8's large-object space, which only a
 * full collection frees (100,000 objects: 1.46 GB peak RSS with 2,000 per batch, 1.05 GB with 50).
 */
const BATCH = 50;

/** `,\n  "name": [...]` as JSON.stringify indents a member of the top-level object. */
function* arrayChunks<T>(name: string, items: readonly T[], toJson: (item: T) => unknown): Generator<string> {
  if (items.length === 0) {
    yield `,\n  ${JSON.stringify(name)}: []`;
    return;
  }
  yield `,\n  ${JSON.stringify(name)}: [`;
  // A batch in the same place of a one-member object, so JSON.stringify indents its items as they
  // are indented here (cheaper than re-indenting an array written at the top level); its body,
  // between the object's opening and closing, is what goes here.
  const opening = `{\n  ${JSON.stringify(name)}: [`;
  const closing = '\n  ]\n}';
  for (let from = 0; from < items.length; from += BATCH) {
    const wrapped = JSON.stringify({ [name]: items.slice(from, from + BATCH).map(toJson) }, null, 2);
    yield `${from === 0 ? '' : ','}${wrapped.slice(opening.length, -closing.length)}`;
  }
  yield '\n  ]';
}
