/**
 * What `bin/kubevet.js` runs: the CLI bundle (every module of the CLI and its dependencies in
 * one file, with a V8 code cache; see scripts/bundle-cli.ts) when the build made one that is at
 * least as new as the compiled sources, else the compiled modules one by one. Resolving and
 * compiling ~250 modules costs about a third of a pre-commit run; the bundle is how the issue's
 * 0.2 s for 20 files is met. Both run the same code: the bundle is built from these sources.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCachedModule } from '../util/code-cache';

export const BUNDLE_FILE = 'kubevet.bundle.js';

type CliModule = typeof import('./main');

/** The bundle, or undefined when there is none, it is older than the sources, or KUBEVET_NO_BUNDLE is set. */
export function currentBundle(dir: string = __dirname, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.KUBEVET_NO_BUNDLE === '1') return undefined;
  const bundle = join(dir, BUNDLE_FILE);
  const built = statSync(bundle, { throwIfNoEntry: false });
  // `tsc` alone (a developer's edit-compile loop) rewrites main.js but not the bundle.
  const compiled = statSync(join(dir, 'main.js'), { throwIfNoEntry: false });
  if (built === undefined || (compiled !== undefined && compiled.mtimeMs > built.mtimeMs)) return undefined;
  return bundle;
}

export function cliModule(): CliModule {
  const bundle = currentBundle();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return bundle === undefined ? (require('./main') as CliModule) : loadCachedModule<CliModule>(bundle);
}
