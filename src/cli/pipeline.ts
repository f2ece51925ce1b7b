/**
 * The shared front half of every command: paths → loaded documents → Kubernetes objects.
 * `kubevet`, `kubevet rbac …` and `kubevet netpol …` all read manifests the same way.
 */
import type { LoadResult } from '../load';
import type { BuildResult } from '../model/build';

export interface PipelineOptions {
  cwd: string;
  namespace: string;
  ignore: string[];
  maxFileBytes: number;
  /** Output of `--helm`/`--kustomize`, checked as more files (with no paths, only it is checked). */
  rendered?: readonly { display: string; output: Buffer; originBase?: string }[];
  onProgress?: (done: number, total: number) => void;
  /**
   * Threads for a large run (see engine/parallel.ts); only for callers that pass the result to
   * runEngine, which hands the workers their objects (or lets them go).
   */
  threads?: number;
}

export interface LoadedRun {
  load: LoadResult;
  build: BuildResult;
}

export function loadRun(paths: string[], options: PipelineOptions): LoadedRun {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand for start-up speed */
  const { addRenderedText, loadPaths } = require('../load') as typeof import('../load');
  const { buildObjects } = require('../model/build') as typeof import('../model/build');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const rendered = options.rendered ?? [];
  const loadOptions = { cwd: options.cwd, ignore: options.ignore, maxFileBytes: options.maxFileBytes, onProgress: options.onProgress };
  const load =
    paths.length === 0 && rendered.length > 0
      ? { files: 0, sources: [], documents: [], problems: [] }
      : (options.threads ?? 1) > 1 && rendered.length === 0
        ? loadWithThreads(paths, loadOptions, options.namespace, options.threads as number)
        : loadPaths(paths, loadOptions);
  for (const output of rendered) addRenderedText(output, load);
  const build = buildObjects(load.documents, { defaultNamespace: options.namespace });
  return { load, build };
}

function loadWithThreads(paths: string[], options: import('../load').LoadOptions, namespace: string, threads: number): import('../load').LoadResult {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand for start-up speed */
  const { encodingProblem, loadChunk, loadReadFiles, readPaths } = require('../load') as typeof import('../load');
  const { DEFAULT_COMPOSE_LIMITS, positionCodec } = require('../load/compose') as typeof import('../load/compose');
  const { splitDocuments } = require('../load/split') as typeof import('../load/split');
  const { loadSharded } = require('../engine/parallel') as typeof import('../engine/parallel');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const read = readPaths(paths, options);
  const sharded = loadSharded(read, { limits: options.limits, defaultNamespace: namespace, threads }, {
    split: splitDocuments,
    compose: (source, chunk, problems) => loadChunk(source, chunk, options.limits ?? DEFAULT_COMPOSE_LIMITS, problems),
    encodingProblem,
    positions: positionCodec,
  });
  return sharded ?? loadReadFiles(read, options.limits);
}
