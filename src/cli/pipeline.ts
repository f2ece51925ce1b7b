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
  const load =
    paths.length === 0 && rendered.length > 0
      ? { files: 0, sources: [], documents: [], problems: [] }
      : loadPaths(paths, { cwd: options.cwd, ignore: options.ignore, maxFileBytes: options.maxFileBytes, onProgress: options.onProgress });
  for (const output of rendered) addRenderedText(output, load);
  const build = buildObjects(load.documents, { defaultNamespace: options.namespace });
  return { load, build };
}
