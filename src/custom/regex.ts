/**
 * Regular expressions from rule files, which run on every manifest value they test, so none
 * may backtrack catastrophically (`(a+)+$` on "aaaa…!" takes exponential time on a
 * backtracking engine, and even `.*x.*y` takes cubic time: 24 s on 4,096 characters).
 *
 * They run on V8's linear-time engine (the `l` flag, enabled on first use with the
 * `--enable-experimental-regexp-engine` V8 flag), which guarantees time linear in the input.
 * Patterns that engine cannot run (backreferences, lookaround, large counted repetitions,
 * flags) are refused with the reason. Where the engine is unavailable, a static check refuses
 * the patterns that backtrack catastrophically (nested quantifiers, overlapping alternatives
 * under repetition, adjacent overlapping repetitions) and values longer than
 * MAX_BACKTRACKING_INPUT are not tested.
 */
import { setKubevetV8Flags } from '../util/code-cache';

export const MAX_PATTERN_LENGTH = 1000;
/** Longest value a backtracking-engine regex is run on (only without the linear engine). */
export const MAX_BACKTRACKING_INPUT = 1024;

export class UnsafeRegexError extends Error {}

export interface SafeRegex {
  source: string;
  /** True on the linear-time engine; false when bounded by the static check and input length. */
  linear: boolean;
  /** Undefined when the value was too long to test safely (only without the linear engine). */
  test(value: string): boolean | undefined;
}

let linearEngine: boolean | undefined;

/** Whether V8's linear-time engine can be used (enabling it on first call). */
export function linearEngineAvailable(): boolean {
  if (linearEngine !== undefined) return linearEngine;
  linearEngine = tryLinear();
  if (!linearEngine) {
    // Not available in this runtime when still false: the static check and the input bound apply.
    setKubevetV8Flags();
    linearEngine = tryLinear();
  }
  return linearEngine;
}

function tryLinear(): boolean {
  try {
    return new RegExp('a', 'l' as string).test('a');
  } catch {
    return false;
  }
}

