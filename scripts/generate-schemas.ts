/**
 * `npm run generate:schemas`: converts the Kubernetes OpenAPI v2 specs in
 * `../shared/k8s-openapi/<release>/swagger.json.gz` (or `$KUBEVET_SHARED_DIR/k8s-openapi`) into
 * the strict draft-07 JSON Schema data committed under `schemas/kubernetes/`:
 *
 * - `definitions.json`: one pool of transformed definition bodies keyed by content hash, shared
 *   by all releases (most definitions are identical from one release to the next);
 * - `kubernetes-<release>.json`: definition name → pool key, and the index of every
 *   group/version/kind;
 * - `index.json`: releases, file names, sha256 of each source spec;
 * - `NOTICE.md`: provenance and licence of the converted data.
 *
 * Transformation (the kubeconform `-strict` recipe, with the API server's JSON decoding rules):
 * - descriptions and most `x-kubernetes-*` extensions are dropped; list-map keys are kept;
 * - every object with `properties` (and every propertyless struct except the known free-form
 *   ones) gets `additionalProperties: false`, unless `x-kubernetes-preserve-unknown-fields: true`;
 * - `IntOrString` → integer (int32) or string; `Quantity` → number or string of format `quantity`;
 *   `Time` → string of format `date-time`, `MicroTime` → `micro-time` (six fraction digits);
 *   `JSON` → anything; the `JSONSchemaPropsOr*` unions → their real alternatives. These types
 *   accept `null`, as their Go unmarshallers do;
 * - properties not listed in `required` accept `null` (Go's decoder treats it as "unset"); to make
 *   that possible for `$ref`s, a definition body carries no top-level `type` and each reference
 *   site says `{"$ref": ..., "type": "object"}` (or `["object", "null"]`).
 *
 * The v3 specs are not needed: for these releases they hold the same property sets as v2 (the
 * shared README verified it) plus zero-value defaults, and 1.36 has no v3 copy.
 * Output is deterministic: sorted keys, one definition or kind per line, no timestamps.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { compareApiVersions } from '../src/schema/apiversion';
import { KUBERNETES_FORMATS } from '../src/schema/formats';
import { SCHEMA_DATA_FORMAT, type IndexFile, type KindRecord, type ReleaseFile, type SchemaNode } from '../src/schema/types';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../src/versions';

type Raw = Record<string, unknown>;
type Definitions = Readonly<Record<string, Raw>>;

export interface Swagger {
  readonly definitions: Definitions;
  readonly paths: Readonly<Record<string, Raw>>;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON with object keys sorted (code-unit order) at every level. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort(byCodeUnit);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Like `stableStringify`, but the outer `levels` of objects/arrays put one member per line. */
