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
}

export interface LoadedRun {
  load: LoadResult;
  build: BuildResult;
}

export function loadRun(paths: string[], options: PipelineOptions): LoadedRun {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand for start-up speed */
  const { loadPaths } = require('../load') as typeof import('../load');
  const { buildObjects } = require('../model/build') as typeof import('../model/build');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const load = loadPaths(paths, { cwd: options.cwd, ignore: options.ignore, maxFileBytes: options.maxFileBytes });
  const build = buildObjects(load.documents, { defaultNamespace: options.namespace });
  return { load, build };
}
