/**
 * `schema` conditions: the target must satisfy a JSON Schema (draft-07 by default; 2019-09 and
 * 2020-12 with `$schema`), validated with Ajv in strict mode so a misspelt keyword is a loading
 * error, not a check that never fails. Extra keywords: `quantityMinimum`/`quantityMaximum`
 * (Kubernetes quantities; Polaris's `resourceMinimum`/`resourceMaximum` are accepted as the
 * same), and `const: "{{ .object.metadata.name }}"`, a value from the checked object. Every
 * `pattern` runs on the linear-time regex engine (see regex.ts).
 */
import type AjvCore from 'ajv/dist/core';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseQuantity } from '../data/quantity';
import { isRecord, pointerToPath, type Segment } from '../model/path';
import { suggest } from '../util/suggest';
import { compareQuantity, type Scope, type Violation } from './operators';
import { compileSafeRegex } from './regex';
import { deepEqual, showList, showValue } from './show';
import { hasPlaceholder, parseTemplate, resolvePlaceholder, TARGET_ROOTS, wholePlaceholder, type Placeholder } from './template';

const RUNTIME_CONST = 'kubevetConstFromObject';
const QUANTITY_KEYWORDS: Readonly<Record<string, 'minimum' | 'maximum'>> = {
  quantityMinimum: 'minimum',
  quantityMaximum: 'maximum',
  resourceMinimum: 'minimum',
  resourceMaximum: 'maximum',
};

/** A schema problem found while loading, with the path inside the schema it concerns. */
export class SchemaDefinitionError extends Error {
  constructor(
    readonly path: Segment[],
    message: string,
  ) {
    super(message);
  }
}

type Draft = 'draft-07' | '2019-09' | '2020-12';
const DRAFTS: Readonly<Record<string, Draft>> = {
  'http://json-schema.org/draft-07/schema': 'draft-07',
  'https://json-schema.org/draft-07/schema': 'draft-07',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
};

/** The scope of the target being validated, read by the keywords that need it (validation is synchronous). */
let currentScope: Scope = {};
const ajvs = new Map<Draft, AjvCore>();

function ajvFor(draft: Draft): AjvCore {
  let ajv = ajvs.get(draft);
  if (ajv !== undefined) return ajv;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when a rule has a schema */
  const Ajv = (draft === '2020-12' ? require('ajv/dist/2020').default : draft === '2019-09' ? require('ajv/dist/2019').default : require('ajv').default) as typeof AjvCore;
  const addFormats = require('ajv-formats').default as (ajv: AjvCore) => void;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const engine = Object.assign(
    (pattern: string) => {
      const safe = compileSafeRegex(pattern);
      return { test: (s: string) => safe.test(s) === true, toString: () => `/${pattern}/` };
    },
    { code: 'kubevetSafeRegExp' },
  );
  ajv = new (Ajv as unknown as new (options: object) => AjvCore)({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    unicodeRegExp: false,
    logger: false,
    code: { regExp: engine },
  });
  addFormats(ajv);
  for (const [keyword, kind] of Object.entries(QUANTITY_KEYWORDS)) {
    ajv.addKeyword({
      keyword,
      schemaType: ['string', 'number'],
      errors: true,
      compile(bound: string | number) {
        const parsed = parseQuantity(bound);
        if (!parsed.ok) throw new Error(`${keyword}: ${showValue(bound)} is not a quantity: it ${parsed.reason}`);
        const limit = { q: parsed.quantity, text: String(bound) };
        const validate = (data: unknown): boolean => {
          const phrase = compareQuantity(kind, data, limit);
          validate.errors = phrase === undefined ? [] : [{ keyword, message: phrase, params: { limit: bound } }];
          return phrase === undefined;
        };
        validate.errors = [] as Partial<ErrorObject>[];
        return validate;
      },
    });
  }
  ajv.addKeyword({
    keyword: RUNTIME_CONST,
    schemaType: 'string',
    errors: true,
    compile(text: string) {
      const placeholder = wholePlaceholder(parseTemplate(text, TARGET_ROOTS)) as Placeholder;
      const validate = (data: unknown): boolean => {
        const expected = resolvePlaceholder(placeholder, currentScope);
        const ok = deepEqual(data, expected);
        validate.errors = ok ? [] : [{ keyword: RUNTIME_CONST, message: `is ${showValue(data)}, expected ${showValue(expected)} (${placeholder.text})`, params: { placeholder: text } }];
        return ok;
      };
      validate.errors = [] as Partial<ErrorObject>[];
      return validate;
    },
  });
  ajvs.set(draft, ajv);
  return ajv;
}

export interface CompiledSchema {
  validate(target: unknown, scope: Scope): Violation[];
}

