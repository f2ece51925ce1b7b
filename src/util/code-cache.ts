/**
 * Loading generated CommonJS modules with a V8 code cache written at build time: the CLI bundle
 * (dist/src/cli/kubevet.bundle.js, ~2 MB) and the precompiled validators (~3 MB a release).
 * Parsing and compiling them is most of a small run's start-up; with the cache V8 deserializes
 * the compiled code instead. V8 refuses a cache written by another V8 version or with other
 * flags, and then the module is compiled as usual. V8 only compares a cache with the source's
 * length, so the module and its cache carry the same build id and a cache with another id is
 * never offered.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/**
 * V8 flags kubevet sets for itself: the linear-time regexp engine that custom rules' patterns run
 * on (see custom/regex.ts). V8 refuses a code cache written under other flags than the reader's,
 * so they are set before any cache is written or read, never halfway through a run.
 */
const KUBEVET_V8_FLAGS = ['--enable-experimental-regexp-engine'];
let flagsSet = false;

export function setKubevetV8Flags(): void {
  if (flagsSet) return;
  flagsSet = true;
  for (const flag of KUBEVET_V8_FLAGS) {
    try {
      setFlagsFromString(flag);
    } catch {
      // Unknown to this V8: custom rules fall back to their static check (see custom/regex.ts).
    }
  }
}

const BUILD_ID_PREFIX = '\n//# kubevet-build ';
const BUILD_ID_LENGTH = 16;

/** Appends a random build id to generated module code (read back by `buildIdOf`). */
export function withBuildId(source: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- build-time only: keep node:crypto out of start-up
  const { randomBytes } = require('node:crypto') as typeof import('node:crypto');
  return `${source}${BUILD_ID_PREFIX}${randomBytes(BUILD_ID_LENGTH / 2).toString('hex')}\n`;
}

function buildIdOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_ID_PREFIX);
  return at < 0 ? undefined : source.slice(at + BUILD_ID_PREFIX.length, at + BUILD_ID_PREFIX.length + BUILD_ID_LENGTH);
}

export function codeCachePath(modulePath: string): string {
  return modulePath.replace(/\.js$/, '.cache');
}

/** The CommonJS wrapper Node puts around a module, so the module runs exactly as `require` runs it. */
function wrapModule(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

function runModule<T>(script: Script, path: string): T {
  const module = { exports: {} as T };
  const factory = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  factory.call(module.exports, module.exports, createRequire(path), module, path, dirname(path));
  return module.exports;
}

/**
 * Build step: runs the module, lets `warm` exercise its exports (V8 caches the functions compiled
 * so far, so the more of a usual run `warm` covers, the less is compiled at start-up), and returns
 * the code cache with the module's build id in front.
 */
export function createCodeCache<T>(path: string, source: string, warm: (exports: T) => void): Buffer {
  setKubevetV8Flags();
  const script = new Script(wrapModule(source), { filename: path });
  warm(runModule<T>(script, path));
  return Buffer.concat([Buffer.from(buildIdOf(source) ?? '', 'latin1'), script.createCachedData()]);
}

/** The V8 data of a code cache file when it was written for this module source, else undefined. */
export function cachedDataFor(source: string, cache: Buffer): Buffer | undefined {
  const id = buildIdOf(source);
  return id !== undefined && cache.subarray(0, BUILD_ID_LENGTH).toString('latin1') === id ? cache.subarray(BUILD_ID_LENGTH) : undefined;
}

/** Loads a generated module like `require` does, with its code cache when it has a usable one. */
export function loadCachedModule<T>(path: string): T {
  setKubevetV8Flags();
  const source = readFileSync(path, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = cachedDataFor(source, readFileSync(codeCachePath(path)));
  } catch {
    // no cache: compile
  }
  return runModule<T>(new Script(wrapModule(source), { filename: path, cachedData }), path);
}
