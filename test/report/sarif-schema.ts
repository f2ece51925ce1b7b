/**
 * The SARIF 2.1.0 schema GitHub code scanning validates uploads against, from ../shared, patched
 * in memory for the two quirks listed in ../shared/sarif/README.md, compiled with Ajv 2020-12.
 */
import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { sharedPath } from '../helpers/shared';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const LANGUAGE_PATTERN = '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$';

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function child(v: Json | undefined, key: string): JsonObject {
  if (!isObject(v) || !isObject(v[key])) throw new Error(`SARIF schema: missing object ${key}`);
  return v[key];
}

/** Every `pattern` keyword value anywhere in the schema. */
function patterns(v: Json): string[] {
  if (Array.isArray(v)) return v.flatMap(patterns);
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => (k === 'pattern' && typeof x === 'string' ? [x] : patterns(x)));
}

/** Quirk 1: `(?i)` inline flags are not JavaScript regex syntax (`language` patterns). */
function patchLanguagePatterns(schema: JsonObject): void {
  for (const def of Object.values(child(schema, 'definitions'))) {
    if (!isObject(def) || !isObject(def.properties)) continue;
    const language = def.properties.language;
    if (isObject(language) && typeof language.pattern === 'string' && language.pattern.includes('(?i)')) {
      language.pattern = LANGUAGE_PATTERN;
    }
  }
}

/** Quirk 2: `region`'s own `anyOf` (startLine | charOffset | byteOffset) sits under `properties`. */
function patchRegionAnyOf(schema: JsonObject): void {
  const region = child(child(schema, 'definitions'), 'region');
  const props = child(region, 'properties');
  if (Array.isArray(props.anyOf)) {
    region.anyOf = props.anyOf;
    delete props.anyOf;
  }
}

export function loadSarifSchema(): JsonObject {
  const parsed = JSON.parse(readFileSync(sharedPath('sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Json;
  if (!isObject(parsed)) throw new Error('SARIF schema is not an object');
  patchLanguagePatterns(parsed);
  patchRegionAnyOf(parsed);
  const leftover = patterns(parsed).filter((p) => p.includes('(?'));
  if (leftover.length > 0) throw new Error(`SARIF schema: unsupported regex syntax left: ${leftover.join(', ')}`);
  return parsed;
}

/** Ajv defaults (strict schema keywords); `strictRequired` stays off: the schema uses `anyOf: [{required: [x]}]` on properties declared one level up. */
export function compileSarifSchema(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(loadSarifSchema());
}
