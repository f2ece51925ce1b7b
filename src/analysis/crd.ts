/**
 * CustomResourceDefinitions of a run (and from --crd) turned into strict validators for their
 * custom resources, per served version, following the API server's structural-schema rules:
 * `nullable`, `x-kubernetes-int-or-string`, `x-kubernetes-preserve-unknown-fields`, unknown
 * fields rejected elsewhere. Patterns written for Go's RE2 that JavaScript cannot compile are
 * dropped (and reported), never a crash. CEL rules (`x-kubernetes-validations`) are not evaluated.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { KubeObject } from '../model/object';
import { isRecord } from '../model/path';

export interface CrdVersion {
  name: string;
  served: boolean;
  /** The schema as written (openAPIV3Schema), or undefined when the CRD gives none. */
  schema: Record<string, unknown> | undefined;
}

export interface CrdInfo {
  group: string;
  kind: string;
  plural: string | undefined;
  namespaced: boolean;
  versions: CrdVersion[];
  source: KubeObject;
}

export interface CompiledCrdSchema {
  validate: ValidateFunction | undefined;
  /** Why parts of the schema were not used (unsupported regex, …). */
  notes: string[];
  /** The transformed schema, for "did you mean" lookups. */
  schema: Record<string, unknown>;
}

export class CrdRegistry {
  private readonly byGroupKind = new Map<string, CrdInfo>();
  private readonly compiled = new Map<string, CompiledCrdSchema>();
  /** One compiler for every CRD of the run: identical parts of their schemas are compiled once. */
  private readonly compiler = new SharedCompiler();

  constructor(crdObjects: readonly KubeObject[]) {
    for (const object of crdObjects) {
      const info = crdInfo(object);
      if (info !== undefined && !this.byGroupKind.has(key(info.group, info.kind))) this.byGroupKind.set(key(info.group, info.kind), info);
    }
  }

  get size(): number {
    return this.byGroupKind.size;
  }

  find(group: string, kind: string): CrdInfo | undefined {
    return this.byGroupKind.get(key(group, kind));
  }

  /** Kinds defined for a group (for suggestions). */
  kindsOf(group: string): string[] {
    return [...this.byGroupKind.values()].filter((c) => c.group === group).map((c) => c.kind);
  }

  compiledSchema(info: CrdInfo, version: CrdVersion): CompiledCrdSchema | undefined {
    if (version.schema === undefined) return undefined;
    const cacheKey = `${key(info.group, info.kind)}/${version.name}`;
    let compiled = this.compiled.get(cacheKey);
    if (compiled === undefined) {
      compiled = compileCrdSchema(version.schema, this.compiler);
      this.compiled.set(cacheKey, compiled);
    }
    return compiled;
  }
}

function key(group: string, kind: string): string {
  return `${group}/${kind}`;
}

export function crdInfo(object: KubeObject): CrdInfo | undefined {
  if (object.kind !== 'CustomResourceDefinition' || object.group !== 'apiextensions.k8s.io') return undefined;
  const spec = object.raw.spec;
  if (!isRecord(spec) || typeof spec.group !== 'string' || !isRecord(spec.names) || typeof spec.names.kind !== 'string') return undefined;
  const versions: CrdVersion[] = [];
  const legacySchema = isRecord(spec.validation) && isRecord(spec.validation.openAPIV3Schema) ? spec.validation.openAPIV3Schema : undefined;
  if (Array.isArray(spec.versions)) {
    for (const v of spec.versions) {
      if (!isRecord(v) || typeof v.name !== 'string') continue;
      const schema = isRecord(v.schema) && isRecord(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : legacySchema;
      versions.push({ name: v.name, served: v.served !== false, schema });
    }
  } else if (typeof spec.version === 'string') {
    versions.push({ name: spec.version, served: true, schema: legacySchema });
  }
  return {
    group: spec.group,
    kind: spec.names.kind,
    plural: typeof spec.names.plural === 'string' ? spec.names.plural : undefined,
    namespaced: spec.scope !== 'Cluster',
    versions,
    source: object,
  };
}

const ROOT_FIELDS = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } };

