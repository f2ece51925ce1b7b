/**
 * Reading rule files: parsed with the manifest loader (so every key and value has a position),
 * validated against schemas/rule.schema.json, and every problem reported as a ConfigError
 * `file:line:col: what is wrong`, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, packageSchema, validateAgainstSchema } from '../engine/config';
import type { JsonSchema } from '../engine/rule';
import { loadText, type LoadedDocument } from '../load';
import { SourceText } from '../load/source';
import { documentRange } from '../model/object';
import { isRecord, type Segment } from '../model/path';
import { CATEGORIES } from '../types';

export interface RuleDefinition {
  id: string;
  /** Display path of the rule file. */
  file: string;
  /** Line of the rule's `id`. */
  line: number;
  /** The rule as plain data, validated against the rule schema. */
  body: Record<string, unknown>;
  /** A ConfigError positioned at a path inside this rule's document. */
  errorAt(path: Segment[], message: string): ConfigError;
}

export function ruleFileSchema(): JsonSchema {
  return packageSchema('rule.schema.json');
}

/** Reads every rule of a file; throws ConfigError. */
export function readRuleFile(absolute: string, display: string): RuleDefinition[] {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the rule file ${display}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseRuleText(new SourceText(display, text));
}

export function parseRuleText(source: SourceText): RuleDefinition[] {
  const loaded = loadText(source);
  const fatal = loaded.problems.find((p) => p.ruleId !== 'yaml/implicit-type');
  if (fatal !== undefined) throw new ConfigError(`${source.file}:${fatal.range.line}:${fatal.range.column}: ${fatal.message}`);
  if (loaded.documents.length === 0) throw new ConfigError(`${source.file}: the rule file is empty`);
  return loaded.documents.map((document) => parseRuleDocument(document));
}

function parseRuleDocument(document: LoadedDocument): RuleDefinition {
  const errorAt = (path: Segment[], message: string): ConfigError => {
    const range = documentRange(document, path, 'key');
    return new ConfigError(`${document.source.file}:${range.line}:${range.column}: ${message}`);
  };
  const body = JSON.parse(JSON.stringify(document.value)) as unknown;
  if (!isRecord(body)) throw errorAt([], 'a rule must be a mapping with id, category, description, target and assert or schema');
  if (body.assert === undefined && body.schema === undefined) {
    throw errorAt(body.target === undefined ? [] : ['target'], 'the rule has no condition: add `assert` (checks with operators such as exists, equals, matches) or `schema` (a JSON Schema the target must satisfy)');
  }
  validateAgainstSchema(body, ruleFileSchema(), errorAt, 'rule', {});
  const id = body.id as string;
  const owner = id.slice(0, id.indexOf('/'));
  if ((CATEGORIES as readonly string[]).includes(owner)) {
    throw errorAt(['id'], `\`${owner}/\` is a built-in category; custom rule ids start with your own name, such as acme/${id.slice(owner.length + 1)}`);
  }
  return { id, file: document.source.file, line: documentRange(document, ['id']).line, body, errorAt };
}
