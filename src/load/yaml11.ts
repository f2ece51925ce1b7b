/**
 * Plain-scalar typing as Kubernetes reads YAML: kubectl and the API server convert YAML to
 * JSON with sigs.k8s.io/yaml, which resolves scalars the way go-yaml v2 does (YAML 1.1):
 * `yes`/`on`/`y` are booleans, `0644` is octal, `1_000` is 1000, `1.10` is the float 1.1.
 * Quoted and block scalars are always strings.
 */

export type ScalarValue = string | number | boolean | null;

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity],
  ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);
// go-yaml v2's yamlStyleFloat.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_DECIMAL = /^[-+]?(0|[1-9][0-9]*)$/;
const INT_OCTAL_LEGACY = /^[-+]?0[0-7]+$/;
const INT_OCTAL = /^[-+]?0o[0-7]+$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F]+$/;
const INT_BINARY = /^[-+]?0b[01]+$/;

export function resolvePlainScalar(text: string): ScalarValue {
  if (BOOL_TRUE.has(text)) return true;
  if (BOOL_FALSE.has(text)) return false;
  if (NULLS.has(text)) return null;
  const special = SPECIAL_FLOATS.get(text);
  if (special !== undefined) return special;
  const first = text.charCodeAt(0);
  const numeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (!numeric) return text;
  const n = resolveNumber(text.includes('_') ? text.replace(/_/g, '') : text);
  return n === undefined ? text : n;
}

function resolveNumber(plain: string): number | undefined {
  if (INT_DECIMAL.test(plain)) return Number(plain);
  const negative = plain.startsWith('-');
  const unsigned = plain.replace(/^[-+]/, '');
  const sign = negative ? -1 : 1;
  if (INT_OCTAL_LEGACY.test(plain)) return sign * parseInt(unsigned.slice(1), 8);
  if (INT_OCTAL.test(plain)) return sign * parseInt(unsigned.slice(2), 8);
  if (INT_HEX.test(plain)) return sign * parseInt(unsigned.slice(2), 16);
  if (INT_BINARY.test(plain)) return sign * parseInt(unsigned.slice(2), 2);
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    return Number.isNaN(f) ? undefined : f;
  }
  return undefined;
}

/** Why a plain scalar's type may surprise its author, or undefined when it reads as written. */
export function typingSurprise(text: string, value: ScalarValue): string | undefined {
  if (typeof value === 'boolean' && !/^(true|false)$/i.test(text)) {
    return `the plain value \`${text}\` is the boolean ${value} in YAML 1.1, which Kubernetes uses; quote it ("${text}") if you meant a string`;
  }
  if (typeof value === 'number') {
    if (INT_OCTAL_LEGACY.test(text)) {
      return `\`${text}\` is an octal number (${value} in decimal) in YAML 1.1; that is right for file modes, but quote it if you meant the string`;
    }
    if (/^[-+]?[0-9]+\.[0-9]*0$/.test(text)) {
      return `\`${text}\` is the number ${value}, not the text "${text}"; quote it if you meant a version string`;
    }
  }
  return undefined;
}
