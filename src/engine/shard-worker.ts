/**
 * A worker thread of a parallel run (see parallel.ts): composes its shard of the chunks, sends
 * it (with positions) to the main thread, receives the other shards (without positions), builds
 * the run's objects exactly as the main thread does, and checks the objects of its shard with
 * the object rules the main thread names. Anything that goes wrong is reported as a failure:
 * the main thread then does this shard's work itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadChunk, SourceText, type LoadedDocument, type LoadProblem } from '../load';
import { DEFAULT_COMPOSE_LIMITS, positionCodec } from '../load/compose';
import { buildObjects } from '../model/build';
import { BELL_TO_MAIN, debug, BELL_TO_WORKER, packShard, SyncPort, unpackShard, type ComposedDocumentRef, type MainMessage, type WorkerData, type WorkerMessage } from './parallel';
import { checkObjectsInWorker } from './run';

function main(data: WorkerData): void {
  const port = new SyncPort(data.port, new Int32Array(data.bell), BELL_TO_WORKER, BELL_TO_MAIN);
  const send = (message: WorkerMessage): void => port.send(message);
  try {
    const limits = data.limits ?? DEFAULT_COMPOSE_LIMITS;
    const sources = data.sources.map((s) => new SourceText(s.file, s.text));
    const chunkOf = (c: number): { start: number; text: string } => {
      const ref = data.chunks[c];
      return { start: ref.start, text: sources[ref.source].text.slice(ref.start, ref.end) };
    };

    const documents: ComposedDocumentRef[][] = new Array(data.chunks.length);
    const problems: LoadProblem[][] = [];
    for (let c = data.first; c < data.end; c++) {
      const found: LoadProblem[] = [];
      documents[c] = loadChunk(sources[data.chunks[c].source], chunkOf(c), limits, found);
      problems.push(found);
      port.beat();
    }
    failForTests('compose');
    debug('worker shard composed');
    const shard = packShard(data.first, documents.slice(data.first, data.end), positionCodec);
    send({ type: 'shard', problems, ...shard });

    const run = port.receive(Infinity) as MainMessage;
    if (run.type !== 'documents') return;
    for (const other of run.shards) {
      unpackShard(other).forEach((docs, k) => {
        documents[other.first + k] = docs;
      });
      port.beat();
    }

    // The run's documents as the main thread numbers them; other shards' documents get their
    // positions by composing their chunk again, only if a finding needs them.
    const loaded: LoadedDocument[] = [];
    const mine = new Set<LoadedDocument>();
    let c = 0;
    data.sources.forEach((_, s) => {
      let index = 0;
      for (; c < data.chunks.length && data.chunks[c].source === s; c++) {
        const chunk = c;
        for (const d of documents[c]) {
          const document: LoadedDocument = { source: sources[s], index: index++, value: d.value, start: d.start, end: d.end };
          if (c >= data.first && c < data.end) mine.add(document);
          else document.positioned = positionedLater(() => loadChunk(sources[s], chunkOf(chunk), limits, []), d.start);
          loaded.push(document);
        }
      }
    });
    const objects = buildObjects(loaded, { defaultNamespace: data.defaultNamespace }).objects;
    debug('worker objects built');

    const request = port.receive(Infinity) as MainMessage;
    if (request.type !== 'engine') return;
    debug('worker engine request received');
    failForTests('objects');
    const results = checkObjectsInWorker(objects, (object) => mine.has(object.document), request, () => port.beat());
    debug('worker objects checked');
    send({ type: 'objects', ...results });
  } catch (error) {
    send({ type: 'failure', message: (error as Error).stack ?? String(error) });
  }
}

/** KUBEVET_TEST_THREAD_FAILURE=compose|objects makes a worker fail there (tests of the main thread's fallback). */
function failForTests(stage: string): void {
  if (process.env.KUBEVET_TEST_THREAD_FAILURE === stage) throw new Error(`failing at ${stage} as KUBEVET_TEST_THREAD_FAILURE asks`);
}

/** The value with positions of a document composed again from its chunk (memoized). */
function positionedLater(compose: () => ComposedDocumentRef[], start: number): () => unknown {
  let value: unknown;
  let done = false;
  return () => {
    if (!done) {
      value = compose().find((d) => d.start === start)?.value;
      done = true;
    }
    return value;
  };
}

if (parentPort !== null) main(workerData as WorkerData);
