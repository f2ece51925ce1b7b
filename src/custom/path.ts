/**
 * Field paths in rule files: `metadata.labels["app.kubernetes.io/name"]`, `containers[0].image`,
 * with two wildcards: `[*]` (every item of a list) and `*` as a whole segment (every value of a
 * mapping). Parsed strictly, so a typo is a loading error rather than a rule that never fires.
 */
import { isRecord, type Segment } from '../model/path';

export const ANY_ITEM = Symbol('any item');
export const ANY_VALUE = Symbol('any value');
export type PatternSegment = Segment | typeof ANY_ITEM | typeof ANY_VALUE;

export class PathSyntaxError extends Error {}

const PLAIN = /^[A-Za-z0-9_$-][A-Za-z0-9_$/-]*/;

/** Parses a field path; throws PathSyntaxError saying what is wrong and where. */
export function parseFieldPath(text: string, allowWildcards = true): PatternSegment[] {
  const segments: PatternSegment[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new PathSyntaxError(`${what} at character ${i + 1} of the path \`${text}\``);
  };
  if (text.trim() === '') fail('empty path');
  while (i < text.length) {
    const first = segments.length === 0;
    if (text[i] === '[') {
      const quote = text[i + 1];
      let end: number;
      if (quote === '"' || quote === "'") {
        const close = closingQuote(text, i + 1);
        if (close < 0) fail('the quoted key is never closed');
        end = close + 1;
        if (text[end] !== ']') fail('expected `]` after the quoted key');
      } else {
        end = text.indexOf(']', i);
        if (end < 0) fail('`[` is never closed');
      }
      segments.push(bracketSegment(text.slice(i + 1, end), allowWildcards, fail));
      i = end + 1;
      continue;
    }
    if (!first) {
      if (text[i] !== '.') fail(`unexpected \`${text[i]}\``);
      i++;
    }
    if (text[i] === '*' && (i + 1 === text.length || text[i + 1] === '.' || text[i + 1] === '[')) {
      if (!allowWildcards) fail('wildcards are not allowed here');
      segments.push(ANY_VALUE);
      i++;
      continue;
    }
    const match = PLAIN.exec(text.slice(i));
    if (match === null) fail(text[i] === undefined ? 'the path ends with `.`' : `unexpected \`${text[i]}\` (quote keys with other characters: ["key"])`);
    segments.push(match![0]);
    i += match![0].length;
  }
  return segments;
}

function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let j = open + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === quote) return j;
  }
  return -1;
}

function bracketSegment(inner: string, allowWildcards: boolean, fail: (what: string) => never): PatternSegment {
  if (inner === '*') {
    if (!allowWildcards) fail('wildcards are not allowed here');
    return ANY_ITEM;
  }
  if (/^\d+$/.test(inner)) return Number(inner);
  if (inner.startsWith('"')) {
    try {
      return JSON.parse(inner) as string;
    } catch {
      return fail('invalid quoted key');
    }
  }
  if (inner.startsWith("'")) return inner.slice(1, -1).replace(/\\(.)/g, '$1');
  return fail(`\`[${inner}]\` is neither an index, \`[*]\` nor a quoted key (write ["${inner}"])`);
}

export function hasWildcard(path: readonly PatternSegment[]): boolean {
  return path.some((s) => typeof s === 'symbol');
}

export interface PathMatch {
  path: Segment[];
  value: unknown;
}

/**
 * Every concrete path the pattern matches under `root`. Without wildcards there is exactly one
 * match (its value undefined when absent); a wildcard over a missing or empty collection
 * matches nothing.
 */
export function expandPath(root: unknown, pattern: readonly PatternSegment[], limit = 10_000): PathMatch[] {
  let current: PathMatch[] = [{ path: [], value: root }];
  for (const segment of pattern) {
    const next: PathMatch[] = [];
    for (const match of current) {
      const { value } = match;
      if (segment === ANY_ITEM) {
        if (Array.isArray(value)) value.forEach((item, i) => next.push({ path: [...match.path, i], value: item }));
      } else if (segment === ANY_VALUE) {
        if (isRecord(value)) for (const [k, v] of Object.entries(value)) next.push({ path: [...match.path, k], value: v });
      } else {
        next.push({ path: [...match.path, segment], value: childOf(value, segment) });
      }
      if (next.length > limit) break;
    }
    current = next;
  }
  return current;
}

function childOf(value: unknown, segment: Segment): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isRecord(value) && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
}

/** Value at a concrete path (no wildcards). */
export function valueAt(root: unknown, path: readonly PatternSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'symbol') return undefined;
    node = childOf(node, segment);
  }
  return node;
}
