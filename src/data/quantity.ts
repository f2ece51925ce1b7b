/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), parsed exactly:
 *
 *   <quantity> ::= <sign>? <digits>? ( "." <digits>? )? <suffix>
 *   <suffix>   ::= "" | n | u | m | k | M | G | T | P | E | Ki | Mi | Gi | Ti | Pi | Ei | (e|E) <signed integer>
 *
 * Values are kept as integers of nano-units (the API server rounds finer values up, away from
 * zero, to 1n) so comparisons are exact; binary-suffixed values above 2^63-1 are capped as
 * ParseQuantity does.
 */

export interface Quantity {
  /** The value in nano-units (10^-9), rounded up away from zero like the API server. */
  nanos: bigint;
  /** The text that was parsed (numbers are converted with String()). */
  text: string;
  /** False for values with an exponent too large to compute exactly: valid, but not compared. */
  exact: boolean;
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; reason: string };

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;
const NANO = 1_000_000_000n;
/** Exponents beyond this are valid but too large to compare exactly; such values are not compared. */
const MAX_EXPONENT = 1000;

export const QUANTITY_FORMAT = 'a number with an optional suffix: m (milli), k, M, G, T, P, E (powers of 1000) or Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), e.g. `500m`, `1.5Gi`, `2e3`';

// Manifests repeat the same few quantities (`100m`, `128Mi`) thousands of times, and validators,
// resource rules and messages all parse them: results are kept for the strings seen (bounded).
const parsedStrings = new Map<string, QuantityResult>();
const CACHE_LIMIT = 4096;

/**
 * Parses a quantity as the API server's ParseQuantity does (after trimming spaces, like its JSON
 * decoding). The result may be shared between calls: do not modify it.
 */
export function parseQuantity(input: string | number): QuantityResult {
  if (typeof input !== 'string') return parseQuantityOnce(input);
  let result = parsedStrings.get(input);
  if (result === undefined) {
    if (parsedStrings.size >= CACHE_LIMIT) parsedStrings.clear();
    result = parseQuantityOnce(input);
    parsedStrings.set(input, result);
  }
  return result;
}

function parseQuantityOnce(input: string | number): QuantityResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, reason: 'is not a finite number' };
    return parseQuantity(numberText(input));
  }
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'is empty' };
  let pos = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    pos = 1;
  }
  const intStart = pos;
  while (pos < text.length && isDigit(text[pos])) pos++;
  const intDigits = text.slice(intStart, pos);
  let fracDigits = '';
  if (pos < text.length && text[pos] === '.') {
    pos++;
    const fracStart = pos;
    while (pos < text.length && isDigit(text[pos])) pos++;
    fracDigits = text.slice(fracStart, pos);
  }
  const suffix = text.slice(pos);
  // The scanner accepts suffix letters, then an optional sign, then digits to the end.
  let s = 0;
  while (s < suffix.length && SUFFIX_CHARS.includes(suffix[s])) s++;
  if (s < suffix.length && (suffix[s] === '+' || suffix[s] === '-')) s++;
  while (s < suffix.length && isDigit(suffix[s])) s++;
  if (s < suffix.length) return { ok: false, reason: `has \`${suffix[s]}\` where a digit or a unit suffix belongs` };
  let base: 10 | 2;
  let exponent: number;
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, suffix)) {
    base = 10;
    exponent = DECIMAL_SUFFIXES[suffix];
  } else if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, suffix)) {
    base = 2;
    exponent = BINARY_SUFFIXES[suffix];
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const big = BigInt(suffix.slice(1));
    if (big > MAX_INT64 || big < -MAX_INT64 - 1n) return { ok: false, reason: `has an exponent out of range in \`${suffix}\`` };
    base = 10;
    // strconv.ParseInt then int32(): the exponent wraps like Go's conversion.
    exponent = Number(BigInt.asIntN(32, big));
  } else {
    return { ok: false, reason: `has an unknown suffix \`${suffix}\`` };
  }
  // No digits at all parse as zero, except where ParseQuantity takes its arbitrary-precision
  // path (a decimal exponent below nano), which rejects a number without digits.
  if (intDigits === '' && fracDigits === '' && base === 10 && exponent < -9) return { ok: false, reason: 'has no digits' };
  const digits = (intDigits + fracDigits).replace(/^0+/, '') || '0';
  const mantissa = BigInt(digits);
  const scale = -fracDigits.length;
  const nanos = toNanos(mantissa, scale, base, exponent);
  if (nanos === undefined) return { ok: true, quantity: { nanos: 0n, text, exact: false } };
  return { ok: true, quantity: { nanos: negative ? -nanos : nanos, text, exact: true } };
}

