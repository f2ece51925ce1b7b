/**
 * Bundles the GitHub Action (src/action/index.ts and everything it imports, dependencies
 * included) into dist-action/index.js with esbuild, plus dist-action/licenses.txt with the
 * licenses of the bundled packages. Both are committed: `uses: kubevet/kubevet@v1` runs them
 * without an install step. The schemas are not bundled: the action reads `schemas/` from the
 * checked-out repository, found by walking up from dist-action/.
 *
 * The output depends only on the sources and the installed dependencies (no absolute paths, no
 * timestamps), so test/action/bundle.test.ts can rebuild it and compare bytes.
 *
 *   npm run bundle:action
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { build, type BuildOptions, type Message } from 'esbuild';

export const ACTION_ENTRY = 'src/action/index.ts';
export const ACTION_OUT_DIR = 'dist-action';
export const BUNDLE_FILE = 'index.js';
export const LICENSES_FILE = 'licenses.txt';

const BANNER = `// kubevet GitHub Action: generated from ${ACTION_ENTRY} by scripts/bundle-action.ts (npm run bundle:action); do not edit.`;

export interface BundleResult {
  /** File name (inside the output folder) → content. */
  files: ReadonlyMap<string, string>;
  warnings: readonly Message[];
}

/** The repository root: the nearest folder with a package.json above this script (scripts/ or dist/scripts/). */
export function repositoryRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function esbuildOptions(root: string): BuildOptions & { metafile: true; write: false } {
  return {
    absWorkingDir: root,
    entryPoints: [join(root, ACTION_ENTRY)],
    outfile: join(root, ACTION_OUT_DIR, BUNDLE_FILE),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    charset: 'utf8',
    legalComments: 'none', // collected into licenses.txt instead
    banner: { js: BANNER },
    metafile: true,
    write: false,
    logLevel: 'silent',
  };
}

/** `node_modules/a/node_modules/@s/b/dist/x.js` → `node_modules/a/node_modules/@s/b`. */
export function packageDirOf(input: string): string | undefined {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const width = parts[at + 1].startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + width).join('/');
}

function licenseText(packageDir: string): string {
  const name = readdirSync(packageDir)
    .sort()
    .find((file) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(file));
  return name === undefined ? '(no license file in the package)' : readFileSync(join(packageDir, name), 'utf8').trim();
}

/** The notices of every package that contributed code to the bundle, sorted by package name. */
export function licensesNotice(root: string, inputs: readonly string[]): string {
  const dirs = [...new Set(inputs.map((input) => packageDirOf(input.split(posix.sep).join('/'))).filter((d): d is string => d !== undefined))];
  const packages = dirs
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: string };
      return { ...manifest, text: licenseText(join(root, dir)) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
  const sections = packages.map((p) => `${p.name} ${p.version} (${p.license ?? 'license not stated'})\n\n${p.text}\n`);
  return `Third-party software bundled in ${ACTION_OUT_DIR}/${BUNDLE_FILE}:\n\n${sections.join('\n----------------------------------------------------------------\n\n')}`;
}

export async function bundleAction(root: string = repositoryRoot()): Promise<BundleResult> {
  const result = await build(esbuildOptions(root));
  const bundle = result.outputFiles.find((file) => file.path.endsWith(BUNDLE_FILE));
  if (bundle === undefined) throw new Error('esbuild produced no bundle');
  const files = new Map([
    [BUNDLE_FILE, bundle.text],
    [LICENSES_FILE, licensesNotice(root, Object.keys(result.metafile.inputs))],
  ]);
  return { files, warnings: result.warnings };
}

export function writeBundle(outDir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
}

async function cli(): Promise<void> {
  const root = repositoryRoot();
  const { files, warnings } = await bundleAction(root);
  // Expected: the CLI's sub-command modules and package.json are required by computed paths the
  // action never takes (sub-commands) or that resolve in the checked-out repository.
  for (const w of warnings) console.warn(`bundle-action: note: ${w.text}${w.location === null ? '' : ` (${w.location.file}:${w.location.line})`}`);
  writeBundle(join(root, ACTION_OUT_DIR), files);
  const size = [...files.values()].reduce((n, text) => n + Buffer.byteLength(text), 0);
  console.log(`bundle-action: wrote ${[...files.keys()].map((f) => `${ACTION_OUT_DIR}/${f}`).join(', ')} (${Math.round(size / 1024)} KiB)`);
}

if (require.main === module) {
  cli().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
