/**
 * Runtime access to the bundled Kubernetes schemas: which kinds exist in which release, whether
 * they are namespaced, strict Ajv validators, and schema lookups by path. Everything is loaded
 * lazily from `schemas/kubernetes/` on first use and cached for the life of the process.
 *
 * Validators follow the API server's decoding: unknown fields are errors (`additionalProperties`),
 * optional fields may be `null`, `IntOrString` is an int32 or a string, quantities are numbers or
 * strings of Kubernetes quantity syntax, `format: byte` is base64. Error `params.type` lists
 * include `"null"` for optional fields (e.g. `["integer", "null"]`); drop it when wording messages.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { compareApiVersions, formatApiVersion } from './apiversion';
import { loadIndex, loadPool, loadRelease, setSchemaDataDir } from './data';
import { addKubernetesFormats } from './formats';
import { allowedProperties, definitionNameAt, nodeAt, type DefinitionLookup, type PathSegment } from './resolve';
import type { KindRecord, ReleaseFile, SchemaNode } from './types';
import { loadCachedModule } from '../util/code-cache';

export type { PathSegment } from './resolve';
export type { KindRecord, SchemaNode } from './types';

/** A group/version/kind of one Kubernetes release (see `KindRecord` for each field). */
export interface KindInfo extends KindRecord {
  /** `apps/v1`, or `v1` for the core group. */
  readonly apiVersion: string;
}

interface ReleaseIndex {
  readonly file: ReleaseFile;
  readonly all: readonly KindInfo[];
  /** `apiVersion` + "\n" + `kind` → info. */
  readonly byGvk: ReadonlyMap<string, KindInfo>;
  /** Lower-cased kind → infos. */
  readonly byLowerKind: ReadonlyMap<string, readonly KindInfo[]>;
}

const indexes = new Map<string, ReleaseIndex>();
let customDataDir = false;

/** Kubernetes minor releases with bundled schemas, oldest first (`['1.33', ..., '1.36']`). */
export function supportedVersions(): string[] {
  return [...loadIndex().releases];
}

/** The newest supported release. */
export function defaultVersion(): string {
  const releases = loadIndex().releases;
  return releases[releases.length - 1];
}

/** `1.36`, `v1.36`, `1.36.2`, `v1.36.0` → `1.36` when supported; otherwise undefined. */
export function normalizeVersion(input: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(input.trim());
  if (m === null) return undefined;
  const release = `${Number(m[1])}.${Number(m[2])}`;
  return loadIndex().releases.includes(release) ? release : undefined;
}

function releaseFile(version: string): ReleaseFile {
  const file = loadRelease(version);
  if (file === undefined) {
    throw new RangeError(`unsupported Kubernetes version "${version}" (supported: ${supportedVersions().join(', ')})`);
  }
  return file;
}

function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\n${kind}`;
}

function buildIndex(file: ReleaseFile): ReleaseIndex {
  const all = file.kinds.map((k): KindInfo => Object.freeze({ ...k, apiVersion: formatApiVersion(k.group, k.version) }));
  const byGvk = new Map(all.map((k) => [gvkKey(k.apiVersion, k.kind), k]));
  const byLowerKind = new Map<string, KindInfo[]>();
  for (const k of all) {
    const key = k.kind.toLowerCase();
    byLowerKind.set(key, [...(byLowerKind.get(key) ?? []), k]);
  }
  return { file, all, byGvk, byLowerKind };
}

function releaseIndex(version: string): ReleaseIndex {
  let index = indexes.get(version);
  if (index === undefined) {
    index = buildIndex(releaseFile(version));
    indexes.set(version, index);
  }
  return index;
}

/** The kind `kind` of `apiVersion` in release `version`, or undefined when that release has no such kind. */
export function kindInfo(version: string, apiVersion: string, kind: string): KindInfo | undefined {
  return releaseIndex(version).byGvk.get(gvkKey(apiVersion, kind));
}

/** True/false for a known kind, undefined for an unknown one. */
export function isNamespaced(version: string, apiVersion: string, kind: string): boolean | undefined {
  return kindInfo(version, apiVersion, kind)?.namespaced;
}

/** Every kind of a release (including lists and non-creatable kinds; filter on `creatable`/`list`). */
export function allKinds(version: string): readonly KindInfo[] {
  return releaseIndex(version).all;
}

function suggestionOrder(kind: string): (a: KindInfo, b: KindInfo) => number {
  const rank = (k: KindInfo): number => (k.kind === kind ? 0 : 4) + (k.creatable ? 0 : 2) + (k.list ? 1 : 0);
  return (a, b) =>
    rank(a) - rank(b) ||
    (a.group === b.group ? 0 : a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1) ||
    compareApiVersions(a.version, b.version);
}

/**
 * All group/versions that have a kind named `kind`, matched case-insensitively; exact-case
 * matches first, then creatable kinds, core group first, preferred version first. For
 * suggestions such as "Deployment is apps/v1, not v1".
 */
export function kindsByName(version: string, kind: string): KindInfo[] {
  const found = releaseIndex(version).byLowerKind.get(kind.toLowerCase()) ?? [];
  return [...found].sort(suggestionOrder(kind));
}

// ---------------------------------------------------------------------------------------------
// Schemas and validators

const definitionCache = new Map<string, (name: string) => SchemaNode | undefined>();

function lookupFor(version: string): DefinitionLookup {
  let lookup = definitionCache.get(version);
  if (lookup === undefined) {
    const { definitions } = releaseFile(version);
    const pool = loadPool();
    lookup = (name) => (Object.hasOwn(definitions, name) ? pool[definitions[name]] : undefined);
    definitionCache.set(version, lookup);
  }
  return lookup;
}

/** The stored (strict, transformed) body of a definition such as `io.k8s.api.core.v1.Container`. Read-only. */
export function definitionSchema(version: string, definition: string): SchemaNode | undefined {
  return lookupFor(version)(definition);
}

function rootNode(definition: string): SchemaNode {
  return { $ref: `#/definitions/${definition}`, type: 'object' };
}