/**
 * |value| in nanos, rounded up; undefined when the exponent is too large to compute (such a
 * quantity is valid, only not comparable).
 */
function toNanos(mantissa: bigint, scale: number, base: 10 | 2, exponent: number): bigint | undefined {
  if (mantissa === 0n) return 0n;
  if (base === 2) {
    // value = mantissa * 10^scale * 2^exponent, rounded up to nanos, capped at 2^63-1.
    const numerator = mantissa * (1n << BigInt(exponent)) * NANO;
    const denominator = 10n ** BigInt(-scale);
    const nanos = ceilDiv(numerator, denominator);
    return nanos > MAX_INT64 * NANO ? MAX_INT64 * NANO : nanos;
  }
  const power = scale + exponent + 9;
  if (Math.abs(power) > MAX_EXPONENT) return power > 0 ? undefined : 1n;
  if (power >= 0) return mantissa * 10n ** BigInt(power);
  return ceilDiv(mantissa, 10n ** BigInt(-power));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** A YAML number as the API server receives it through JSON (Go formats floats with 'e'). */
function numberText(n: number): string {
  return String(n);
}

/** Compares two quantities: negative, zero or positive; NaN when either is too large to compare exactly. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  if (!a.exact || !b.exact) return Number.NaN;
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** True when the quantity is a whole number of units (milli-value divisible by 1000). */
export function isWholeNumber(q: Quantity): boolean {
  return q.nanos % NANO === 0n;
}

/** Quantity.Value(): the value rounded up (away from zero) to an integer. */
export function integerValue(q: Quantity): bigint {
  const whole = q.nanos / NANO;
  return q.nanos % NANO === 0n ? whole : q.nanos > 0n ? whole + 1n : whole - 1n;
}

const LOOSE = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*([A-Za-z]*)$/;
const MEMORY_UNITS: Readonly<Record<string, string>> = { k: 'Ki', m: 'Mi', g: 'Gi', t: 'Ti', p: 'Pi', e: 'Ei' };

/**
 * A valid spelling of a mistyped quantity (`1 GB` → `1Gi`, `500mb` → `500Mi`, `1gi` → `1Gi`),
 * or undefined when there is no obvious one. Byte-like units map to the binary suffixes, which
 * is what people writing `GB` for memory nearly always mean.
 */
export function suggestQuantity(input: string): string | undefined {
  const m = LOOSE.exec(input.trim().replace(/,/g, '.'));
  if (m === null) return undefined;
  const [, number, unit] = m;
  let fixed: string | undefined;
  if (unit === '') fixed = number;
  else {
    const u = unit.toLowerCase();
    const unitMatch = /^([kmgtpe])i?b?$/.exec(u);
    if (unitMatch !== null && u !== 'm') fixed = `${number}${MEMORY_UNITS[unitMatch[1]]}`;
    else if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, unit) || Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, unit)) fixed = `${number}${unit}`;
    else if (u === 'm') fixed = `${number}m`;
  }
  if (fixed === undefined || fixed === input) return undefined;
  return parseQuantity(fixed).ok ? fixed : undefined;
}