/** Compiles a rule's pattern, or throws UnsafeRegexError saying why it is refused. */
export function compileSafeRegex(pattern: string, options: { forceBacktracking?: boolean } = {}): SafeRegex {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new UnsafeRegexError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  let plain: RegExp;
  try {
    plain = new RegExp(pattern);
  } catch (error) {
    throw new UnsafeRegexError(`invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  const reference = backreference(pattern);
  if (reference !== undefined) throw new UnsafeRegexError(`backreferences (${reference}) are not supported: they need a backtracking engine`);
  if (!options.forceBacktracking && linearEngineAvailable()) {
    const linear = linearRegExp(pattern);
    if (linear === undefined) {
      throw new UnsafeRegexError('this pattern cannot run in linear time (lookahead and lookbehind are not supported, nor repetition counts that spell out to more than a few thousand characters): rewrite it, or split it into several `matches`/`notMatches` checks');
    }
    return { source: pattern, linear: true, test: (value) => linear.test(value) };
  }
  const risk = backtrackingRisk(pattern);
  if (risk !== undefined) throw new UnsafeRegexError(risk);
  return { source: pattern, linear: false, test: (value) => (value.length > MAX_BACKTRACKING_INPUT ? undefined : plain.test(value)) };
}

/**
 * The pattern on the linear-time engine. That engine refuses counted repetitions above 16
 * (`[a-z0-9]{1,63}`, `\\d{12}:role/[\\w+=,.@-]{1,64}`), so those are spelt out first: `x{2,4}`
 * becomes `(?:x)(?:x)(?:x)?(?:x)?`, which matches the same strings (only `test` is used, so
 * captures and laziness do not matter) and which the engine runs.
 */
function linearRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'l' as string);
  } catch {
    const spelt = spellOutCounts(pattern);
    if (spelt === undefined || spelt === pattern || spelt.length > MAX_SPELT_LENGTH) return undefined;
    try {
      return new RegExp(spelt, 'l' as string);
    } catch {
      return undefined;
    }
  }
}

/** Bound on a pattern with its counted repetitions spelt out (the regex program grows with it). */
export const MAX_SPELT_LENGTH = 4_000;

/** `x{m}`, `x{m,}`, `x{m,n}` (and their lazy forms) spelt out; undefined when the pattern does not parse. */
export function spellOutCounts(pattern: string): string | undefined {
  let out = '';
  let atom: string | undefined;
  let i = 0;
  while (i < pattern.length) {
    const count = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(i));
    if (count !== null && atom !== undefined) {
      const min = Number(count[1]);
      const max = count[2] === undefined ? min : count[3] === '' ? Infinity : Number(count[3]);
      if (max < min || min > MAX_SPELT_LENGTH || (max !== Infinity && max > MAX_SPELT_LENGTH)) return undefined;
      out = out.slice(0, out.length - atom.length);
      const group = `(?:${atom})`;
      out += group.repeat(min) + (max === Infinity ? `${group}*` : `${group}?`.repeat(max - min));
      if (out.length > MAX_SPELT_LENGTH) return undefined;
      atom = undefined;
      i += count[0].length;
      continue;
    }
    const end = atomEnd(pattern, i);
    if (end === undefined) return undefined;
    const text = pattern.slice(i, end);
    // A group's own counted repetitions are spelt out too.
    const inner = text.startsWith('(') ? spellGroup(text) : text;
    if (inner === undefined) return undefined;
    out += inner;
    atom = /^[|^$*+?{}]$/.test(text) || /^[*+?]/.test(text) ? undefined : inner;
    i = end;
  }
  return out;
}

function spellGroup(group: string): string | undefined {
  const open = /^\((?:\?(?:<[A-Za-z_$][\w$]*>|[:=!]|<[=!]))?/.exec(group)?.[0] ?? '(';
  const body = spellOutCounts(group.slice(open.length, -1));
  return body === undefined ? undefined : `${open}${body})`;
}

/** Where the atom (or single token) starting at `i` ends: an escape, a class, a group, or one character. */
function atomEnd(pattern: string, i: number): number | undefined {
  const c = pattern[i];
  if (c === '\\') {
    const escape = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|c[A-Za-z]|[^])/.exec(pattern.slice(i, i + 6));
    return escape === null ? undefined : i + escape[0].length;
  }
  if (c === '[') {
    for (let j = i + 1; j < pattern.length; j++) {
      if (pattern[j] === '\\') j++;
      else if (pattern[j] === ']') return j + 1;
    }
    return undefined;
  }
  if (c === '(') {
    let depth = 0;
    for (let j = i; j < pattern.length; j++) {
      if (pattern[j] === '\\') j++;
      else if (pattern[j] === '[') {
        const end = atomEnd(pattern, j);
        if (end === undefined) return undefined;
        j = end - 1;
      } else if (pattern[j] === '(') depth++;
      else if (pattern[j] === ')' && --depth === 0) return j + 1;
    }
    return undefined;
  }
  return i + 1;
}

function backreference(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (!inClass && next !== undefined && /[1-9]/.test(next)) return `\\${next}`;
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return '\\k<…>';
      i++;
    } else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
  }
  return undefined;
}

// ---- Static check (used only without the linear engine) ----

/** What an atom can start with: a set of literal characters, or anything. */
type FirstSet = { any: true } | { any: false; chars: Set<string> };

interface Node {
  /** Can match the empty string. */
  nullable: boolean;
  first: FirstSet;
  /** Contains a quantifier that repeats (max > 1). */
  repeats: boolean;
  /** Is itself repeated (`x*`, `[a-z]+`), as opposed to containing a repetition. */
  direct?: boolean;
}

class Parser {
  private i = 0;
  constructor(private readonly p: string) {}

  parse(): Node {
    const node = this.alternation();
    return node;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.p[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    return { nullable: branches.some((b) => b.nullable), first: unionAll(branches.map((b) => b.first)), repeats: branches.some((b) => b.repeats), alternatives: branches } as Node & { alternatives: Node[] };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      if (q === undefined) {
        items.push(atom);
        continue;
      }
      if (q.max > 1 && atom.repeats) throw new UnsafeRegexError(`nested quantifiers at character ${this.i}: a repeated group that itself contains a repetition (like \`(a+)+\`) can backtrack catastrophically; repeat only simple atoms`);
      const alternatives = (atom as Node & { alternatives?: Node[] }).alternatives;
      if (q.max > 1 && alternatives !== undefined) {
        if (alternatives.some((b) => b.nullable)) throw new UnsafeRegexError(`a repeated group with an empty alternative (like \`(a|)*\`) can backtrack catastrophically`);
        for (let x = 0; x < alternatives.length; x++) {
          for (let y = x + 1; y < alternatives.length; y++) {
            if (overlaps(alternatives[x].first, alternatives[y].first)) throw new UnsafeRegexError(`a repeated group whose alternatives can start with the same character (like \`(a|ab)*\`) can backtrack catastrophically; make the alternatives start differently`);
          }
        }
      }
      items.push({ nullable: atom.nullable || q.min === 0, first: atom.first, repeats: atom.repeats || q.max > 1, direct: q.max > 1 });
    }
    for (let k = 1; k < items.length; k++) {
      const a = items[k - 1];
      const b = items[k];
      if (a.direct === true && b.direct === true && a.nullable && overlaps(a.first, b.first)) {
        throw new UnsafeRegexError('two adjacent repetitions that can match the same characters (like `\\d*\\d*` or `.*.*`) backtrack in polynomial time; merge them');
      }
    }
    let first: FirstSet = { any: false, chars: new Set() };
    let nullable = true;
    for (const item of items) {
      if (!nullable) break;
      first = union(first, item.first);
      nullable = item.nullable;
    }
    return { nullable, first, repeats: items.some((n) => n.repeats) };
  }

  private atom(): Node {
    const c = this.p[this.i];
    if (c === '(') {
      this.i++;
      if (this.p[this.i] === '?') {
        const kind = this.p[this.i + 1];
        if (kind === ':') this.i += 2;
        else if (kind === '<' && this.p[this.i + 2] !== '=' && this.p[this.i + 2] !== '!') this.i = this.p.indexOf('>', this.i) + 1;
        else {
          // Lookaround: matches no characters.
          this.i += kind === '<' ? 3 : 2;
          this.alternation();
          this.i++;
          return { nullable: true, first: { any: false, chars: new Set() }, repeats: false };
        }
      }
      const inner = this.alternation();
      this.i++; // ')'
      return inner;
    }
    if (c === '[') {
      const end = classEnd(this.p, this.i);
      this.i = end + 1;
      return { nullable: false, first: { any: true }, repeats: false };
    }
    if (c === '\\') {
      const next = this.p[this.i + 1];
      this.i += 2;
      if (next !== undefined && 'bB'.includes(next)) return { nullable: true, first: { any: false, chars: new Set() }, repeats: false };
      if (next !== undefined && 'dDwWsSpPuxc'.includes(next)) {
        if ('pPu'.includes(next) && this.p[this.i] === '{') this.i = this.p.indexOf('}', this.i) + 1;
        return { nullable: false, first: { any: true }, repeats: false };
      }
      return { nullable: false, first: { any: false, chars: new Set([next ?? '\\']) }, repeats: false };
    }
    this.i++;
    if (c === '^' || c === '$') return { nullable: true, first: { any: false, chars: new Set() }, repeats: false };
    if (c === '.') return { nullable: false, first: { any: true }, repeats: false };
    return { nullable: false, first: { any: false, chars: new Set([c]) }, repeats: false };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.p[this.i];
    let result: { min: number; max: number } | undefined;
    if (c === '*') result = { min: 0, max: Infinity };
    else if (c === '+') result = { min: 1, max: Infinity };
    else if (c === '?') result = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
      if (m === null) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
      result = { min, max };
    }
    if (result === undefined) return undefined;
    this.i++;
    if (this.p[this.i] === '?') this.i++;
    return result;
  }
}

function classEnd(p: string, open: number): number {
  let j = open + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']') return j;
  }
  return p.length - 1;
}

function union(a: FirstSet, b: FirstSet): FirstSet {
  if (a.any || b.any) return { any: true };
  return { any: false, chars: new Set([...a.chars, ...b.chars]) };
}

function unionAll(sets: FirstSet[]): FirstSet {
  return sets.reduce(union, { any: false, chars: new Set() });
}

function overlaps(a: FirstSet, b: FirstSet): boolean {
  if (a.any) return b.any || b.chars.size > 0;
  if (b.any) return a.chars.size > 0;
  for (const c of a.chars) if (b.chars.has(c)) return true;
  return false;
}

/** Why a (syntactically valid) pattern could backtrack catastrophically, or undefined. */
export function backtrackingRisk(pattern: string): string | undefined {
  const reference = backreference(pattern);
  if (reference !== undefined) return `backreferences (${reference}) are not supported`;
  try {
    new Parser(pattern).parse();
    return undefined;
  } catch (error) {
    if (error instanceof UnsafeRegexError) return error.message;
    throw error;
  }
}