/**
 * The schema at `path` (e.g. `['spec', 'template', 'spec', 'containers', 0]`) inside objects of
 * the given kind, with `$ref` resolved; undefined for unknown kinds or a path outside the schema.
 * Useful keywords: `properties`, `required`, `type`, `x-kubernetes-list-map-keys`. Read-only.
 */
export function schemaAt(version: string, apiVersion: string, kind: string, path: readonly PathSegment[]): SchemaNode | undefined {
  const info = kindInfo(version, apiVersion, kind);
  return info === undefined ? undefined : nodeAt(rootNode(info.definition), path, lookupFor(version));
}

/** The API type name at `path` (`SecurityContext`), for messages; undefined for maps, scalars and unknown paths. */
export function typeNameAt(version: string, apiVersion: string, kind: string, path: readonly PathSegment[]): string | undefined {
  const info = kindInfo(version, apiVersion, kind);
  if (info === undefined) return undefined;
  const name = path.length === 0 ? info.definition : definitionNameAt(rootNode(info.definition), path, lookupFor(version));
  return name?.slice(name.lastIndexOf('.') + 1);
}

/**
 * Field names allowed at `path` (sorted), for "did you mean" suggestions; `[]` where the object
 * must be empty; undefined for unknown kinds, paths outside the schema, and free-form maps.
 */
export function propertiesAt(version: string, apiVersion: string, kind: string, path: readonly PathSegment[]): string[] | undefined {
  const node = schemaAt(version, apiVersion, kind, path);
  return node === undefined ? undefined : allowedProperties(node);
}

let ajv: Ajv | undefined;
const registeredReleases = new Set<string>();
const validators = new Map<string, ValidateFunction>();

/** The `$id` under which a release's definitions are registered with Ajv. */
export function schemaId(version: string): string {
  return `https://kubevet.dev/schemas/kubernetes/${version}.json`;
}

function ajvWithRelease(version: string): Ajv {
  if (ajv === undefined) {
    // Loaded on first use (it costs ~30 ms), so that importing this module stays cheap.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass = require('ajv').default as typeof import('ajv').default;
    // `code.optimize: false`: Ajv's code optimiser costs ~40% of the compile time of big kinds
    // (Pod: ~0.5 MB of generated code) and gains no measurable validation speed here.
    ajv = new AjvClass({ allErrors: true, strict: false, validateSchema: false, addUsedSchema: false, code: { optimize: false } });
    addKubernetesFormats(ajv);
  }
  if (!registeredReleases.has(version)) {
    const { definitions } = releaseFile(version);
    const pool = loadPool();
    const materialized = Object.fromEntries(Object.entries(definitions).map(([name, key]) => [name, pool[key]]));
    ajv.addSchema({ $id: schemaId(version), definitions: materialized });
    registeredReleases.add(version);
  }
  return ajv;
}

/**
 * A compiled validator (Ajv 8, all errors) for objects of the given kind in release `version`,
 * or undefined for an unknown kind. Compiled on first request and cached; kinds sharing a
 * definition share the validator. Error `instancePath`s are JSON Pointers from the object root.
 */
export function validatorFor(version: string, apiVersion: string, kind: string): ValidateFunction | undefined {
  const info = kindInfo(version, apiVersion, kind);
  if (info === undefined) return undefined;
  const key = `${version}\n${info.definition}`;
  let validate = validators.get(key) ?? precompiledValidator(version, info.definition);
  if (validate === undefined) {
    const instance = ajvWithRelease(version);
    validate = instance.compile({ $ref: `${schemaId(version)}#/definitions/${info.definition}`, type: 'object' });
    validators.set(key, validate);
  }
  return validate;
}

/** A validator for one definition (e.g. ObjectMeta for custom resources), compiled on first use. */
export function definitionValidator(version: string, definition: string): ValidateFunction | undefined {
  if (definitionSchema(version, definition) === undefined) return undefined;
  const key = `${version}\n${definition}`;
  let validate = validators.get(key) ?? precompiledValidator(version, definition);
  if (validate === undefined) {
    validate = ajvWithRelease(version).compile({ $ref: `${schemaId(version)}#/definitions/${definition}` });
    validators.set(key, validate);
  }
  return validate;
}

const precompiled = new Map<string, Readonly<Record<string, ValidateFunction>> | null>();

/**
 * The build step (scripts/compile-validators.ts) writes standalone validators beside the built
 * sources (dist/validators); loading them is ~10x cheaper than compiling at start-up. Missing
 * (running from TypeScript sources, or a custom schema directory) means compile at run time.
 */
function precompiledValidator(version: string, definition: string): ValidateFunction | undefined {
  if (customDataDir) return undefined;
  let module = precompiled.get(version);
  if (module === undefined) {
    const path = join(__dirname, '..', '..', 'validators', `kubernetes-${version}.js`);
    module = existsSync(path) ? loadCachedModule<Record<string, ValidateFunction>>(path) : null;
    precompiled.set(version, module);
  }
  return module?.[definition];
}

/**
 * Reads the data from another directory from now on (tests, bundles that move `schemas/`);
 * `undefined` goes back to the default lookup. Drops every cached index and validator.
 */
export function useSchemaDataDir(dir: string | undefined): void {
  setSchemaDataDir(dir);
  customDataDir = dir !== undefined;
  precompiled.clear();
  indexes.clear();
  definitionCache.clear();
  validators.clear();
  registeredReleases.clear();
  ajv = undefined;
}
