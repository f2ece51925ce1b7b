/**
 * The built-in operators of `assert` items: each item names a field (relative to the target,
 * with `[*]` and `*` wildcards) and one or more operators, all of which must hold. An absent
 * field passes every operator except `exists: true` and `requiredKeys` (an absent mapping has
 * none of the keys), so a rule about a field's value says nothing about objects without it.
 */
import { parseQuantity, compareQuantities, type Quantity } from '../data/quantity';
import { isRecord, type Segment } from '../model/path';
import { wildcardMatch } from './glob';
import { expandPath, hasWildcard, parseFieldPath, type PatternSegment } from './path';
import { compileSafeRegex, type SafeRegex } from './regex';
import { deepEqual, showList, showValue } from './show';
import { hasPlaceholder, parseTemplate, resolvePlaceholder, TARGET_ROOTS, wholePlaceholder, renderTemplate, type TemplatePart } from './template';

export const OPERATORS = [
  'exists',
  'equals',
  'notEquals',
  'in',
  'notIn',
  'matches',
  'notMatches',
  'startsWith',
  'notStartsWith',
  'minimum',
  'maximum',
  'quantityMinimum',
  'quantityMaximum',
  'requiredKeys',
  'forbiddenKeys',
] as const;
export type OperatorName = (typeof OPERATORS)[number];

/** Operators whose operand may refer to the checked object (`{{ .object.metadata.name }}`). */
const RUNTIME_OPERANDS: ReadonlySet<OperatorName> = new Set(['equals', 'notEquals', 'in', 'notIn', 'minimum', 'maximum', 'quantityMinimum', 'quantityMaximum']);

/** Values a check can refer to: the object, the target, the container, the parameters. */
export type Scope = Readonly<Record<string, unknown>>;

export interface Violation {
  /** Path relative to the target. */
  path: Segment[];
  value: unknown;
  /** What is wrong, after the field name: "is missing", "is 3, below the minimum 5". */
  phrase: string;
  /** An item's own message, if it has one. */
  message?: readonly TemplatePart[];
  /** Point at the key rather than its value (a key that must not be there). */
  atKey?: boolean;
}

/** A problem in an operand, with the key it concerns (relative to the assertion). */
export class OperandError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

type Check = (value: unknown, scope: Scope) => string | undefined;

export interface CompiledAssertion {
  field: PatternSegment[];
  wildcard: boolean;
  exists: boolean | undefined;
  checks: Check[];
  requiredKeys: string[] | undefined;
  forbiddenKeys: string[] | undefined;
  message: readonly TemplatePart[] | undefined;
}

/** Compiles one `assert` item (parameters already filled in); throws OperandError. */
export function compileAssertion(item: Record<string, unknown>, messageRoots: readonly string[]): CompiledAssertion {
  const fieldText = item.field;
  let field: PatternSegment[] = [];
  if (fieldText !== undefined) {
    if (typeof fieldText !== 'string') throw new OperandError('field', '`field` must be a path such as `metadata.labels.team`');
    if (hasPlaceholder(fieldText)) throw new OperandError('field', '`field` may use only {{ .params… }} placeholders (the field cannot depend on the checked object)');
    try {
      field = parseFieldPath(fieldText);
    } catch (error) {
      throw new OperandError('field', (error as Error).message);
    }
  }
  const present = OPERATORS.filter((op) => item[op] !== undefined);
  if (present.length === 0) throw new OperandError('field', `this check has no operator; add one of ${OPERATORS.join(', ')}`);
  const checks: Check[] = [];
  for (const op of present) if (op !== 'exists' && op !== 'requiredKeys' && op !== 'forbiddenKeys') checks.push(compileOperator(op, item[op]));
  const exists = item.exists;
  if (exists !== undefined && typeof exists !== 'boolean') throw new OperandError('exists', '`exists` must be true or false');
  let message: readonly TemplatePart[] | undefined;
  if (item.message !== undefined) {
    if (typeof item.message !== 'string') throw new OperandError('message', '`message` must be text');
    try {
      message = parseTemplate(item.message, messageRoots);
    } catch (error) {
      throw new OperandError('message', (error as Error).message);
    }
  }
  return {
    field,
    wildcard: hasWildcard(field),
    exists,
    checks,
    requiredKeys: item.requiredKeys === undefined ? undefined : stringList('requiredKeys', item.requiredKeys),
    forbiddenKeys: item.forbiddenKeys === undefined ? undefined : stringList('forbiddenKeys', item.forbiddenKeys),
    message,
  };
}

