import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedDataFor, codeCachePath, createCodeCache as createCache, loadCachedModule, withBuildId } from '../../src/util/code-cache';

const createCodeCache = (path: string, source: string): Buffer => createCache(path, source, () => undefined);
interface EvenModule {
  even: ((data: number) => boolean) & { errors?: unknown };
}
const load = (path: string): EvenModule => loadCachedModule<EvenModule>(path);

const MODULE = 'exports.even = function even(data) { even.errors = data % 2 === 0 ? null : [{ keyword: "even" }]; return data % 2 === 0; };';

function writeModule(source: string, cache?: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kubevet-code-cache-')), 'validators.js');
  writeFileSync(path, source);
  if (cache !== undefined) writeFileSync(codeCachePath(path), cache);
  return path;
}

describe('V8 code cache of the precompiled validators', () => {
  test('a module loads the same with its cache, without one, and with a stale one', () => {
    const source = withBuildId(MODULE);
    const path = writeModule(source);
    const cache = createCodeCache(path, source);
    writeFileSync(codeCachePath(path), cache);
    const stale = createCodeCache(path, withBuildId(MODULE));
    for (const loaded of [load(path), load(writeModule(source)), load(writeModule(source, stale))]) {
      expect(loaded.even(4)).toBe(true);
      expect(loaded.even(3)).toBe(false);
      expect(loaded.even.errors).toEqual([{ keyword: 'even' }]);
    }
  });

  test('a cache is offered to V8 only for the module build it was written for', () => {
    const source = withBuildId(MODULE);
    const other = withBuildId(MODULE);
    expect(other).not.toBe(source);
    expect(other.length).toBe(source.length); // V8 itself would only compare lengths
    const path = writeModule(source);
    const cache = createCodeCache(path, source);
    expect(cachedDataFor(source, cache)?.length).toBe(cache.length - 16);
    expect(cachedDataFor(other, cache)).toBeUndefined();
    expect(cachedDataFor(MODULE, cache)).toBeUndefined();
  });
});

describe('code cache of any generated module', () => {
  test('the warm-up sees the module exports before the cache is taken, and the module loads the same', () => {
    const source = withBuildId('exports.twice = (n) => n * 2;');
    const path = writeModule(source);
    const seen: number[] = [];
    const cache = createCache<{ twice(n: number): number }>(path, source, (module) => seen.push(module.twice(21)));
    expect(seen).toEqual([42]);
    writeFileSync(codeCachePath(path), cache);
    expect(loadCachedModule<{ twice(n: number): number }>(path).twice(4)).toBe(8);
  });
});
