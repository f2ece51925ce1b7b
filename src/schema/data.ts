/**
 * Lazy, cached reads of the generated data in `schemas/kubernetes/` (see `types.ts`). Nothing is
 * read at import time; each file is parsed at most once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SCHEMA_DATA_FORMAT, type IndexFile, type PoolFile, type ReleaseFile } from './types';

const RELATIVE_DIR = join('schemas', 'kubernetes');
const INDEX = 'index.json';

let directory: string | undefined;

/**
 * The data directory: the first ancestor of this module's directory (`src/schema` under
 * ts-jest, `dist/src/schema` when built, or wherever a bundle lives) that has
 * `schemas/kubernetes/index.json`.
 */
export function schemaDataDir(): string {
  if (directory !== undefined) return directory;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, RELATIVE_DIR);
    if (existsSync(join(candidate, INDEX))) return (directory = candidate);
    if (dirname(dir) === dir) throw new Error(`kubevet: cannot find ${join(RELATIVE_DIR, INDEX)} above ${__dirname}`);
  }
}

/** Points the store at another data directory (tests, bundles); clears every cache. */
export function setSchemaDataDir(dir: string | undefined): void {
  directory = dir;
  index = undefined;
  pool = undefined;
  releases.clear();
}

function readJson(file: string): unknown {
  const path = join(schemaDataDir(), file);
  const bytes = readFileSync(path);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}

let index: IndexFile | undefined;
let pool: PoolFile | undefined;
const releases = new Map<string, ReleaseFile>();

export function loadIndex(): IndexFile {
  if (index !== undefined) return index;
  const parsed = readJson(INDEX) as IndexFile;
  if (parsed.format !== SCHEMA_DATA_FORMAT) {
    throw new Error(`kubevet: ${join(schemaDataDir(), INDEX)} has data format ${parsed.format}, expected ${SCHEMA_DATA_FORMAT}; run npm run generate:schemas`);
  }
  return (index = parsed);
}

export function loadPool(): PoolFile {
  return (pool ??= readJson(loadIndex().files.pool) as PoolFile);
}

/** The release file, or undefined for a release the data does not cover. */
export function loadRelease(release: string): ReleaseFile | undefined {
  const cached = releases.get(release);
  if (cached !== undefined) return cached;
  const files = loadIndex().files.releases;
  if (!Object.hasOwn(files, release)) return undefined;
  const file = files[release];
  const parsed = readJson(file) as ReleaseFile;
  releases.set(release, parsed);
  return parsed;
}