/** A fixed list of strings: placeholders for the checked object are not allowed here. */
function stringList(key: string, value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw new OperandError(key, `\`${key}\` must be a string or a list of strings, got ${showValue(value)}`);
  if (list.some((v: string) => hasPlaceholder(v))) throw new OperandError(key, `\`${key}\` cannot refer to the checked object (only {{ .params… }} placeholders are allowed here)`);
  return list as string[];
}

/** An operand that may be a runtime placeholder, resolved for each target. */
function operand(op: OperatorName, value: unknown): (scope: Scope) => unknown {
  if (typeof value === 'string' && hasPlaceholder(value)) {
    if (!RUNTIME_OPERANDS.has(op)) throw new OperandError(op, `\`${op}\` cannot refer to the checked object (only {{ .params… }} placeholders are allowed here)`);
    let parts: TemplatePart[];
    try {
      parts = parseTemplate(value, TARGET_ROOTS);
    } catch (error) {
      throw new OperandError(op, (error as Error).message);
    }
    const whole = wholePlaceholder(parts);
    return whole === undefined ? (scope) => renderTemplate(parts, scope) : (scope) => resolvePlaceholder(whole, scope);
  }
  return () => value;
}

function compileOperator(op: OperatorName, raw: unknown): Check {
  switch (op) {
    case 'equals': {
      const expected = operand(op, raw);
      return (v, s) => (deepEqual(v, expected(s)) ? undefined : `is ${showValue(v)}, expected ${showValue(expected(s))}`);
    }
    case 'notEquals': {
      const forbidden = operand(op, raw);
      return (v, s) => (deepEqual(v, forbidden(s)) ? `is ${showValue(v)}, which is not allowed` : undefined);
    }
    case 'in':
    case 'notIn': {
      if (typeof raw !== 'string' && !Array.isArray(raw)) throw new OperandError(op, `\`${op}\` must be a list of values, got ${showValue(raw)}`);
      const list = operand(op, raw);
      return (v, s) => {
        const values = list(s);
        if (!Array.isArray(values)) return undefined;
        const found = values.some((x) => deepEqual(x, v));
        if (op === 'in') return found ? undefined : `is ${showValue(v)}, expected one of ${showList(values)}`;
        return found ? `is ${showValue(v)}, one of the values not allowed (${showList(values)})` : undefined;
      };
    }
    case 'matches':
    case 'notMatches': {
      const patterns = stringList(op, raw).map((p) => regex(op, p));
      const shown = patterns.map((p) => `\`${p.source}\``).join(' or ');
      return (v) => {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return `is ${showValue(v)}, not text to match against ${shown}`;
        const text = String(v);
        const results = patterns.map((p) => p.test(text));
        if (results.includes(undefined)) return `is ${text.length} characters long, too long to test against ${shown} safely`;
        const any = results.includes(true);
        if (op === 'matches') return any ? undefined : `is ${showValue(v)}, which does not match ${shown}`;
        return any ? `is ${showValue(v)}, which matches the forbidden pattern \`${patterns[results.indexOf(true)].source}\`` : undefined;
      };
    }
    case 'startsWith':
    case 'notStartsWith': {
      const prefixes = stringList(op, raw);
      return (v) => {
        if (typeof v !== 'string') return `is ${showValue(v)}, not text`;
        const hit = prefixes.find((p) => v.startsWith(p));
        if (op === 'startsWith') return hit !== undefined ? undefined : `is ${showValue(v)}, which does not start with ${showList(prefixes)}`;
        return hit === undefined ? undefined : `is ${showValue(v)}, which starts with ${showValue(hit)} (not allowed)`;
      };
    }
    case 'minimum':
    case 'maximum': {
      if (typeof raw !== 'number' && !(typeof raw === 'string' && hasPlaceholder(raw))) throw new OperandError(op, `\`${op}\` must be a number, got ${showValue(raw)}`);
      const bound = operand(op, raw);
      return (v, s) => {
        const limit = bound(s);
        if (typeof limit !== 'number') return undefined;
        if (typeof v !== 'number') return `is ${showValue(v)}, not a number`;
        if (op === 'minimum') return v < limit ? `is ${v}, below the minimum ${limit}` : undefined;
        return v > limit ? `is ${v}, above the maximum ${limit}` : undefined;
      };
    }
    case 'quantityMinimum':
    case 'quantityMaximum': {
      const fixed = typeof raw === 'string' && hasPlaceholder(raw) ? undefined : quantityOperand(op, raw);
      const bound = fixed === undefined ? operand(op, raw) : () => raw;
      return (v, s) => {
        const limitValue = bound(s);
        const limit = fixed ?? (typeof limitValue === 'string' || typeof limitValue === 'number' ? quantityOf(limitValue) : undefined);
        if (limit === undefined) return undefined;
        return compareQuantity(op === 'quantityMinimum' ? 'minimum' : 'maximum', v, limit);
      };
    }
    default:
      throw new OperandError(op, `unknown operator ${op}`);
  }
}

