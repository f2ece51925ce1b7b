/**
 * Loading: paths → files → YAML documents with positions. Valid documents take the fast
 * event-based path; a document it refuses goes to the diagnosing parser, which reports every
 * error it can, and only that document is skipped.
 */
import { ComposeError, composeDocuments, DEFAULT_COMPOSE_LIMITS, type ComposedDocument, type ComposeLimits, type ComposeProblem } from './compose';
import { diagnoseChunk } from './diagnose';
import { discoverFiles, type DiscoveredFile } from './discover';
import { decode, DEFAULT_MAX_FILE_BYTES, readInput } from './read';
import { SourceText, type Range } from './source';
import { splitDocuments, type Chunk } from './split';

export { SourceText } from './source';
export type { Range } from './source';

export interface LoadedDocument {
  source: SourceText;
  /** 0-based index among the file's non-empty documents. */
  index: number;
  value: unknown;
  start: number;
  end: number;
  /** False when the loader knows no value in the document is null (see compose.ts); undefined: not known. */
  hasNull?: boolean;
  /**
   * For a document composed by another thread and received without positions: composes its text
   * again and returns the value with positions (once; see model/object.ts documentRange).
   */
  positioned?: () => unknown;
}

export interface LoadProblem {
  ruleId: string;
  message: string;
  file: string;
  range: Range;
}

export interface LoadResult {
  /** Every file considered, including those that could not be read. */
  files: number;
  sources: SourceText[];
  documents: LoadedDocument[];
  problems: LoadProblem[];
}

export interface LoadOptions {
  cwd: string;
  ignore?: string[];
  maxFileBytes?: number;
  limits?: ComposeLimits;
  /** Called before the first file and after each one with the number read and the total. */
  onProgress?: (done: number, total: number) => void;
}

const WHOLE_FILE: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export function loadPaths(paths: string[], options: LoadOptions): LoadResult {
  const discovered = discoverFiles(paths, { cwd: options.cwd, ignore: options.ignore ?? [] });
  const result: LoadResult = { files: discovered.files.length, sources: [], documents: [], problems: [] };
  for (const problem of discovered.problems) {
    result.problems.push({ ruleId: 'yaml/unreadable-file', message: problem.message, file: problem.path, range: WHOLE_FILE });
  }
  const total = discovered.files.length;
  options.onProgress?.(0, total);
  discovered.files.forEach((file, i) => {
    const read = readFile(file, options);
    if (read.source === undefined) result.problems.push(read.problem);
    else addSource(read.source, read.invalidUtf8Offset, options.limits, result);
    options.onProgress?.(i + 1, total);
  });
  return result;
}

/** One discovered file read into text, or the problem that kept it from being read. */
export type ReadFile = { source: SourceText; invalidUtf8Offset: number | undefined; problem?: undefined } | { source?: undefined; problem: LoadProblem };

/** Discovers and reads every file (the first half of loadPaths, for callers that compose the text themselves). */
export function readPaths(paths: string[], options: LoadOptions): { files: number; problems: LoadProblem[]; reads: ReadFile[] } {
  const discovered = discoverFiles(paths, { cwd: options.cwd, ignore: options.ignore ?? [] });
  const problems = discovered.problems.map((problem): LoadProblem => ({ ruleId: 'yaml/unreadable-file', message: problem.message, file: problem.path, range: WHOLE_FILE }));
  const total = discovered.files.length;
  options.onProgress?.(0, total);
  const reads = discovered.files.map((file, i) => {
    const read = readFile(file, options);
    options.onProgress?.(i + 1, total);
    return read;
  });
  return { files: discovered.files.length, problems, reads };
}

/** Composes files read by `readPaths` on this thread (the second half of loadPaths). */
export function loadReadFiles(read: { files: number; problems: LoadProblem[]; reads: readonly ReadFile[] }, limits?: ComposeLimits): LoadResult {
  const result: LoadResult = { files: read.files, sources: [], documents: [], problems: [...read.problems] };
  for (const r of read.reads) {
    if (r.source === undefined) result.problems.push(r.problem);
    else addSource(r.source, r.invalidUtf8Offset, limits, result);
  }
  return result;
}

