/** A Kubernetes object read from a manifest, with the means to locate any of its fields. */
import type { LoadedDocument } from '../load';
import type { Range, SourceText } from '../load/source';
import type { ObjectRef } from '../types';
import { locate, type LocateTarget } from './locate';
import { getAt, isRecord, type FieldPath, type Segment } from './path';
import { groupOf } from './scope';

export class KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly name: string;
  /** Namespace after defaulting; null for cluster-scoped kinds. */
  readonly namespace: string | null;
  /** True when metadata.namespace is written in the manifest. */
  readonly namespaceExplicit: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  private sharedRef: ObjectRef | undefined;

  constructor(
    readonly raw: Record<string, unknown>,
    readonly document: LoadedDocument,
    /** Where the object sits in its document: [] or ['items', i] for List members. */
    readonly basePath: readonly Segment[],
    clusterScoped: boolean,
    defaultNamespace: string,
  ) {
    this.apiVersion = String(raw.apiVersion);
    this.kind = String(raw.kind);
    this.group = groupOf(this.apiVersion);
    const metadata = isRecord(raw.metadata) ? raw.metadata : {};
    this.name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '';
    const ns = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
    this.namespaceExplicit = ns !== undefined;
    this.namespace = clusterScoped ? null : (ns ?? defaultNamespace);
    this.labels = stringMap(metadata.labels);
    this.annotations = stringMap(metadata.annotations);
  }

  get source(): SourceText {
    return this.document.source;
  }

  get file(): string {
    return this.document.source.file;
  }

  /** The object's identity in findings: one value shared by all of them (do not modify). */
  ref(): ObjectRef {
    this.sharedRef ??= { apiVersion: this.apiVersion, kind: this.kind, namespace: this.namespace, name: this.name };
    return this.sharedRef;
  }

  /** `namespace/Kind/name` (or `Kind/name`), for messages. */
  displayName(): string {
    return this.namespace === null ? `${this.kind}/${this.name}` : `${this.namespace}/${this.kind}/${this.name}`;
  }

  get(path: FieldPath): unknown {
    return getAt(this.raw, path);
  }

  /** Line and column range of a field (or of where a missing field belongs). */
  range(path: FieldPath, target: LocateTarget = 'value'): Range {
    return documentRange(this.document, [...this.basePath, ...path], target);
  }
}

/** Range of a path inside a document; a multi-line block is narrowed to its first line. */
export function documentRange(document: LoadedDocument, path: FieldPath, target: LocateTarget = 'value'): Range {
  const found = locate(document.positioned?.() ?? document.value, document.start, document.end, path, target);
  const source = document.source;
  if (!found.collection) return source.range(found.start, found.end);
  const first = source.position(found.start);
  const lineEnd = first.line < source.lineCount() ? source.lineStart(first.line + 1) - 1 : source.text.length;
  return source.range(found.start, Math.max(found.start, trimLineEnd(source.text, lineEnd)));
}

function trimLineEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && (text[e - 1] === '\r' || text[e - 1] === '\n')) e--;
  return e;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
