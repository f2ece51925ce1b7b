/**
 * Placeholders in rule files: `{{ .params.registries }}`, `{{ .object.metadata.name }}`,
 * `{{ .value }}` (the leading dot is optional). A string that is exactly one placeholder stands
 * for the value itself (a list stays a list, a number a number); placeholders inside longer text
 * are rendered as text. Parameters are filled in when the rule is loaded; the other roots are
 * resolved for each checked object.
 */
import { isRecord, type Segment } from '../model/path';
import { suggest } from '../util/suggest';
import { parseFieldPath, PathSyntaxError, valueAt } from './path';

export interface Placeholder {
  root: string;
  path: Segment[];
  /** As written, for messages. */
  text: string;
}

export type TemplatePart = string | Placeholder;

export class TemplateError extends Error {}

/** Roots available when a rule is loaded. */
export const LOAD_ROOTS = ['params'] as const;
/** Roots available for each checked target (operands and schema `const`). */
export const TARGET_ROOTS = ['object', 'target', 'container'] as const;
/** Roots available in messages. */
export const MESSAGE_ROOTS = [...LOAD_ROOTS, ...TARGET_ROOTS, 'value', 'field', 'key', 'problem', 'description'] as const;

const KUBERNETES_TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status', 'data', 'stringData', 'rules', 'subjects', 'roleRef', 'template', 'webhooks']);
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export function hasPlaceholder(text: string): boolean {
  return text.includes('{{');
}

/** Splits text into literal parts and placeholders; throws TemplateError for unknown roots or bad paths. */
export function parseTemplate(text: string, roots: readonly string[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(parsePlaceholder(match[0], match[1].trim(), roots));
    last = match.index + match[0].length;
  }
  const rest = text.slice(last);
  if (rest.includes('{{')) throw new TemplateError(`\`{{\` without a matching \`}}\` in "${text}"`);
  if (rest !== '') parts.push(rest);
  return parts;
}

function parsePlaceholder(written: string, expression: string, roots: readonly string[]): Placeholder {
  const body = expression.startsWith('.') ? expression.slice(1) : expression;
  const root = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body)?.[0];
  if (root === undefined) throw new TemplateError(`${written} is not a placeholder: write {{ .${roots[0]}.name }} with one of ${rootList(roots)}`);
  if (!roots.includes(root)) {
    const hint = KUBERNETES_TOP_LEVEL.has(root) && roots.includes('object') ? `; did you mean {{ .object.${body} }}?` : suggestion(root, roots);
    throw new TemplateError(`${written}: unknown placeholder \`.${root}\` here (available: ${rootList(roots)})${hint}`);
  }
  let rest = body.slice(root.length);
  if (rest.startsWith('.')) rest = rest.slice(1);
  let path: Segment[] = [];
  if (rest !== '') {
    try {
      path = parseFieldPath(rest, false) as Segment[];
    } catch (error) {
      if (error instanceof PathSyntaxError) throw new TemplateError(`${written}: ${error.message}`);
      throw error;
    }
  }
  return { root, path, text: written };
}

function rootList(roots: readonly string[]): string {
  return roots.map((r) => `.${r}`).join(', ');
}

function suggestion(root: string, roots: readonly string[]): string {
  const guess = roots.find((r) => r.startsWith(root.toLowerCase())) ?? suggest(root, roots);
  return guess === undefined ? '' : `; did you mean .${guess}?`;
}

export function isPlaceholder(part: TemplatePart | undefined): part is Placeholder {
  return typeof part === 'object';
}

/** The single placeholder a template consists of, if it is nothing else. */
export function wholePlaceholder(parts: readonly TemplatePart[]): Placeholder | undefined {
  return parts.length === 1 && isPlaceholder(parts[0]) ? parts[0] : undefined;
}

export function resolvePlaceholder(placeholder: Placeholder, scope: Readonly<Record<string, unknown>>): unknown {
  return valueAt(scope[placeholder.root], placeholder.path);
}

/** Renders values for text: strings as they are, lists comma-separated, other values as JSON (shortened). */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '(absent)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(displayValue).join(', ');
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

export function renderTemplate(parts: readonly TemplatePart[], scope: Readonly<Record<string, unknown>>): string {
  return parts.map((part) => (isPlaceholder(part) ? displayValue(resolvePlaceholder(part, scope)) : part)).join('');
}

/** Marks a value to drop: a whole placeholder whose parameter has no value. */
export const ABSENT = Symbol('absent');

export interface SubstituteError {
  /** Path inside the substituted value where the problem is. */
  path: Segment[];
  message: string;
}

/**
 * Fills in load-time placeholders (`.params`) everywhere in a plain JSON value. Placeholders
 * of runtime roots stay as they are. A whole-string placeholder without a value removes its key
 * (or list item), as if it had not been written.
 */
export function substitute(value: unknown, scope: Readonly<Record<string, unknown>>, loadRoots: readonly string[], allRoots: readonly string[], path: Segment[] = []): unknown {
  if (typeof value === 'string') {
    if (!hasPlaceholder(value)) return value;
    const parts = parseOrThrow(value, allRoots, path);
    if (!parts.some((p) => isPlaceholder(p) && loadRoots.includes(p.root))) return value;
    const whole = wholePlaceholder(parts);
    if (whole !== undefined) {
      const resolved = resolvePlaceholder(whole, scope);
      return resolved === undefined ? ABSENT : structuredClone(resolved);
    }
    return parts
      .map((part) => {
        if (!isPlaceholder(part)) return part;
        if (!loadRoots.includes(part.root)) return part.text;
        const resolved = resolvePlaceholder(part, scope);
        if (resolved === undefined) throw new SubstitutionError({ path, message: `${part.text} has no value (give the parameter a value or a default)` });
        return displayValue(resolved);
      })
      .join('');
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => substitute(item, scope, loadRoots, allRoots, [...path, i])).filter((item) => item !== ABSENT);
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const replaced = substitute(item, scope, loadRoots, allRoots, [...path, key]);
      if (replaced !== ABSENT) out[key] = replaced;
    }
    return out;
  }
  return value;
}

export class SubstitutionError extends Error {
  constructor(readonly detail: SubstituteError) {
    super(detail.message);
  }
}

function parseOrThrow(text: string, roots: readonly string[], path: Segment[]): TemplatePart[] {
  try {
    return parseTemplate(text, roots);
  } catch (error) {
    if (error instanceof TemplateError) throw new SubstitutionError({ path, message: error.message });
    throw error;
  }
}
