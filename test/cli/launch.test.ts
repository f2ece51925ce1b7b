import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_FILE, currentBundle } from '../../src/cli/launch';
import { BIN, ROOT } from './run-cli';

const BUILT_BUNDLE = join(ROOT, 'dist', 'src', 'cli', BUNDLE_FILE);

function compiledDir(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-launch-'));
  for (const [name, mtimeSeconds] of Object.entries(files)) {
    writeFileSync(join(dir, name), '');
    utimesSync(join(dir, name), mtimeSeconds, mtimeSeconds);
  }
  return dir;
}

describe('which CLI build bin/kubevet.js runs', () => {
  test('the bundle when it is at least as new as the compiled sources', () => {
    const dir = compiledDir({ 'main.js': 1_000, [BUNDLE_FILE]: 1_000 });
    expect(currentBundle(dir, {})).toBe(join(dir, BUNDLE_FILE));
  });

  test('the compiled modules when the bundle is older than them (tsc ran after the bundle)', () => {
    expect(currentBundle(compiledDir({ 'main.js': 2_000, [BUNDLE_FILE]: 1_000 }), {})).toBeUndefined();
  });

  test('the compiled modules when there is no bundle or KUBEVET_NO_BUNDLE=1', () => {
    expect(currentBundle(compiledDir({ 'main.js': 1_000 }), {})).toBeUndefined();
    expect(currentBundle(compiledDir({ 'main.js': 1_000, [BUNDLE_FILE]: 1_000 }), { KUBEVET_NO_BUNDLE: '1' })).toBeUndefined();
  });
});

describe('the built CLI bundle (npm run build)', () => {
  test('exists, and V8 accepts its code cache', () => {
    expect(existsSync(BUILT_BUNDLE)).toBe(true);
    // A fresh process, with the flags kubevet sets: V8 refuses a cache written under other flags.
    const check = `
      const { readFileSync } = require('node:fs');
      const { Script } = require('node:vm');
      const { cachedDataFor, codeCachePath, setKubevetV8Flags } = require(${JSON.stringify(join(ROOT, 'dist', 'src', 'util', 'code-cache.js'))});
      setKubevetV8Flags();
      const path = ${JSON.stringify(BUILT_BUNDLE)};
      const source = readFileSync(path, 'utf8');
      const cachedData = cachedDataFor(source, readFileSync(codeCachePath(path)));
      const script = new Script('(function (exports, require, module, __filename, __dirname) { ' + source + '\\n});', { filename: path, cachedData });
      process.stdout.write(JSON.stringify({ offered: cachedData !== undefined, rejected: script.cachedDataRejected }));`;
    const child = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ offered: true, rejected: false });
  });

  test.each([
    [['--no-config', '--format', 'json', 'examples/good', 'examples/bad']],
    [['--no-config', '--rule', '*=warning', '--format', 'sarif', 'examples/bad']],
    [['rbac', 'who-can', 'get', 'secrets', 'examples/bad']],
    [['--version']],
  ])('gives exactly what the compiled modules give: kubevet %j', (args) => {
    const run = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
    const bundled = run({});
    const unbundled = run({ KUBEVET_NO_BUNDLE: '1' });
    expect(bundled.stdout.length).toBeGreaterThan(0);
    expect({ code: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }).toEqual({ code: unbundled.status, stdout: unbundled.stdout, stderr: unbundled.stderr });
  });
});
