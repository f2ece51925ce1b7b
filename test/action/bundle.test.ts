/**
 * The committed action: action.yml is consistent with the code, and dist-action/ is exactly what
 * scripts/bundle-action.ts builds from the current sources (rebuilt into a temp folder and
 * compared byte for byte). When this fails after a change to src/ or rules/, run
 * `npm run bundle:action` and commit dist-action/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ACTION_OUT_DIR, bundleAction, packageDirOf, writeBundle } from '../../scripts/bundle-action';
import { readInputs } from '../../src/action/inputs';
import { ROOT, tempDir } from './helpers';

interface ActionManifest {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const manifest = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionManifest;

describe('action.yml', () => {
  test('a node24 JavaScript action whose entry point is the committed bundle', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist-action/index.js' });
    expect(manifest.description.length).toBeLessThanOrEqual(125);
  });

  test('declares exactly the inputs the code reads, with the same defaults', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(['baseline', 'config', 'fail-on', 'format', 'kubernetes-version', 'only-changed', 'paths', 'sarif-file', 'working-directory']);
    const env = Object.fromEntries(Object.entries(manifest.inputs).map(([name, input]) => [`INPUT_${name.toUpperCase()}`, input.default ?? '']));
    expect(readInputs(env)).toEqual(readInputs({}));
    for (const input of Object.values(manifest.inputs)) expect(input.description).not.toBe('');
  });

  test('declares the outputs the action writes', () => {
    expect(Object.keys(manifest.outputs).sort()).toEqual(['errors', 'infos', 'sarif-file', 'warnings']);
  });
});

describe('dist-action/', () => {
  test('is current: a rebuild into a temporary folder gives the same bytes', async () => {
    const { files } = await bundleAction(ROOT);
    const out = tempDir('kubevet-bundle-');
    writeBundle(out, files);
    const committed = join(ROOT, ACTION_OUT_DIR);
    expect(readdirSync(committed).sort()).toEqual([...files.keys()].sort());
    for (const name of files.keys()) {
      const same = readFileSync(join(out, name)).equals(readFileSync(join(committed, name)));
      if (!same) throw new Error(`${ACTION_OUT_DIR}/${name} is out of date: run \`npm run bundle:action\` and commit ${ACTION_OUT_DIR}/`);
    }
  });

  test('the bundle names no path of the machine that built it, and carries the licenses', async () => {
    const { files } = await bundleAction(ROOT);
    const bundle = files.get('index.js') ?? '';
    expect(bundle).not.toContain(ROOT);
    expect(bundle.startsWith('// kubevet GitHub Action: generated from src/action/index.ts')).toBe(true);
    const licenses = files.get('licenses.txt') ?? '';
    for (const name of ['ajv', 'js-yaml', 'yaml', 'minimatch']) expect(licenses).toMatch(new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
  });

  test('package folders are found in nested and scoped node_modules paths', () => {
    expect(packageDirOf('node_modules/ajv/dist/core.js')).toBe('node_modules/ajv');
    expect(packageDirOf('node_modules/a/node_modules/@s/b/x.js')).toBe('node_modules/a/node_modules/@s/b');
    expect(packageDirOf('src/action/index.ts')).toBeUndefined();
  });
});