export function linedJson(value: unknown, levels: number): string {
  if (levels <= 0) return stableStringify(value);
  if (Array.isArray(value) && value.length > 0) return `[\n${value.map((v) => linedJson(v, levels - 1)).join(',\n')}\n]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort(byCodeUnit);
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${JSON.stringify(k)}:${linedJson(value[k], levels - 1)}`).join(',\n')}\n}`;
  }
  return stableStringify(value);
}

export function contentKey(body: SchemaNode): string {
  return createHash('sha256').update(stableStringify(body)).digest('hex').slice(0, 12);
}

// ---------------------------------------------------------------------------------------------
// Schema transformation

const DEF_PREFIX = '#/definitions/';
const APIEXT = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.';
const JSON_SCHEMA_PROPS_REF = `${DEF_PREFIX}${APIEXT}JSONSchemaProps`;

interface InlineType {
  /** Guards against an upstream change of meaning: the source definition must look like this. */
  readonly expect: (def: Raw) => boolean;
  readonly schema: SchemaNode;
}

const isTyplessUnion = (def: Raw): boolean => def.type === undefined && def.properties === undefined;

/**
 * Definitions with custom JSON (un)marshalling in Go, replaced by an inline schema wherever they
 * are referenced. The ones whose `type` lists `null` accept it even where the field is required.
 */
export const INLINE_TYPES: Readonly<Record<string, InlineType>> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    expect: (d) => d.type === 'string' && d.format === 'int-or-string',
    schema: { type: ['integer', 'string'], format: 'int32' },
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    expect: (d) => d.type === 'string' && d.format === undefined,
    schema: { type: ['string', 'number', 'null'], format: 'quantity' },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': {
    expect: (d) => d.type === 'string' && d.format === 'date-time',
    schema: { type: ['string', 'null'], format: 'date-time' },
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': {
    expect: (d) => d.type === 'string' && d.format === 'date-time',
    schema: { type: ['string', 'null'], format: 'micro-time' },
  },
  [`${APIEXT}JSON`]: { expect: isTyplessUnion, schema: {} },
  [`${APIEXT}JSONSchemaPropsOrArray`]: {
    expect: isTyplessUnion,
    schema: { $ref: JSON_SCHEMA_PROPS_REF, type: ['object', 'array', 'null'], items: { $ref: JSON_SCHEMA_PROPS_REF, type: 'object' } },
  },
  [`${APIEXT}JSONSchemaPropsOrBool`]: {
    expect: isTyplessUnion,
    schema: { $ref: JSON_SCHEMA_PROPS_REF, type: ['object', 'boolean', 'null'] },
  },
  [`${APIEXT}JSONSchemaPropsOrStringArray`]: {
    expect: isTyplessUnion,
    schema: { $ref: JSON_SCHEMA_PROPS_REF, type: ['object', 'array', 'null'], items: { type: 'string' } },
  },
};

/** Propertyless object definitions that really are free-form (all others are empty Go structs: closed). */
export const FREE_FORM_OBJECTS: ReadonlySet<string> = new Set([
  'io.k8s.apimachinery.pkg.runtime.RawExtension',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
]);

/** Validation keywords copied as they are (few or none occur in the built-in specs). */
const COPIED_KEYWORDS = [
  'enum', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;

/** Keywords dropped on purpose; anything else unknown stops the generator (review needed). */
const DROPPED_KEYWORDS = new Set([
  'description', 'default', 'example', 'title', 'nullable',
  'x-kubernetes-patch-strategy', 'x-kubernetes-patch-merge-key', 'x-kubernetes-map-type',
  'x-kubernetes-unions', 'x-kubernetes-group-version-kind', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
  'x-kubernetes-preserve-unknown-fields',
]);
const HANDLED_KEYWORDS = new Set(['$ref', 'type', 'format', 'properties', 'required', 'additionalProperties', 'items', ...COPIED_KEYWORDS]);

export function withNull(type: string | readonly string[], nullable: boolean): string | string[] {
  const list = typeof type === 'string' ? [type] : [...type];
  if (!nullable || list.includes('null')) return list.length === 1 ? list[0] : list;
  return [...list, 'null'];
}

interface TransformContext {
  readonly definitions: Definitions;
  /** Where we are, for error messages. */
  readonly where: string;
}

function transformRef(ref: string, nullable: boolean, ctx: TransformContext): SchemaNode {
  if (!ref.startsWith(DEF_PREFIX)) throw new Error(`${ctx.where}: unsupported $ref ${ref}`);
  const name = ref.slice(DEF_PREFIX.length);
  const target = ctx.definitions[name];
  if (target === undefined) throw new Error(`${ctx.where}: unresolved $ref ${ref}`);
  const inline = INLINE_TYPES[name];
  if (inline !== undefined) {
    const { type } = inline.schema;
    return type === undefined ? inline.schema : { ...inline.schema, type: withNull(type, nullable) };
  }
  if (target.type !== 'object') throw new Error(`${ctx.where}: $ref to non-object ${name} needs an INLINE_TYPES entry`);
  return { $ref: ref, type: withNull('object', nullable) };
}

function transformProperties(node: Raw, ctx: TransformContext): { properties: Record<string, SchemaNode>; required?: string[] } {
  const required = isStringArray(node.required) ? node.required : [];
  const source = node.properties as Raw;
  const properties: Record<string, SchemaNode> = {};
  for (const name of Object.keys(source).sort(byCodeUnit)) {
    const child = source[name];
    if (!isRecord(child)) throw new Error(`${ctx.where}.${name}: property schema is not an object`);
    properties[name] = transformNode(child, !required.includes(name), { ...ctx, where: `${ctx.where}.${name}` });
  }
  return required.length > 0 ? { properties, required: [...required].sort(byCodeUnit) } : { properties };
}

function transformedType(node: Raw, ctx: TransformContext): { type?: string | string[]; format?: string } {
  let type = node.type;
  let format = node.format;
  if (format === 'int-or-string') {
    type = ['integer', 'string'];
    format = 'int32';
  }
  if (format !== undefined && (typeof format !== 'string' || !KUBERNETES_FORMATS.includes(format))) {
    throw new Error(`${ctx.where}: unknown format ${String(format)}`);
  }
  if (type !== undefined && typeof type !== 'string' && !isStringArray(type)) throw new Error(`${ctx.where}: bad type`);
  const nullable = node.nullable === true;
  return { ...(type === undefined ? {} : { type: withNull(type, nullable) }), ...(format === undefined ? {} : { format }) };
}

function checkKeywords(node: Raw, ctx: TransformContext): void {
  for (const key of Object.keys(node)) {
    if (!HANDLED_KEYWORDS.has(key) && !DROPPED_KEYWORDS.has(key)) throw new Error(`${ctx.where}: unexpected keyword ${key}`);
  }
}

/**
 * Transforms one schema node. `nullable` adds `null` to its type (an optional property);
 * `closeEmpty` closes a propertyless object (an empty Go struct).
 */
export function transformNode(node: Raw, nullable: boolean, ctx: TransformContext, closeEmpty = false): SchemaNode {
  if (typeof node.$ref === 'string') return transformRef(node.$ref, nullable, ctx);
  checkKeywords(node, ctx);
  const out: Record<string, unknown> = {};
  const { type, format } = transformedType(node, ctx);
  if (type !== undefined) out.type = withNull(type, nullable);
  if (format !== undefined) out.format = format;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (preserve) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (isRecord(node.properties)) Object.assign(out, transformProperties(node, ctx));
  if (isRecord(node.additionalProperties)) {
    out.additionalProperties = transformNode(node.additionalProperties, false, { ...ctx, where: `${ctx.where}{}` });
  } else if (typeof node.additionalProperties === 'boolean') {
    out.additionalProperties = node.additionalProperties;
  } else if (!preserve && (out.properties !== undefined || closeEmpty)) {
    out.additionalProperties = false;
  }
  if (isRecord(node.items)) out.items = transformNode(node.items, false, { ...ctx, where: `${ctx.where}[]` });
  for (const key of COPIED_KEYWORDS) if (node[key] !== undefined) out[key] = node[key];
  const listType = node['x-kubernetes-list-type'];
  if (listType === 'map' || listType === 'set') out['x-kubernetes-list-type'] = listType;
  if (isStringArray(node['x-kubernetes-list-map-keys'])) out['x-kubernetes-list-map-keys'] = node['x-kubernetes-list-map-keys'];
  return out as SchemaNode;
}

/** True for a propertyless `type: object` definition that is an empty Go struct (so: closed). */
function isEmptyStruct(name: string, def: Raw): boolean {
  return def.type === 'object' && def.properties === undefined && def.additionalProperties === undefined &&
    def['x-kubernetes-preserve-unknown-fields'] !== true && !FREE_FORM_OBJECTS.has(name);
}

/**
 * The stored body of a definition: transformed, without its top-level `type` (reference sites and
 * validator roots carry it, so that optional references can also accept `null`).
 */
export function transformDefinition(name: string, definitions: Definitions): SchemaNode {
  const def = definitions[name];
  const inline = INLINE_TYPES[name];
  if (inline !== undefined) {
    if (!inline.expect(def)) throw new Error(`${name} changed upstream; review INLINE_TYPES`);
    return inline.schema;
  }
  if (def.type !== 'object') throw new Error(`${name}: non-object definition without an INLINE_TYPES entry`);
  const { type: _type, ...body } = transformNode(def, false, { definitions, where: name }, isEmptyStruct(name, def));
  return body;
}

// ---------------------------------------------------------------------------------------------
// Kinds index (from x-kubernetes-group-version-kind and the REST paths)

interface ParsedPath {
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly plural: string;
  readonly named: boolean;
  readonly subresource?: string;
}

const REST_PATH = /^\/(?:api|apis\/([^/]+))\/([^/]+)\/(namespaces\/\{namespace\}\/)?([^/{]+)(\/\{name\}(?:\/([^/{]+))?)?(?:\/\{path\})?\/?$/;

/** `/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale` → parts; undefined for watch/discovery paths. */
export function parseRestPath(path: string): ParsedPath | undefined {
  const m = REST_PATH.exec(path);
  if (m === null || m[4] === 'watch') return undefined;
  return {
    group: m[1] ?? '',
    version: m[2],
    namespaced: m[3] !== undefined,
    plural: m[4],
    named: m[5] !== undefined,
    ...(m[6] === undefined ? {} : { subresource: m[6] }),
  };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface GvkUsage {
  namespaced: boolean;
  creatable: boolean;
  readonly plurals: Set<string>;
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

function readGvk(value: unknown): { group: string; version: string; kind: string } | undefined {
  if (!isRecord(value)) return undefined;
  const { group, version, kind } = value;
  return typeof group === 'string' && typeof version === 'string' && typeof kind === 'string' ? { group, version, kind } : undefined;
}

/** What the REST paths say about each GVK, and the subresources of each `group/version/plural`. */
function analysePaths(paths: Swagger['paths']): { usage: Map<string, GvkUsage>; subresources: Map<string, Set<string>> } {
  const usage = new Map<string, GvkUsage>();
  const subresources = new Map<string, Set<string>>();
  for (const path of Object.keys(paths).sort(byCodeUnit)) {
    const parsed = parseRestPath(path);
    if (parsed === undefined) continue;
    const resourceKey = `${parsed.group}/${parsed.version}/${parsed.plural}`;
    if (parsed.subresource !== undefined) {
      const set = subresources.get(resourceKey) ?? new Set<string>();
      set.add(parsed.subresource);
      subresources.set(resourceKey, set);
    }
    for (const method of HTTP_METHODS) {
      const operation = paths[path][method];
      const gvk = isRecord(operation) ? readGvk(operation['x-kubernetes-group-version-kind']) : undefined;
      if (gvk === undefined) continue;
      const key = gvkKey(gvk.group, gvk.version, gvk.kind);
      const entry = usage.get(key) ?? { namespaced: false, creatable: false, plurals: new Set<string>() };
      entry.namespaced ||= parsed.namespaced;
      if (parsed.subresource === undefined) entry.plurals.add(resourceKey);
      if (method === 'post' && !parsed.named && parsed.subresource === undefined) entry.creatable = true;
      usage.set(key, entry);
    }
  }
  return { usage, subresources };
}

function isListDefinition(kind: string, def: Raw): boolean {
  const items = isRecord(def.properties) ? def.properties.items : undefined;
  return kind.endsWith('List') && isRecord(items) && items.type === 'array';
}

export function buildKinds(swagger: Swagger): KindRecord[] {
  const { usage, subresources } = analysePaths(swagger.paths);
  const drafts: Omit<KindRecord, 'servedVersions'>[] = [];
  const seen = new Map<string, string>();
  for (const definition of Object.keys(swagger.definitions).sort(byCodeUnit)) {
    const def = swagger.definitions[definition];
    const gvks = Array.isArray(def['x-kubernetes-group-version-kind']) ? def['x-kubernetes-group-version-kind'] : [];
    for (const raw of gvks) {
      const gvk = readGvk(raw);
      if (gvk === undefined) throw new Error(`${definition}: malformed x-kubernetes-group-version-kind`);
      const key = gvkKey(gvk.group, gvk.version, gvk.kind);
      const previous = seen.get(key);
      if (previous !== undefined) throw new Error(`${key} is defined by both ${previous} and ${definition}`);
      seen.set(key, definition);
      const use = usage.get(key);
      const plurals = [...(use?.plurals ?? [])];
      if (plurals.length > 1) throw new Error(`${key} is served under several resources: ${plurals.join(', ')}`);
      const resource = plurals[0];
      const subs = resource === undefined ? [] : [...(subresources.get(resource) ?? [])].sort(byCodeUnit);
      drafts.push({
        ...gvk,
        definition,
        namespaced: use?.namespaced ?? false,
        ...(resource === undefined ? {} : { plural: resource.slice(resource.lastIndexOf('/') + 1) }),
        ...(subs.length > 0 ? { subresources: subs } : {}),
        creatable: use?.creatable ?? false,
        list: resource === undefined && isListDefinition(gvk.kind, def),
      });
    }
  }
  const served = new Map<string, string[]>();
  for (const d of drafts) {
    if (d.plural === undefined) continue;
    const key = `${d.group}/${d.kind}`;
    served.set(key, [...(served.get(key) ?? []), d.version]);
  }
  for (const versions of served.values()) versions.sort(compareApiVersions);
  return drafts
    .map((d) => ({ ...d, servedVersions: served.get(`${d.group}/${d.list ? d.kind.slice(0, -'List'.length) : d.kind}`) ?? [] }))
    .sort((a, b) => byCodeUnit(a.group, b.group) || byCodeUnit(a.kind, b.kind) || compareApiVersions(a.version, b.version));
}

// ---------------------------------------------------------------------------------------------
// Whole output

export interface ReleaseInput {
  readonly release: string;
  readonly swagger: Swagger;
  readonly sha256: string;
}

export const POOL_FILE = 'definitions.json';
export const INDEX_FILE = 'index.json';
export const NOTICE_FILE = 'NOTICE.md';
export const releaseFileName = (release: string): string => `kubernetes-${release}.json`;

function notice(inputs: readonly ReleaseInput[]): string {
  const rows = inputs.map((i) => `| ${i.release} | \`release-${i.release}\` | \`${i.sha256}\` |`);
  return [
    '# Kubernetes API schemas: provenance and licence',
    '',
    'The JSON files in this directory are generated by `npm run generate:schemas`',
    '(`scripts/generate-schemas.ts`); do not edit them by hand.',
    '',
    'They are derived from the OpenAPI v2 description of the Kubernetes API',
    '(`api/openapi-spec/swagger.json` in kubernetes/kubernetes, as published in',
    'kubernetes-client/python as `kubernetes/swagger.json.unprocessed`),',
    'Copyright The Kubernetes Authors, licensed under the Apache License, Version 2.0',
    '(http://www.apache.org/licenses/LICENSE-2.0).',
    '',
    '| Kubernetes | branch | sha256 of the source swagger.json |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'Changes made: converted to draft-07 JSON Schema; descriptions and most `x-kubernetes-*`',
    'extensions removed; objects closed with `additionalProperties: false`; IntOrString, Quantity,',
    'Time and the apiextensions JSON types replaced by equivalent schemas; optional fields made',
    'nullable; identical definitions of different releases stored once; an index of kinds added.',
    '',
  ].join('\n');
}