function regex(op: string, pattern: string): SafeRegex {
  try {
    return compileSafeRegex(pattern);
  } catch (error) {
    throw new OperandError(op, `\`${pattern}\`: ${(error as Error).message}`);
  }
}

function quantityOf(value: string | number): { q: Quantity; text: string } | undefined {
  const parsed = parseQuantity(value);
  return parsed.ok ? { q: parsed.quantity, text: String(value) } : undefined;
}

function quantityOperand(op: string, raw: unknown): { q: Quantity; text: string } {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new OperandError(op, `\`${op}\` must be a quantity such as 500m or 2Gi, got ${showValue(raw)}`);
  const parsed = parseQuantity(raw);
  if (!parsed.ok) throw new OperandError(op, `\`${op}\`: ${showValue(raw)} is not a quantity: it ${parsed.reason}`);
  return { q: parsed.quantity, text: String(raw) };
}

/** Compares a manifest value with a quantity bound; the phrase when it is out of bounds. */
export function compareQuantity(kind: 'minimum' | 'maximum', value: unknown, limit: { q: Quantity; text: string }): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return `is ${showValue(value)}, not a quantity`;
  const parsed = parseQuantity(value);
  if (!parsed.ok) return `is ${showValue(value)}, not a quantity (it ${parsed.reason})`;
  const order = compareQuantities(parsed.quantity, limit.q);
  if (Number.isNaN(order)) return undefined;
  if (kind === 'minimum' && order < 0) return `is ${value}, below the minimum ${limit.text}`;
  if (kind === 'maximum' && order > 0) return `is ${value}, above the maximum ${limit.text}`;
  return undefined;
}

/** Every violation of one assertion on one target value. */
export function evaluateAssertion(assertion: CompiledAssertion, target: unknown, scope: Scope): Violation[] {
  const out: Violation[] = [];
  const add = (path: Segment[], value: unknown, phrase: string, atKey = false): void => {
    out.push({ path, value, phrase, message: assertion.message, ...(atKey ? { atKey } : {}) });
  };
  for (const match of expandPath(target, assertion.field)) {
    const value = match.value === null ? undefined : match.value;
    if (value === undefined) {
      if (assertion.exists === true) add(match.path, value, 'is missing');
      else if (assertion.requiredKeys !== undefined) for (const key of assertion.requiredKeys) add([...match.path, key], undefined, 'is missing');
      continue;
    }
    if (assertion.exists === false) {
      add(match.path, value, `is set (to ${showValue(value)}) but must be absent`);
      continue;
    }
    if (assertion.requiredKeys !== undefined || assertion.forbiddenKeys !== undefined) {
      if (!isRecord(value)) {
        add(match.path, value, `is ${showValue(value)}, not a mapping`);
        continue;
      }
      for (const key of assertion.requiredKeys ?? []) if (!Object.prototype.hasOwnProperty.call(value, key) || value[key] === null) add([...match.path, key], undefined, 'is missing');
      for (const key of Object.keys(value)) {
        const pattern = assertion.forbiddenKeys?.find((p) => wildcardMatch(p, key));
        if (pattern !== undefined) add([...match.path, key], value[key], `is set, but ${pattern === key ? 'this key' : `keys matching \`${pattern}\``} must not be used`, true);
      }
    }
    for (const check of assertion.checks) {
      const phrase = check(value, scope);
      if (phrase !== undefined) {
        add(match.path, value, phrase);
        break;
      }
    }
  }
  return out;
}
