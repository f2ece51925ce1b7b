/**
 * The `format`s the generated Kubernetes schemas use, implemented the way the API server parses
 * them (Go: `resource.ParseQuantity`, `encoding/base64.StdEncoding`, `time.Parse(time.RFC3339)`).
 */
import type Ajv from 'ajv';
import { parseQuantity } from '../data/quantity';

/** `resource.Quantity` as a string, exactly as the API server's ParseQuantity accepts it (see src/data/quantity.ts). */
export function isQuantity(value: string): boolean {
  return parseQuantity(value).ok;
}

/** Standard base64 with padding; line breaks are ignored as Go's decoder does; empty is valid. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(value: string): boolean {
  return BASE64.test(value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]/g, '') : value);
}

/** RFC 3339 as Go's `time.Parse(time.RFC3339, s)` accepts it: upper-case `T` and `Z`, optional fraction. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The fraction digits of a valid RFC 3339 time (`''` when none), or undefined when invalid. */
function rfc3339Fraction(value: string): string | undefined {
  const m = DATE_TIME.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const tzHour = m[8] === undefined ? 0 : Number(m[8]);
  const tzMinute = m[9] === undefined ? 0 : Number(m[9]);
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour < 24 && minute < 60 && second < 60 && tzHour < 24 && tzMinute < 60;
  return valid ? (m[7] ?? '') : undefined;
}

/** `metav1.Time`: RFC 3339, fraction optional. */
export function isDateTime(value: string): boolean {
  return rfc3339Fraction(value) !== undefined;
}

/** `metav1.MicroTime`: Go parses it with layout `2006-01-02T15:04:05.000000Z07:00`, so exactly six fraction digits. */
export function isMicroTime(value: string): boolean {
  return rfc3339Fraction(value)?.length === 6;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 2 ** 63;

export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** Integral and within ±2^63 (JS numbers cannot tell 2^63-1 from 2^63). */
export function isInt64(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= INT64_LIMIT;
}

const anyNumber = (): boolean => true;
// Integral-ness is the `type: integer` keyword's job; the formats add only the range, so that
// `replicas: 1.5` gives one error, not two.
const inInt32Range = (value: number): boolean => value >= INT32_MIN && value <= INT32_MAX;
const inInt64Range = (value: number): boolean => Math.abs(value) <= INT64_LIMIT;

/**
 * Every format the generated schemas use, as Ajv format definitions. Exported as one object so
 * that build-time (standalone) validators can require it by name.
 */
export const FORMAT_DEFINITIONS = {
  quantity: { type: 'string', validate: isQuantity },
  byte: { type: 'string', validate: isBase64 },
  'date-time': { type: 'string', validate: isDateTime },
  'micro-time': { type: 'string', validate: isMicroTime },
  int32: { type: 'number', validate: inInt32Range },
  int64: { type: 'number', validate: inInt64Range },
  double: { type: 'number', validate: anyNumber },
  float: { type: 'number', validate: anyNumber },
} as const;

/** Registers every format the generated schemas use. */
export function addKubernetesFormats(ajv: Ajv): void {
  for (const [name, definition] of Object.entries(FORMAT_DEFINITIONS)) ajv.addFormat(name, definition);
}

/** The formats `addKubernetesFormats` registers (the generator refuses any other). */
export const KUBERNETES_FORMATS: readonly string[] = ['byte', 'date-time', 'double', 'float', 'int32', 'int64', 'micro-time', 'quantity'];