function readFile(file: DiscoveredFile, options: LoadOptions): ReadFile {
  const read = readInput(file.path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (!read.ok) return { problem: { ruleId: 'yaml/unreadable-file', message: read.message, file: file.display, range: WHOLE_FILE } };
  return { source: new SourceText(file.display, read.text), invalidUtf8Offset: read.invalidUtf8Offset };
}

/** The problem of a file that is not valid UTF-8 (reported before its documents' problems). */
export function encodingProblem(source: SourceText, invalidUtf8Offset: number): LoadProblem {
  return {
    ruleId: 'yaml/invalid-encoding',
    message: 'the file is not valid UTF-8 here (the bytes were replaced with U+FFFD); save it as UTF-8',
    file: source.file,
    range: source.range(invalidUtf8Offset, invalidUtf8Offset + 1),
  };
}

/**
 * Adds text that did not come from a file (the output of `helm template` or `kustomize build`)
 * under a display name such as `<helm charts/web>`, as one more file of the run.
 */
export function addRenderedText(rendered: { display: string; output: Buffer; originBase?: string }, into: LoadResult, limits?: ComposeLimits): void {
  const decoded = decode(rendered.output);
  into.files++;
  if (!decoded.ok) into.problems.push({ ruleId: 'yaml/unreadable-file', message: decoded.message.replace('the file', 'the rendered output'), file: rendered.display, range: WHOLE_FILE });
  else addSource(new SourceText(rendered.display, decoded.text, rendered.originBase), decoded.invalidUtf8Offset, limits, into);
}

function addSource(source: SourceText, invalidUtf8Offset: number | undefined, limits: ComposeLimits | undefined, into: LoadResult): void {
  into.sources.push(source);
  if (invalidUtf8Offset !== undefined) into.problems.push(encodingProblem(source, invalidUtf8Offset));
  const loaded = loadText(source, limits);
  // Loops, not push(...spread): a file can hold more documents than the call stack has room for arguments.
  for (const document of loaded.documents) into.documents.push(document);
  for (const problem of loaded.problems) into.problems.push(problem);
}

/** Parses one source text into documents and problems; never throws. */
export function loadText(source: SourceText, limits: ComposeLimits = DEFAULT_COMPOSE_LIMITS): { documents: LoadedDocument[]; problems: LoadProblem[] } {
  const documents: LoadedDocument[] = [];
  const problems: LoadProblem[] = [];
  const chunks = splitDocuments(source.text);
  for (let first = 0; first < chunks.length; ) {
    let end = first + 1;
    let chars = chunks[first].text.length;
    while (end < chunks.length && chars + chunks[end].text.length <= BATCH_CHARS) chars += chunks[end++].text.length;
    for (const doc of loadChunks(source, chunks, first, end, limits, problems)) documents.push({ source, index: documents.length, value: doc.value, start: doc.start, end: doc.end, hasNull: doc.hasNull });
    first = end;
  }
  return { documents, problems };
}

/**
 * Consecutive chunks are parsed together up to this many characters: starting the parser costs
 * as much as a small document, and a file of 100,000 documents has 100,000 chunks.
 */
const BATCH_CHARS = 64 * 1024;

/**
 * The documents of chunks [first, end) and their problems: parsed as one text when all of them
 * are valid (the same documents and problems as one at a time, since chunks split the text at
 * document markers), else one chunk at a time, so a broken document fails alone.
 */
function loadChunks(source: SourceText, chunks: readonly Chunk[], first: number, end: number, limits: ComposeLimits, problems: LoadProblem[]): ComposedDocument[] {
  if (end - first > 1) {
    const start = chunks[first].start;
    try {
      const composed = composeDocuments(source.text.slice(start, chunks[end - 1].start + chunks[end - 1].text.length), start, limits);
      for (const problem of composed.problems) problems.push(toLoadProblem(source, problem));
      return composed.documents.filter((doc) => doc.value !== null && doc.value !== undefined);
    } catch {
      // one chunk at a time below
    }
  }
  const documents: ComposedDocument[] = [];
  for (let c = first; c < end; c++) for (const doc of loadChunk(source, chunks[c], limits, problems)) documents.push(doc);
  return documents;
}

function toLoadProblem(source: SourceText, p: ComposeProblem): LoadProblem {
  return {
    ruleId: p.ruleId,
    message: p.relatedOffset === undefined ? p.message : p.message.replace('{relatedLine}', String(source.position(p.relatedOffset).line)),
    file: source.file,
    range: source.range(p.start, p.end),
  };
}

/**
 * Composes one chunk of a source (see split.ts): its non-empty documents, and its problems added
 * to `problems`. Never throws. Chunks are independent, so threads can share a file's chunks.
 */
export function loadChunk(source: SourceText, chunk: Chunk, limits: ComposeLimits, problems: LoadProblem[]): ComposedDocument[] {
  const toProblem = (p: ComposeProblem): LoadProblem => toLoadProblem(source, p);
  const documents: ComposedDocument[] = [];
  try {
    const composed = composeDocuments(chunk.text, chunk.start, limits);
    for (const doc of composed.documents) if (doc.value !== null && doc.value !== undefined) documents.push(doc);
    for (const problem of composed.problems) problems.push(toProblem(problem));
  } catch (error) {
    const fast = fastErrorOf(error);
    if (isDepthError(error)) {
      problems.push(toProblem({ ruleId: 'yaml/syntax', message: `the document nests deeper than ${limits.maxDepth} levels; kubevet does not read it (no Kubernetes object is that deep)`, start: fast.offset + chunk.start, end: fast.offset + chunk.start + 1 }));
    } else if (error instanceof ComposeError && error.ruleId !== 'yaml/syntax') {
      problems.push(toProblem({ ruleId: error.ruleId, message: error.message, start: fast.offset + chunk.start, end: fast.offset + chunk.start + 1 }));
    } else {
      for (const problem of diagnoseChunk(chunk.text, chunk.start, fast)) problems.push(toProblem(problem));
    }
  }
  return documents;
}

function isDepthError(error: unknown): boolean {
  return /maxDepth/.test((error as { reason?: string }).reason ?? '');
}

function fastErrorOf(error: unknown): { message: string; offset: number } {
  if (error instanceof ComposeError) return { message: error.message, offset: error.offset };
  const e = error as { reason?: string; message?: string; mark?: { position?: number } };
  return { message: e.reason ?? e.message ?? String(error), offset: e.mark?.position ?? 0 };
}
