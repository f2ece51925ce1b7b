/**
 * Recognising credentials in plain text: sensitive names, known token formats, private keys,
 * kubeconfigs with credentials, and high-entropy strings. Pure string functions; messages
 * built from them must never show a secret in full (see `redact`).
 */

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let length = 0;
  for (const n of counts.values()) length += n;
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** At most the first 4 characters and the length: enough to find the value, never to use it. */
export function redact(value: string): string {
  const shown = [...value].slice(0, 4).join('');
  return `"${shown}…" (${value.length} characters)`;
}

const SENSITIVE_NAME = /(?:^|[^a-z])(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[-_.]?key|apikey|private[-_.]?key|access[-_.]?key|secret[-_.]?key|client[-_.]?secret|credentials?|auth[-_.]?key|bearer|signing[-_.]?key|encryption[-_.]?key|master[-_.]?key)(?:$|[^a-z])/i;
/** Names that point at a secret rather than hold one, or describe it. */
const REFERENCE_NAME = /(?:[-_.](?:file|path|dir|name|names|ref|url|uri|endpoint|id|key[-_.]?id|length|len|ttl|expiry|expiration|timeout|seconds|minutes|hours|enabled|enable|disabled|required|type|mode|header|cookie|prefix|size|version|policy|provider|issuer|audience)$|^(?:enable|disable|use|require)[-_.])/i;

/**
 * A name that suggests its value is a credential (`DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN`),
 * except names that point at one (`PASSWORD_FILE`, `TOKEN_URL`) or describe it (`TOKEN_TTL`).
 */
export function isSensitiveName(name: string): boolean {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return SENSITIVE_NAME.test(spaced) && !REFERENCE_NAME.test(spaced);
}

const PLACEHOLDER = /^(?:changeme|change[-_ ]?me|changeit|replace[-_ ]?me.*|replace|todo|tbd|fixme|xxx+|\*+|\.+|-+|none|null|nil|undefined|empty|dummy|example|sample|placeholder|secret|password|token|your[-_ ]?.*|<.*>|\[.*\]|\{.*\}|%.*%)$/i;

/**
 * Values that cannot be a real credential: empty, placeholders, references (`$(VAR)`,
 * `${VAR}`, `{{ … }}`), file paths, plain numbers and booleans.
 */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (PLACEHOLDER.test(v)) return true;
  if (/\$\(|\$\{|\{\{|^\$[A-Z_]/.test(v)) return true;
  if (/^(?:\/|~\/|\.\/|[A-Za-z]:\\)/.test(v) && !/\s/.test(v)) return true;
  if (/^-?\d+(?:\.\d+)?[a-zA-Z]{0,2}$/.test(v)) return true;
  if (/^(?:true|false|yes|no|on|off)$/i.test(v)) return true;
  if (/^(?:https?|file):\/\/[^@\s]*$/i.test(v)) return true;
  return false;
}

export interface TokenMatch {
  /** What was recognised, e.g. `an AWS access key id`. */
  readonly kind: string;
  readonly value: string;
}

const TOKEN_FORMATS: readonly (readonly [string, RegExp])[] = [
  ['an AWS access key id', /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/],
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/],
  ['a GitLab token', /\bglpat-[A-Za-z0-9_-]{20,}\b/],
  ['a Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['a Slack webhook URL', /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a Stripe secret key', /\b[sr]k_live_[0-9A-Za-z]{20,}\b/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/],
  ['a URL with an embedded password', /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,256}:[^\s@/$]{3,256}@[^\s@]{1,256}/i],
];

/** A known token format anywhere in the text (the first one found). */
export function findKnownToken(text: string): TokenMatch | undefined {
  for (const [kind, pattern] of TOKEN_FORMATS) {
    const m = pattern.exec(text);
    if (m === null) continue;
    if (kind === 'a URL with an embedded password') {
      const password = /:\/\/[^\s:/@]{1,256}:([^\s@/]{1,256})@/.exec(m[0])?.[1] ?? '';
      if (isPlaceholderValue(password)) continue;
    }
    return { kind, value: m[0] };
  }
  return undefined;
}

const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/;

/** The kind of PEM private key block in the text (`RSA`, `OPENSSH`, ``), or undefined. */
export function findPrivateKey(text: string): string | undefined {
  const m = PRIVATE_KEY.exec(text);
  if (m === null) return undefined;
  // An empty template ("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----") holds nothing.
  const after = text.slice(m.index + m[0].length);
  const body = /^([\s\S]*?)-----END/.exec(after)?.[1] ?? after;
  if (body.replace(/\s/g, '').length < 32) return undefined;
  return (m[1] ?? '').trim();
}

/** True for a kubeconfig that carries credentials (client key, token or password). */
export function isKubeconfigWithCredentials(text: string): boolean {
  if (!/^[ \t]*users[ \t]*:/m.test(text) || !/^[ \t]*(?:clusters|contexts)[ \t]*:/m.test(text)) return false;
  return /^[ \t]*(?:client-key-data|token|password)[ \t]*:[ \t]*["']?[^\s"'$<{]{8}/m.test(text);
}

/** Removes public PEM blocks (certificates, public keys), which are long base64 but not secret. */
function withoutPublicPem(text: string): string {
  return text.replace(/-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|TRUSTED CERTIFICATE|CERTIFICATE REQUEST)-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, '');
}

const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~]+$/;

/**
 * True for a single token that looks randomly generated: at least 24 characters from the
 * base64/URL-safe alphabet, mixing upper case, lower case and digits, with an entropy of at
 * least 4 bits per character. Hex strings (checksums, ids) and UUIDs are not reported.
 */
export function isHighEntropyToken(value: string): boolean {
  const v = value.trim();
  if (v.length < 24 || v.length > 1024 || !TOKEN_CHARS.test(v)) return false;
  if (/^[0-9a-f-]+$/i.test(v)) return false;
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return false;
  if (/^[A-Za-z]+(?:[-_.][A-Za-z0-9]+)*$/.test(v) && !/[0-9]{3}/.test(v)) return false;
  return shannonEntropy(v) >= 4;
}

export interface CredentialFinding {
  readonly reason: string;
  /** The part of the value shown, redacted. */
  readonly shown: string;
}

/**
 * Why a literal value under the given name looks like a credential, or undefined. Private keys
 * and kubeconfigs are left to `findPrivateKey` / `isKubeconfigWithCredentials`.
 */
export function credentialIn(name: string, value: string): CredentialFinding | undefined {
  if (findPrivateKey(value) !== undefined || isKubeconfigWithCredentials(value)) return undefined;
  const text = withoutPublicPem(value);
  const token = findKnownToken(text);
  if (token !== undefined) return { reason: `it contains ${token.kind}`, shown: redact(token.value) };
  const trimmed = text.trim();
  if (trimmed === '' || isPlaceholderValue(trimmed)) return undefined;
  if (isSensitiveName(name) && !/\n/.test(trimmed)) return { reason: `its name (${name}) marks it as a credential`, shown: redact(trimmed) };
  if (isHighEntropyToken(trimmed)) return { reason: 'it looks randomly generated (a high-entropy string)', shown: redact(trimmed) };
  return undefined;
}
