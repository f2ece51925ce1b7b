/**
 * Both cores for large runs. The chunks of the input (see load/split.ts) are cut into contiguous
 * shards; worker threads compose theirs while the main thread composes its own, and the threads
 * swap what they composed, so each holds the whole run: the main thread with positions (run
 * rules and suppressions may point anywhere), a worker with positions for its own shard only
 * (it composes another document again if a finding needs it). Every thread builds the same
 * objects in the same order and runs the object rules on the objects of its shard; run rules,
 * suppressions and the report stay on the main thread. Findings are merged back in object order,
 * which is the order a single thread produces, so the output is byte for byte the same.
 *
 * The lint is synchronous, so the threads wait for each other with Atomics.wait on a shared
 * counter (a "bell") rather than with events. A worker that fails or goes silent is given up and
 * its share done on the main thread: the result never depends on the threads.
 *
 * Small runs stay on one thread (a worker costs ~100 ms of start-up and the exchange), and so do
 * runs on two cores (see threadCount); the KUBEVET_THREADS environment variable sets the number
 * of threads (1 turns this off).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { LoadedDocument, LoadProblem, LoadResult, ReadFile } from '../load';
import type { ComposeLimits } from '../load/compose';
import type { SourceText } from '../load/source';
import type { Chunk } from '../load/split';
import type { KubeObject } from '../model/object';
import type { Finding, SeveritySetting } from '../types';
import type { Config } from './config';
import type { AnyRule, RunSettings } from './rule';

/** Below this much input text, one thread is faster than starting workers (KUBEVET_PARALLEL_MIN_CHARS, for tests). */
export const PARALLEL_MIN_CHARS = 3 * 1024 * 1024;

function minChars(env: NodeJS.ProcessEnv): number {
  const configured = Number.parseInt(env.KUBEVET_PARALLEL_MIN_CHARS ?? '', 10);
  return Number.isInteger(configured) && configured >= 0 ? configured : PARALLEL_MIN_CHARS;
}
/** Workers beyond this add memory (each holds the whole run) faster than they save time. */
const MAX_THREADS = 4;
/** The main thread also runs the run rules and writes the report: it takes a smaller share. */
const MAIN_SHARE_WEIGHT = 0.5;
/** A worker that has not moved on for this long is given up (it beats once per chunk and per object). */
const SILENCE_LIMIT_MS = 120_000;

/**
 * Threads to use: KUBEVET_THREADS when set; else one per core (at most MAX_THREADS) on three or
 * more cores. On two cores V8's own threads (garbage collection, compilation) already keep the
 * second core busy, and a worker's extra work (its own start-up and compilation, the exchange, a
 * second heap) cost more than it saved: 10,000 objects took 2.9 s instead of 2.2 s (4.8 s of CPU
 * instead of 3.2 s), 100,000 objects 21.6 s instead of 20.4 s with 300 MB more memory.
 */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number.parseInt(env.KUBEVET_THREADS ?? '', 10);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, 16);
  const cores = availableParallelism();
  return cores >= 3 ? Math.min(cores, MAX_THREADS) : 1;
}

/**
 * The worker's module; absent when running from TypeScript sources (tests), where runs stay on
 * one thread. Found from src/engine or from the CLI bundle in src/cli (see cli/launch.ts).
 */
function workerModule(): string | undefined {
  const path = join(__dirname, '..', 'engine', 'shard-worker.js');
  return __filename.endsWith('.js') && existsSync(path) ? path : undefined;
}

const START = Number(process.env.KUBEVET_DEBUG_START ?? (process.env.KUBEVET_DEBUG_START = String(performance.timeOrigin)));

export function debug(message: string): void {
  if (process.env.KUBEVET_DEBUG_THREADS !== '1') return;
  // writeSync: a worker's process.stderr goes through the main thread, which may be waiting.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:fs') as typeof import('node:fs')).writeSync(2, `kubevet threads [${Math.round(performance.timeOrigin + performance.now() - START)} ms, thread CPU ${threadCpuMs()} ms]: ${message}\n`);
}

