/**
 * Build step (last in `npm run build`): bundles the CLI (src/cli/main.ts with everything it
 * imports, dependencies included) into dist/src/cli/kubevet.bundle.js, runs it once over the
 * examples so that V8 compiles what a usual run needs, and writes that compiled code beside it
 * (kubevet.bundle.cache, used only by the V8 that wrote it). `bin/kubevet.js` runs the bundle
 * (see src/cli/launch.ts). The bundle sits beside main.js so that every path the code finds
 * from `__dirname` (schemas, validators, package.json, the worker) is the same in both.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { BUNDLE_FILE } from '../src/cli/launch';
import type { CliIo } from '../src/cli/main';
import { codeCachePath, createCodeCache, withBuildId } from '../src/util/code-cache';

const ROOT = resolve(__dirname, '..', '..');
const BUNDLE_PATH = join(ROOT, 'dist', 'src', 'cli', BUNDLE_FILE);

/** Runs that cover the usual paths: each output format, default and every rule, custom rules. */
const WARM_RUNS: readonly string[][] = [
  ['--no-config', 'examples/good', 'examples/bad'],
  ['--no-config', '--rule', '*=warning', '--format', 'json', 'examples/good', 'examples/bad'],
  ['--no-config', '--format', 'sarif', 'examples/bad'],
  ['--no-config', '--format', 'github', 'examples/bad'],
  ['--config', 'examples/custom-rules/.kubevet.yaml', 'examples/good'],
];

function bundleSource(): string {
  const result = buildSync({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    // js-yaml stays its own CommonJS module: bundled, esbuild takes its ES module build and
    // hoists its module constants into variables of the bundle, and the parser, the hottest code
    // of a large run, ran 3-5x slower (10,000 objects: 0.3 s of parseNode instead of 0.05 s).
    external: ['js-yaml'],
  });
  return result.outputFiles[0].text;
}

function warm(cli: typeof import('../src/cli/main')): void {
  const io: CliIo = { cwd: ROOT, env: {}, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false };
  for (const args of WARM_RUNS) {
    const code = cli.main(args, io);
    if (code > 1) throw new Error(`bundle-cli: the bundle failed on kubevet ${args.join(' ')} (exit ${code})`);
  }
}

function main(): void {
  const source = withBuildId(bundleSource());
  writeFileSync(BUNDLE_PATH, source);
  writeFileSync(codeCachePath(BUNDLE_PATH), createCodeCache(BUNDLE_PATH, source, warm));
}

if (require.main === module) main();
