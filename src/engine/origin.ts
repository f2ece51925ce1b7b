/**
 * Where rendered documents came from. `helm template` starts every document with a
 * `# Source: mychart/templates/web.yaml` comment, and kustomize (with
 * `buildMetadata: [originAnnotations]`) records a `config.kubernetes.io/origin` annotation
 * whose `path:` names the resource file. Findings in such a document are tagged with that file,
 * so the reader knows which template to edit; their lines still count in the rendered text,
 * the only text kubevet saw.
 */
import { posix } from 'node:path';
import type { SourceText } from '../load/source';
import { splitDocuments } from '../load/split';
import type { KubeObject } from '../model/object';
import type { Finding } from '../types';
import { intervalIndex } from '../util/interval-search';

/** Lines `start`..`end` (1-based, inclusive) of a source were rendered from `origin`. */
export interface OriginSpan {
  start: number;
  end: number;
  origin: string;
}

const HELM_SOURCE_MARKER = '# Source: ';
const HELM_SOURCE = /^# Source: (\S.*?)\s*$/;
export const KUSTOMIZE_ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
/** Helm template paths are short; a longer "path" is not one. */
const MAX_ORIGIN_LENGTH = 512;

/** The `# Source:` comment among a chunk's leading comment lines, if any (reads no further than those). */
function leadingHelmSource(chunk: string): string | undefined {
  let start = 0;
  for (let first = true; start < chunk.length; first = false) {
    const newline = chunk.indexOf('\n', start);
    const end = newline < 0 ? chunk.length : newline;
    const line = chunk.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (first && /^---(?:\s|$)/.test(line)) continue;
    if (line.trim() === '') continue;
    if (!line.startsWith('#')) return undefined;
    const match = HELM_SOURCE.exec(line);
    if (match !== null && match[1].length <= MAX_ORIGIN_LENGTH) return match[1];
  }
  return undefined;
}

/** Documents of a `helm template` stream, each with the template its `# Source:` comment names. */
export function helmSourceSpans(source: SourceText): OriginSpan[] {
  if (!source.text.includes(HELM_SOURCE_MARKER)) return [];
  const spans: OriginSpan[] = [];
  for (const chunk of splitDocuments(source.text)) {
    if (chunk.text === '') continue;
    const origin = leadingHelmSource(chunk.text);
    if (origin === undefined) continue;
    spans.push({ start: source.position(chunk.start).line, end: source.position(chunk.start + chunk.text.length - 1).line, origin });
  }
  return spans;
}

/** The resource file a kustomize origin annotation names (`path: base/web.yaml`, or the generator's kustomization). */
export function kustomizeOrigin(annotation: string): string | undefined {
  const field = (name: string): string | undefined => new RegExp(`^${name}:[ \\t]*(\\S.*?)\\s*$`, 'm').exec(annotation)?.[1];
  const path = field('path') ?? field('configuredIn');
  if (path === undefined || path.length > MAX_ORIGIN_LENGTH) return undefined;
  const repo = field('repo');
  return repo === undefined ? path : `${repo}//${path}`;
}

function objectSpan(object: KubeObject): OriginSpan | undefined {
  const annotation = object.annotations[KUSTOMIZE_ORIGIN_ANNOTATION];
  if (annotation === undefined) return undefined;
  const named = kustomizeOrigin(annotation);
  if (named === undefined) return undefined;
  // `../../base/web.yaml` is relative to the kustomization: from the working directory when kubevet knows where that is.
  const base = object.source.originBase;
  const origin = base === undefined || named.includes('//') || posix.isAbsolute(named) ? named : posix.normalize(`${base}/${named}`);
  const { document } = object;
  return { start: document.source.position(document.start).line, end: document.source.position(Math.max(document.start, document.end - 1)).line, origin };
}

/** Origin spans per file, sorted by start line. */
export function originSpans(sources: readonly SourceText[], objects: readonly KubeObject[]): Map<string, OriginSpan[]> {
  const helm = new Map<string, OriginSpan[]>();
  for (const source of sources) {
    const spans = helmSourceSpans(source);
    if (spans.length > 0) helm.set(source.file, spans);
  }
  const kustomize = new Map<string, OriginSpan[]>();
  for (const object of objects) {
    const span = objectSpan(object);
    // A helm `# Source:` names the template, which is what the reader edits: it wins.
    if (span === undefined || intervalIndex(helm.get(object.file) ?? [], span.start) >= 0) continue;
    const list = kustomize.get(object.file);
    if (list === undefined) kustomize.set(object.file, [span]);
    else list.push(span);
  }
  const byFile = new Map(helm);
  for (const [file, spans] of kustomize) byFile.set(file, [...(helm.get(file) ?? []), ...spans].sort((a, b) => a.start - b.start));
  return byFile;
}

/** Sets `renderedFrom` on every finding that lies in a rendered document. */
export function tagRenderedOrigins(findings: readonly Finding[], spans: ReadonlyMap<string, readonly OriginSpan[]>): void {
  if (spans.size === 0) return;
  for (const finding of findings) {
    const list = spans.get(finding.file);
    if (list === undefined) continue;
    const at = intervalIndex(list, finding.line);
    if (at >= 0) finding.renderedFrom = list[at].origin;
  }
}