/** What parts of a schema kubevet cannot check (untranslatable patterns), without compiling it. */
export function crdSchemaNotes(schema: Record<string, unknown>): string[] {
  const notes: string[] = [];
  transform(schema, true, notes, new Set(), 0);
  return notes;
}

/**
 * A structural schema as Ajv sees it; never throws. With a shared compiler (a registry's),
 * parts that repeat within the schema or across the run's CRDs are compiled once.
 */
export function compileCrdSchema(schema: Record<string, unknown>, shared?: SharedCompiler): CompiledCrdSchema {
  const notes: string[] = [];
  const formats = new Set<string>();
  const transformed = transform(schema, true, notes, formats, 0) as Record<string, unknown>;
  const validate = shared?.compile(transformed, formats);
  if (validate !== undefined) return { validate, notes, schema: transformed };
  try {
    const ajv = newAjv(false);
    for (const format of formats) ajv.addFormat(format, KNOWN_FORMATS[format] ?? true);
    return { validate: ajv.compile(transformed), notes, schema: transformed };
  } catch (error) {
    notes.push(`the schema could not be compiled (${(error as Error).message.split('\n')[0]})`);
    return { validate: undefined, notes, schema: transformed };
  }
}

function newAjv(inlineRefs: boolean): import('ajv').default {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default as typeof import('ajv').default;
  return new Ajv({ allErrors: true, strict: false, validateSchema: false, inlineRefs, code: { optimize: false } });
}

/** Subschemas at least this long (as JSON) are compiled once and referenced; smaller ones are cheaper inline. */
const SHARED_MIN_LENGTH = 128;

/**
 * Compiles CRD schemas with one Ajv instance: every large subschema becomes a schema of its own,
 * named after its content and compiled once, and the places that hold it refer to it. CRDs repeat
 * big parts (pod templates, affinity, label selectors) within one schema and across CRDs, and
 * compiling was most of a run over real-world CRDs. Subschemas are compared as JSON with their
 * keys in written order, so a shared part validates in the same order, with the same errors.
 */
export class SharedCompiler {
  private ajv: import('ajv').default | undefined;
  private readonly ids = new Map<string, string>();
  private readonly formats = new Set<string>();

  /** The validator, or undefined when the schema cannot take this path (the caller compiles it alone). */
  compile(schema: Record<string, unknown>, formats: ReadonlySet<string>): ValidateFunction | undefined {
    if (!shareable(schema)) return undefined;
    try {
      this.ajv ??= newAjv(false);
      for (const format of formats) {
        if (this.formats.has(format)) continue;
        this.ajv.addFormat(format, KNOWN_FORMATS[format] ?? true);
        this.formats.add(format);
      }
      return this.ajv.compile(this.withReferences(schema, true).schema as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }

  /** The schema with its large subschemas replaced by references (registering them), and its JSON. */
  private withReferences(node: unknown, root: boolean): { schema: unknown; json: string } {
    if (!isRecord(node)) return { schema: node, json: JSON.stringify(node) ?? 'null' };
    const out: Record<string, unknown> = {};
    const parts: string[] = [];
    for (const [k, v] of Object.entries(node)) {
      let child: { schema: unknown; json: string };
      if ((k === 'properties' || k === 'patternProperties') && isRecord(v)) {
        const props: Record<string, unknown> = {};
        const inner: string[] = [];
        for (const [name, sub] of Object.entries(v)) {
          const c = this.withReferences(sub, false);
          props[name] = c.schema;
          inner.push(`${JSON.stringify(name)}:${c.json}`);
        }
        child = { schema: props, json: `{${inner.join(',')}}` };
      } else if ((k === 'items' || k === 'additionalProperties' || k === 'not') && isRecord(v)) {
        child = this.withReferences(v, false);
      } else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
        const items = v.map((sub) => this.withReferences(sub, false));
        child = { schema: items.map((c) => c.schema), json: `[${items.map((c) => c.json).join(',')}]` };
      } else {
        child = { schema: v, json: JSON.stringify(v) ?? 'null' };
      }
      out[k] = child.schema;
      parts.push(`${JSON.stringify(k)}:${child.json}`);
    }
    const json = `{${parts.join(',')}}`;
    if (root || json.length < SHARED_MIN_LENGTH) return { schema: out, json };
    let id = this.ids.get(json);
    if (id === undefined) {
      id = `https://kubevet.dev/crd-parts/${this.ids.size}`;
      (this.ajv as import('ajv').default).addSchema({ ...out, $id: id });
      this.ids.set(json, id);
    }
    return { schema: { $ref: id }, json };
  }
}

/** Schemas with their own identifiers or references keep their meaning only where they are written. */
function shareable(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(shareable);
  if (!isRecord(node)) return true;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' || k === '$ref' || k === 'id' || k === '$schema' || k === 'definitions' || k === '$defs' || k === 'dependencies' || k === 'additionalItems' || k === 'if') return false;
    if ((k === 'properties' || k === 'patternProperties') && isRecord(v)) {
      if (!Object.values(v).every(shareable)) return false;
    } else if ((k === 'items' || k === 'additionalProperties' || k === 'not' || k === 'allOf' || k === 'anyOf' || k === 'oneOf') && !shareable(v)) {
      return false;
    }
  }
  return true;
}