/** Every output file (name → content), from the parsed specs. Pure. */
export function buildOutput(inputs: readonly ReleaseInput[]): Map<string, string> {
  const pool = new Map<string, SchemaNode>();
  const files = new Map<string, string>();
  for (const { release, swagger } of inputs) {
    const definitions: Record<string, string> = {};
    for (const name of Object.keys(swagger.definitions).sort(byCodeUnit)) {
      const body = transformDefinition(name, swagger.definitions);
      const key = contentKey(body);
      const existing = pool.get(key);
      if (existing !== undefined && stableStringify(existing) !== stableStringify(body)) throw new Error(`content key collision ${key}`);
      pool.set(key, body);
      definitions[name] = key;
    }
    const file: ReleaseFile = { format: SCHEMA_DATA_FORMAT, release, definitions, kinds: buildKinds(swagger) };
    files.set(releaseFileName(release), `${linedJson(file, 2)}\n`);
  }
  files.set(POOL_FILE, `${linedJson(Object.fromEntries(pool), 1)}\n`);
  const index: IndexFile = {
    format: SCHEMA_DATA_FORMAT,
    releases: inputs.map((i) => i.release),
    files: { pool: POOL_FILE, releases: Object.fromEntries(inputs.map((i) => [i.release, releaseFileName(i.release)])) },
    sources: Object.fromEntries(inputs.map((i) => [i.release, { file: 'swagger.json', sha256: i.sha256 }])),
  };
  files.set(INDEX_FILE, `${linedJson(index, 3)}\n`);
  files.set(NOTICE_FILE, notice(inputs));
  return files;
}