/** Compiles a `schema` condition (parameters already filled in); throws SchemaDefinitionError. */
export function compileConditionSchema(schema: unknown): CompiledSchema {
  if (typeof schema === 'boolean') return { validate: (target) => (schema ? [] : [{ path: [], value: target, phrase: 'is not allowed (the schema is `false`)' }]) };
  if (!isRecord(schema)) throw new SchemaDefinitionError([], '`schema` must be a JSON Schema (a mapping)');
  const declared = schema.$schema;
  let draft: Draft = 'draft-07';
  if (declared !== undefined) {
    const known = typeof declared === 'string' ? DRAFTS[declared.replace(/#$/, '')] : undefined;
    if (known === undefined) throw new SchemaDefinitionError(['$schema'], `unsupported \`$schema\` ${showValue(declared)}; use draft-07, 2019-09 or 2020-12 (or leave it out for draft-07)`);
    draft = known;
  }
  const prepared = withRuntimeConst(schema, []) as Record<string, unknown>;
  delete prepared.$schema;
  const ajv = ajvFor(draft);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(prepared);
  } catch (error) {
    throw explainCompileError(error as Error, schema);
  }
  return {
    validate(target, scope) {
      currentScope = scope;
      try {
        if (validate(target)) return [];
        return violations((validate.errors ?? []) as ErrorObject[], target);
      } finally {
        currentScope = {};
      }
    },
  };
}

/** `const: "{{ .object.… }}"` becomes the runtime keyword; other object placeholders are refused. */
function withRuntimeConst(node: unknown, path: Segment[]): unknown {
  if (Array.isArray(node)) return node.map((item, i) => withRuntimeConst(item, [...path, i]));
  if (!isRecord(node)) {
    if (typeof node === 'string' && hasPlaceholder(node)) {
      throw new SchemaDefinitionError(path, 'a schema can refer to the checked object only as the whole value of `const` (`const: "{{ .object.metadata.name }}"`); use an `assert` check with `equals` otherwise');
    }
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'const' && typeof value === 'string' && hasPlaceholder(value)) {
      let whole: Placeholder | undefined;
      try {
        whole = wholePlaceholder(parseTemplate(value, TARGET_ROOTS));
      } catch (error) {
        throw new SchemaDefinitionError([...path, key], (error as Error).message);
      }
      if (whole === undefined) throw new SchemaDefinitionError([...path, key], '`const` with a placeholder must be exactly one placeholder, such as "{{ .object.metadata.name }}"');
      out[RUNTIME_CONST] = value;
    } else {
      out[key] = withRuntimeConst(value, [...path, key]);
    }
  }
  return out;
}

/** Ajv's compile errors, located in the schema and with a suggestion for misspelt keywords. */
function explainCompileError(error: Error, schema: Record<string, unknown>): SchemaDefinitionError {
  const unknown = /unknown keyword: "([^"]+)"/.exec(error.message);
  if (unknown !== null) {
    const path = findKey(schema, unknown[1]) ?? [];
    const guess = suggest(unknown[1], KNOWN_KEYWORDS);
    return new SchemaDefinitionError(path, `unknown JSON Schema keyword \`${unknown[1]}\`${guess === undefined ? '' : `; did you mean \`${guess}\`?`}`);
  }
  const format = /unknown format "([^"]+)"/.exec(error.message);
  if (format !== null) return new SchemaDefinitionError(findValue(schema, 'format', format[1]) ?? [], `unknown format "${format[1]}"`);
  return new SchemaDefinitionError([], `invalid JSON Schema: ${error.message.replace(/^schema is invalid: /, '')}`);
}

const KNOWN_KEYWORDS = [
  'type', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'enum', 'const', 'pattern', 'patternProperties', 'propertyNames',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'contains',
  'minProperties', 'maxProperties', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'format', 'dependentRequired', 'description', 'title',
  'default', 'examples', 'multipleOf', '$ref', '$defs', 'definitions', ...Object.keys(QUANTITY_KEYWORDS),
];

function findKey(node: unknown, key: string, path: Segment[] = []): Segment[] | undefined {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const found = findKey(node[i], key, [...path, i]);
      if (found !== undefined) return found;
    }
  } else if (isRecord(node)) {
    if (Object.prototype.hasOwnProperty.call(node, key)) return [...path, key];
    for (const [k, v] of Object.entries(node)) {
      const found = findKey(v, key, [...path, k]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function findValue(node: unknown, key: string, value: unknown, path: Segment[] = []): Segment[] | undefined {
  if (Array.isArray(node)) return node.map((item, i) => findValue(item, key, value, [...path, i])).find((p) => p !== undefined);
  if (!isRecord(node)) return undefined;
  if (node[key] === value) return [...path, key];
  for (const [k, v] of Object.entries(node)) {
    const found = findValue(v, key, value, [...path, k]);
    if (found !== undefined) return found;
  }
  return undefined;
}

const COMPOSITE = new Set(['anyOf', 'oneOf', 'if']);

/** Ajv errors as violations: the deepest, concrete ones, one per place. */
function violations(errors: ErrorObject[], target: unknown): Violation[] {
  const concrete = errors.filter((e) => !COMPOSITE.has(e.keyword));
  const pool = concrete.length > 0 ? concrete : errors;
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const error of pool) {
    const path = pointerToPath(target, error.instancePath);
    const value = valueAt(target, path);
    let phrase: string;
    switch (error.keyword) {
      case 'required':
        path.push(String(error.params.missingProperty));
        phrase = 'is missing';
        break;
      case 'additionalProperties':
        path.push(String(error.params.additionalProperty));
        phrase = 'is not allowed here';
        break;
      case 'const':
        phrase = `is ${showValue(value)}, expected ${showValue(error.params.allowedValue)}`;
        break;
      case 'enum':
        phrase = `is ${showValue(value)}, expected one of ${showList(error.params.allowedValues as unknown[])}`;
        break;
      case 'pattern':
        phrase = `is ${showValue(value)}, which does not match \`${String(error.params.pattern)}\``;
        break;
      case 'not':
        phrase = `is ${showValue(value)}, which the rule does not allow`;
        break;
      default:
        phrase = error.keyword === RUNTIME_CONST || error.keyword in QUANTITY_KEYWORDS ? (error.message ?? 'is invalid') : `is ${showValue(value)}, but ${error.message ?? 'is invalid'}`;
    }
    const key = JSON.stringify(path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, value: error.keyword === 'required' ? undefined : valueAt(target, path), phrase, ...(error.keyword === 'additionalProperties' ? { atKey: true } : {}) });
  }
  return out;
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