const KNOWN_FORMATS: Record<string, RegExp | true> = {
  'int-or-string': true,
  int32: true,
  int64: true,
  float: true,
  double: true,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/,
  uuid: /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/,
};

/**
 * The API server's structural-schema semantics as plain JSON Schema: unknown fields rejected
 * where `properties` are declared (pruning would drop them; strict field validation rejects),
 * `nullable` adds null, int-or-string accepts both.
 */
function transform(node: unknown, root: boolean, notes: string[], formats: Set<string>, depth: number): unknown {
  if (!isRecord(node) || depth > 200) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-kubernetes-') || k === 'default' || k === 'example' || k === 'description' || k === 'nullable' || k === 'externalDocs') continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = isRecord(v) ? Object.fromEntries(Object.entries(v).map(([name, child]) => [name, transform(child, false, notes, formats, depth + 1)])) : v;
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'boolean' ? v : transform(v, false, notes, formats, depth + 1);
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = Array.isArray(v) ? v.map((child) => transform(child, false, notes, formats, depth + 1)) : v;
    } else if (k === 'pattern' && typeof v === 'string') {
      const pattern = translatePattern(v);
      if (pattern === undefined) notes.push(`the pattern ${JSON.stringify(v)} uses Go regular-expression syntax JavaScript cannot run, so it is not checked`);
      else out[k] = pattern;
    } else if (k === 'format' && typeof v === 'string') {
      formats.add(v);
      out[k] = v;
    } else {
      out[k] = v;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.type = ['integer', 'string'];
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (root) {
    out.properties = { ...ROOT_FIELDS, ...(isRecord(out.properties) ? out.properties : {}) };
    // metadata is ObjectMeta whatever the CRD says; the built-in rules check it.
    (out.properties as Record<string, unknown>).metadata = { type: 'object' };
  }
  if (isRecord(out.properties) && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  return out;
}

/**
 * Go RE2 → JavaScript: a leading `(?i)` (also after `^`) becomes case-insensitive letter classes,
 * since Ajv takes no per-pattern flags; anything else JavaScript cannot compile is dropped.
 */
export function translatePattern(pattern: string): string | undefined {
  let source = pattern;
  if (source.startsWith('(?i)')) source = caseInsensitive(source.slice(4));
  else if (source.startsWith('^(?i)')) source = `^${caseInsensitive(source.slice(5))}`;
  try {
    new RegExp(source, 'u');
    return source;
  } catch {
    return undefined;
  }
}

/** Rewrites letters as [xX] classes outside existing classes and escapes (Ajv has no flags per pattern). */
function caseInsensitive(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === ']') {
      inClass = false;
      out += c;
    } else if (!inClass && /[a-z]/i.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    } else {
      out += c;
    }
  }
  return out;
}

export type { ErrorObject };