/** Reads `<openapiDir>/<release>/swagger.json.gz` and checks it against `SHA256SUMS`. */
export function readRelease(openapiDir: string, release: string): ReleaseInput {
  const dir = join(openapiDir, release);
  const bytes = gunzipSync(readFileSync(join(dir, 'swagger.json.gz')));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sums = join(dir, 'SHA256SUMS');
  if (existsSync(sums)) {
    const line = readFileSync(sums, 'utf8').split('\n').find((l) => /\sswagger\.json$/.test(l));
    if (line !== undefined && line.split(/\s+/)[0] !== sha256) throw new Error(`${dir}/swagger.json.gz does not match SHA256SUMS`);
  }
  const parsed: unknown = JSON.parse(bytes.toString('utf8'));
  if (!isRecord(parsed) || !isRecord(parsed.definitions) || !isRecord(parsed.paths)) throw new Error(`${dir}: not a swagger 2.0 document`);
  return { release, swagger: parsed as unknown as Swagger, sha256 };
}

export interface GenerateOptions {
  /** The `k8s-openapi` directory of the shared data. */
  readonly openapiDir: string;
  readonly outDir: string;
  readonly releases?: readonly string[];
}

export interface GenerateResult {
  readonly files: ReadonlyMap<string, string>;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

/** Generates into `outDir`, removing generated files of releases no longer produced. */
export function generateSchemas(options: GenerateOptions): GenerateResult {
  const releases = options.releases ?? SUPPORTED_KUBERNETES_VERSIONS;
  const files = buildOutput(releases.map((r) => readRelease(options.openapiDir, r)));
  mkdirSync(options.outDir, { recursive: true });
  for (const name of readdirSync(options.outDir)) {
    if (!files.has(name) && /^kubernetes-.*\.json$/.test(name)) rmSync(join(options.outDir, name));
  }
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const [name, content] of files) {
    writeFileSync(join(options.outDir, name), content);
    rawBytes += Buffer.byteLength(content);
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, rawBytes, gzipBytes };
}

function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function main(): void {
  const root = repositoryRoot();
  const shared = process.env.KUBEVET_SHARED_DIR ?? resolve(root, '..', 'shared');
  const outDir = join(root, 'schemas', 'kubernetes');
  const started = Date.now();
  const result = generateSchemas({ openapiDir: join(shared, 'k8s-openapi'), outDir });
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
  for (const [name, content] of result.files) console.log(`  ${name.padEnd(24)} ${kb(Buffer.byteLength(content)).padStart(11)}`);
  console.log(`wrote ${result.files.size} files to ${outDir}: ${kb(result.rawBytes)} raw, ${kb(result.gzipBytes)} gzipped (${Date.now() - started} ms)`);
}

if (require.main === module) main();