/** This thread's CPU time (Linux), for the debug log. */
function threadCpuMs(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fields = (require('node:fs') as typeof import('node:fs')).readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return String(((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------
// Waiting for another thread synchronously.

/** Slots of a worker's shared bell: messages for the main thread, for the worker, and the worker's heartbeat. */
export const BELL_TO_MAIN = 0;
export const BELL_TO_WORKER = 1;
export const BELL_HEARTBEAT = 2;

export class SyncPort {
  constructor(
    private readonly port: MessagePort,
    readonly bell: Int32Array,
    private readonly inbox: number,
    private readonly outbox: number,
  ) {}

  send(message: unknown): void {
    this.port.postMessage(message);
    Atomics.add(this.bell, this.outbox, 1);
    Atomics.notify(this.bell, this.outbox);
  }

  /** The next message; undefined when the other side stays silent (no heartbeat) for `silenceMs`. */
  receive(silenceMs = SILENCE_LIMIT_MS): unknown {
    let beat = Atomics.load(this.bell, BELL_HEARTBEAT);
    let lastMove = Date.now();
    for (;;) {
      const rung = Atomics.load(this.bell, this.inbox);
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) return received.message;
      Atomics.wait(this.bell, this.inbox, rung, 1000);
      const now = Atomics.load(this.bell, BELL_HEARTBEAT);
      if (now !== beat) {
        beat = now;
        lastMove = Date.now();
      } else if (Date.now() - lastMove > silenceMs) {
        return undefined;
      }
    }
  }

  /** Tells the waiting side that this thread is still working. */
  beat(): void {
    Atomics.add(this.bell, BELL_HEARTBEAT, 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Messages.

/** Where a chunk is: its source (index into the run's sources) and its offsets. */
export interface ChunkRef {
  source: number;
  start: number;
  end: number;
}

export interface WorkerData {
  sources: { file: string; text: string }[];
  chunks: ChunkRef[];
  /** The chunks this worker composes: [first, end). */
  first: number;
  end: number;
  limits: ComposeLimits | undefined;
  defaultNamespace: string;
  port: MessagePort;
  bell: SharedArrayBuffer;
}

/** The documents a thread composed, per chunk of its shard. */
export interface ShardDocuments {
  first: number;
  end: number;
  /** Per chunk, per document: its offsets (values are in the serialized payload). */
  offsets: { start: number; end: number }[][];
  /** v8-serialized values, per chunk, per document. */
  values: Uint8Array;
  /** Positions of every document (load/compose.ts flattenPositions), when sent, and where each document's start. */
  positions?: { flat: Int32Array; starts: Int32Array };
}

export type WorkerMessage =
  | ({ type: 'shard'; problems: LoadProblem[][] } & ShardDocuments)
  | { type: 'objects'; findings: Finding[]; findingObjects: number[]; errors: string[]; errorObjects: number[] }
  | { type: 'failure'; message: string };

export type MainMessage =
  | { type: 'documents'; shards: ShardDocuments[] }
  | { type: 'engine'; ruleIds: string[]; config: Config; overrides: ReadonlyMap<string, SeveritySetting>; settings: RunSettings }
  | { type: 'release' };

export type ObjectResults = Extract<WorkerMessage, { type: 'objects' }>;

export interface ComposedDocumentRef {
  value: unknown;
  start: number;
  end: number;
  /** For a document received from another thread: its value with positions (see LoadedDocument). */
  positioned?: () => unknown;
}

/** How a thread moves positions: see load/compose.ts flattenPositions and restoreFlatPositions. */
export interface PositionCodec {
  flatten(values: readonly unknown[]): { flat: Int32Array; starts: Int32Array };
  restore(value: unknown, flat: Int32Array, from: number): void;
}

/** Serializes the documents of a shard's chunks, with their positions when the receiver needs them. */
export function packShard(first: number, perChunk: readonly ComposedDocumentRef[][], codec?: PositionCodec): ShardDocuments {
  const shard: ShardDocuments = {
    first,
    end: first + perChunk.length,
    offsets: perChunk.map((docs) => docs.map((d) => ({ start: d.start, end: d.end }))),
    values: serialize(perChunk.map((docs) => docs.map((d) => d.value))),
  };
  if (codec !== undefined) shard.positions = codec.flatten(perChunk.flatMap((docs) => docs.map((d) => d.value)));
  return shard;
}

/**
 * The documents of a packed shard. Positions, when sent, are put back on a document the first
 * time a finding needs them (most documents never need them on this thread).
 */
export function unpackShard(shard: ShardDocuments, codec?: PositionCodec): ComposedDocumentRef[][] {
  const values = deserialize(shard.values) as unknown[][];
  const positions = shard.positions;
  let n = 0;
  return shard.offsets.map((docs, k) =>
    docs.map((o, d): ComposedDocumentRef => {
      const value = values[k][d];
      const at = n++;
      if (positions === undefined || codec === undefined) return { value, start: o.start, end: o.end };
      let restored = false;
      const positioned = (): unknown => {
        if (!restored) codec.restore(value, positions.flat, positions.starts[at]);
        restored = true;
        return value;
      };
      return { value, start: o.start, end: o.end, positioned };
    }),
  );
}

/**
 * The documents of a run from its composed chunks, in file order, with each file's document
 * numbering and problems exactly as loading on one thread gives them.
 */
export function assembleRun(
  read: { files: number; problems: LoadProblem[]; reads: readonly ReadFile[] },
  sources: readonly SourceText[],
  chunks: readonly ChunkRef[],
  documents: readonly ComposedDocumentRef[][],
  problems: readonly LoadProblem[][],
  encodingProblem: (source: SourceText, offset: number) => LoadProblem,
): { load: LoadResult; chunkOf: Map<LoadedDocument, number> } {
  const load: LoadResult = { files: read.files, sources: [...sources], documents: [], problems: [...read.problems] };
  const chunkOf = new Map<LoadedDocument, number>();
  let c = 0;
  let s = 0;
  for (const r of read.reads) {
    if (r.source === undefined) {
      load.problems.push(r.problem);
      continue;
    }
    if (r.invalidUtf8Offset !== undefined) load.problems.push(encodingProblem(r.source, r.invalidUtf8Offset));
    let index = 0;
    for (; c < chunks.length && chunks[c].source === s; c++) {
      for (const d of documents[c]) {
        const document: LoadedDocument = { source: r.source, index: index++, value: d.value, start: d.start, end: d.end };
        if (d.positioned !== undefined) document.positioned = d.positioned;
        load.documents.push(document);
        chunkOf.set(document, c);
      }
      for (const problem of problems[c]) load.problems.push(problem);
    }
    s++;
  }
  return { load, chunkOf };
}

/**
 * First chunk of each shard: contiguous runs of chunks with equal shares of the text, except the
 * main thread's (shard 0), which is smaller. Every shard gets at least one chunk.
 */
export function shardBounds(sizes: readonly number[], threads: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const weightSum = MAIN_SHARE_WEIGHT + threads - 1;
  const bounds = [0];
  let acc = 0;
  let c = 0;
  for (let t = 1; t < threads; t++) {
    const target = (total * (MAIN_SHARE_WEIGHT + t - 1)) / weightSum;
    while (c < sizes.length - (threads - t) && acc + sizes[c] / 2 < target) acc += sizes[c++];
    if (c <= bounds[t - 1]) acc += sizes[c++];
    bounds.push(c);
  }
  return bounds;
}

// ---------------------------------------------------------------------------------------------
// The main thread's side.

interface WorkerHandle {
  worker: Worker;
  port: SyncPort;
  first: number;
  end: number;
  /** Set once the worker failed or was let go: a failed worker's share is done on the main thread. */
  done: boolean;
}

const sessions = new WeakMap<LoadResult, ParallelSession>();

/** The workers holding a run loaded by `loadSharded`, if any. */
export function sessionOf(load: LoadResult): ParallelSession | undefined {
  return sessions.get(load);
}

/**
 * The workers of a run, after loading: each holds the run and waits to check its shard's
 * objects. The engine either hands them the object rules (`startObjectRules`, then `collect`)
 * or lets them go (`release`).
 */
export class ParallelSession {
  constructor(
    private readonly workers: WorkerHandle[],
    /** Chunk of each document, to tell which thread checks its objects. */
    private readonly chunkOf: ReadonlyMap<LoadedDocument, number>,
  ) {}

  /** True when the main thread checks this object (its own shard's, or a failed worker's). */
  checksHere(object: KubeObject): boolean {
    const chunk = this.chunkOf.get(object.document);
    return chunk === undefined || this.workers.every((w) => w.done || chunk < w.first || chunk >= w.end);
  }

  /**
   * Whether the workers can run these object rules exactly as the main thread would: built-in
   * rules only (a worker loads them by id), and no objects from outside the run (--crd
   * references, policy files), which a worker does not have.
   */
  canShare(rules: readonly AnyRule[], references: readonly KubeObject[], policies: readonly KubeObject[]): boolean {
    if (references.length > 0 || policies.length > 0) return false;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const builtin = new Map((require('../../rules') as typeof import('../../rules')).BUILTIN_RULES.map((r) => [r.meta.id, r]));
    return rules.every((r) => builtin.get(r.meta.id) === r);
  }

  startObjectRules(request: Omit<Extract<MainMessage, { type: 'engine' }>, 'type'>): void {
    for (const w of this.workers) {
      if (w.done) continue;
      try {
        w.port.send({ type: 'engine', ...request } satisfies MainMessage);
      } catch (error) {
        this.giveUp(w, `the engine request could not be sent (${(error as Error).message})`);
      }
    }
  }

  /**
   * The workers' results in worker order, which is object order. The objects of a worker that
   * failed are returned in `missing`, for the main thread to check.
   */
  collect(objects: readonly KubeObject[]): { results: ObjectResults[]; missing: number[] } {
    const results: ObjectResults[] = [];
    const failed: WorkerHandle[] = [];
    for (const w of this.workers) {
      if (w.done) continue;
      const message = w.port.receive() as WorkerMessage | undefined;
      debug('worker results received');
      if (message?.type === 'objects') {
        results.push(message);
        this.release(w);
      } else {
        failed.push(w);
        this.giveUp(w, describeFailure(message));
      }
    }
    const missing: number[] = [];
    if (failed.length > 0) {
      objects.forEach((object, i) => {
        const chunk = this.chunkOf.get(object.document);
        if (chunk !== undefined && failed.some((w) => chunk >= w.first && chunk < w.end)) missing.push(i);
      });
    }
    return { results, missing };
  }

  /** Lets the workers go (all of them by default): their objects are checked on the main thread. */
  release(only?: WorkerHandle): void {
    for (const w of only === undefined ? this.workers : [only]) {
      if (w.done) continue;
      w.done = true;
      if (only === undefined) {
        try {
          w.port.send({ type: 'release' } satisfies MainMessage);
        } catch {
          // terminated below anyway
        }
      }
      void w.worker.terminate();
    }
  }

  private giveUp(w: WorkerHandle, reason: string): void {
    debug(`worker for chunks ${w.first}-${w.end} given up (${reason}); its objects are checked here`);
    w.done = true;
    void w.worker.terminate();
  }
}

function describeFailure(message: WorkerMessage | undefined): string {
  if (message === undefined) return 'no answer';
  return message.type === 'failure' ? message.message : `unexpected ${message.type} message`;
}

export interface ShardedLoadOptions {
  limits: ComposeLimits | undefined;
  defaultNamespace: string;
  threads?: number;
}

export interface ShardedLoader {
  split(text: string): Chunk[];
  compose(source: SourceText, chunk: Chunk, problems: LoadProblem[]): ComposedDocumentRef[];
  encodingProblem(source: SourceText, offset: number): LoadProblem;
  positions: PositionCodec;
}

/**
 * Composes read files with worker threads when the run is large enough: the same LoadResult as
 * composing on one thread, with a session (see `sessionOf`) for the engine. Undefined when the
 * run is too small or threads are unavailable: the caller composes on this thread.
 */
export function loadSharded(read: { files: number; problems: LoadProblem[]; reads: readonly ReadFile[] }, options: ShardedLoadOptions, loader: ShardedLoader): LoadResult | undefined {
  const threads = options.threads ?? threadCount();
  const modulePath = workerModule();
  if (threads < 2 || modulePath === undefined) return undefined;
  const sources = read.reads.flatMap((r) => (r.source === undefined ? [] : [r.source]));
  const chunks: Chunk[] = [];
  const refs: ChunkRef[] = [];
  let chars = 0;
  sources.forEach((source, s) => {
    for (const chunk of loader.split(source.text)) {
      chunks.push(chunk);
      refs.push({ source: s, start: chunk.start, end: chunk.start + chunk.text.length });
      chars += chunk.text.length;
    }
  });
  if (chars < minChars(process.env) || chunks.length < threads) return undefined;

  const bounds = shardBounds(chunks.map((c) => c.text.length), threads);
  debug(`${threads} threads, ${chunks.length} chunks, ${chars} characters; shards start at chunks ${bounds.join(', ')}`);
  const texts = sources.map((s) => ({ file: s.file, text: s.text }));
  const workers: WorkerHandle[] = [];
  for (let t = 1; t < threads; t++) {
    const first = bounds[t];
    const end = t + 1 < threads ? bounds[t + 1] : chunks.length;
    const { port1, port2 } = new MessageChannel();
    const bell = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    const data: WorkerData = { sources: texts, chunks: refs, first, end, limits: options.limits, defaultNamespace: options.defaultNamespace, port: port2, bell };
    try {
      const worker = new Worker(modulePath, { workerData: data, transferList: [port2] });
      worker.unref();
      worker.on('error', () => undefined); // a failed worker goes silent, and its share is done here
      workers.push({ worker, port: new SyncPort(port1, new Int32Array(bell), BELL_TO_MAIN, BELL_TO_WORKER), first, end, done: false });
    } catch (error) {
      debug(`no worker thread (${(error as Error).message}): one thread`);
      for (const w of workers) void w.worker.terminate();
      return undefined;
    }
  }

  // Our own shard, while the workers compose theirs.
  const documents: ComposedDocumentRef[][] = new Array(chunks.length);
  const problems: LoadProblem[][] = new Array(chunks.length);
  const composeHere = (first: number, end: number): void => {
    for (let c = first; c < end; c++) {
      problems[c] = [];
      documents[c] = loader.compose(sources[refs[c].source], chunks[c], problems[c]);
    }
  };
  composeHere(0, bounds[1]);
  debug('main shard composed');
  const shards: ShardDocuments[] = [packShard(0, documents.slice(0, bounds[1]))];
  for (const w of workers) {
    const message = w.port.receive() as WorkerMessage | undefined;
    if (message?.type !== 'shard') {
      w.done = true;
      void w.worker.terminate();
      debug(`worker for chunks ${w.first}-${w.end} given up while composing (${describeFailure(message)}); composing its shard here`);
      composeHere(w.first, w.end);
      shards.push(packShard(w.first, documents.slice(w.first, w.end)));
      continue;
    }
    unpackShard(message, loader.positions).forEach((docs, k) => {
      documents[w.first + k] = docs;
      problems[w.first + k] = message.problems[k];
    });
    // Other workers get the documents, not the positions.
    shards.push({ first: message.first, end: message.end, offsets: message.offsets, values: message.values });
  }
  for (const w of workers) {
    if (w.done) continue;
    try {
      w.port.send({ type: 'documents', shards: shards.filter((s) => s.first !== w.first) } satisfies MainMessage);
    } catch (error) {
      w.done = true;
      void w.worker.terminate();
      debug(`the run could not be sent to a worker (${(error as Error).message})`);
    }
  }

  debug('shards exchanged');
  const { load, chunkOf } = assembleRun(read, sources, refs, documents, problems, loader.encodingProblem);
  sessions.set(load, new ParallelSession(workers, chunkOf));
  return load;
}
