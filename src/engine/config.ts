/**
 * `.kubevet.yaml`: found by walking up from the working directory (or named with --config),
 * parsed with the same position-keeping loader as manifests, and validated with Ajv against
 * schemas/config.schema.json, so every error names the line that causes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadText } from '../load';
import { displayPath } from '../load/discover';
import { SourceText } from '../load/source';
import { documentRange } from '../model/object';
import { formatPath, pointerToPath, type Segment } from '../model/path';
import { CATEGORIES, type Severity, type SeveritySetting } from '../types';
import { suggest } from '../util/suggest';
import type { PeerTool } from './peers';
import type { AnyRule, JsonSchema } from './rule';

export const CONFIG_FILE_NAMES = ['.kubevet.yaml', '.kubevet.yml'];

export interface ExcludeEntry {
  rules?: string[];
  kinds?: string[];
  namespaces?: string[];
  names?: string[];
  files?: string[];
  reason: string;
}

export interface Config {
  /** Where the configuration came from, or undefined for defaults. */
  file?: string;
  kubernetesVersion?: string;
  namespace?: string;
  failOn?: 'error' | 'warning' | 'info' | 'never';
  maxWarnings?: number;
  maxFileSize?: number;
  closedWorld?: boolean;
  /** CRD files or folders (relative to the configuration file) that validate custom resources. */
  crds?: string[];
  /** Other linters whose ignore annotations also suppress the equivalent kubevet rules. */
  honorPeerAnnotations?: PeerTool[];
  /** PodSecurityPolicy-style policy files or folders (relative to the configuration file). Same as --policy. */
  policies?: string[];
  /** Use the PodSecurityPolicy objects of the linted manifests as policies. Same as --use-manifest-psps. */
  useManifestPsps?: boolean;
  ignore: string[];
  checks: Record<string, { severity?: SeveritySetting; options?: Record<string, unknown> }>;
  exclude: ExcludeEntry[];
  /** Custom rule files, folders or globs (relative to the configuration file), as written. */
  rules?: import('../custom/load').RuleEntry[];
  /** The custom rules those entries define, ready to run beside the built-in rules. */
  customRules?: readonly AnyRule[];
}

export class ConfigError extends Error {}

export const EMPTY_CONFIG: Config = { ignore: [], checks: {}, exclude: [] };

/** The nearest `.kubevet.yaml` at or above `cwd`. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadConfigFile(path: string, cwd: string, rules: readonly AnyRule[]): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the configuration file ${path}: ${(error as Error).message}`);
  }
  return parseConfig(new SourceText(displayPath(cwd, path), text), rules, { baseDir: dirname(resolve(cwd, path)), cwd });
}

/**
 * Parses and validates configuration text; throws ConfigError naming file, line and column.
 * `location` resolves custom rule paths (default: the working directory).
 */
export function parseConfig(source: SourceText, rules: readonly AnyRule[], location?: { baseDir: string; cwd: string }): Config {
  const loaded = loadText(source);
  const fatal = loaded.problems.find((p) => p.ruleId !== 'yaml/implicit-type');
  if (fatal !== undefined) throw new ConfigError(`${source.file}:${fatal.range.line}:${fatal.range.column}: ${fatal.message}`);
  if (loaded.documents.length === 0) return { ...EMPTY_CONFIG, file: source.file };
  if (loaded.documents.length > 1) throw new ConfigError(`${source.file}: the configuration must be a single YAML document`);
  const document = loaded.documents[0];
  const errorAt = (path: Segment[], message: string): ConfigError => {
    const range = documentRange(document, path, 'key');
    return new ConfigError(`${source.file}:${range.line}:${range.column}: ${message}`);
  };
  // Plain data from here on (composed values carry position bookkeeping). A key left empty
  // (`checks:` followed only by comments) is null in YAML: treat it as absent.
  const plain = JSON.parse(JSON.stringify(document.value)) as Record<string, unknown> | null;
  if (plain !== null && typeof plain === 'object' && !Array.isArray(plain)) {
    for (const key of Object.keys(plain)) if (plain[key] === null) delete plain[key];
  }
  validateAgainstSchema(plain, configSchema(), errorAt, 'configuration');
  const raw = plain as Partial<Config> & { checks?: Record<string, unknown> };
  const config: Config = { ...EMPTY_CONFIG, ...raw, file: source.file, ignore: raw.ignore ?? [], exclude: raw.exclude ?? [], checks: {} };
  if (raw.rules !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- custom rules load only when configured
    const { loadCustomRules } = require('../custom/load') as typeof import('../custom/load');
    const where = location ?? { baseDir: process.cwd(), cwd: process.cwd() };
    config.customRules = loadCustomRules(raw.rules, { ...where, takenIds: new Set(rules.map((r) => r.meta.id)), errorAt: (path, message) => errorAt(['rules', ...path], message) });
  }
  const allRules = [...rules, ...(config.customRules ?? [])];
  const byId = new Map(allRules.map((r) => [r.meta.id, r]));
  const categories = ruleGroups(allRules);
  for (const [id, setting] of Object.entries(raw.checks ?? {})) {
    checkRuleReference(id, byId, categories, (message) => errorAt(['checks', id], message));
    const entry = isSeverity(setting) ? { severity: normalizeSeverity(setting) } : normalizeEntry(setting as RawCheck);
    if (entry.options !== undefined) {
      const rule = byId.get(id);
      const schema = rule?.meta.options?.schema;
      if (schema === undefined) {
        const custom = rule?.meta.definedIn === undefined ? '' : ` (a custom rule's parameters go in \`rules:\`: {path: …, params: {…}})`;
        throw errorAt(['checks', id, 'options'], `the rule ${id} takes no options${custom}`);
      }
      validateAgainstSchema(entry.options, schema, (path, message) => errorAt(['checks', id, 'options', ...path], message), `options of ${id}`);
    }
    config.checks[id] = entry;
  }
  return config;
}

type RawSeverity = SeveritySetting | false;
type RawCheck = { severity?: RawSeverity; options?: Record<string, unknown> };

function isSeverity(value: unknown): value is RawSeverity {
  return typeof value === 'string' || value === false;
}

/** YAML 1.1 reads an unquoted `off` as false; both mean off. */
function normalizeSeverity(value: RawSeverity): SeveritySetting {
  return value === false ? 'off' : value;
}

function normalizeEntry(entry: RawCheck): Config['checks'][string] {
  return entry.severity === undefined ? { options: entry.options } : { severity: normalizeSeverity(entry.severity), options: entry.options };
}

/** `--rule id=severity` from the command line. */
export function parseRuleFlag(flag: string, rules: readonly AnyRule[]): [string, SeveritySetting] {
  const match = /^([^=]+)=(off|info|warning|error)$/.exec(flag.trim());
  if (match === null) throw new ConfigError(`--rule expects id=severity with severity off, info, warning or error (e.g. --rule security/privileged=warning), got "${flag}"`);
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  checkRuleReference(match[1], byId, ruleGroups(rules), (message) => new ConfigError(`--rule ${flag}: ${message}`));
  return [match[1], match[2] as SeveritySetting];
}

/** What `group/*` may name: the built-in categories and the owners of custom rule ids (`acme/*`). */
function ruleGroups(rules: readonly AnyRule[]): Set<string> {
  const groups = new Set<string>(CATEGORIES);
  for (const rule of rules) groups.add(ownerOf(rule.meta.id));
  return groups;
}

function ownerOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(0, slash);
}

function checkRuleReference(id: string, byId: Map<string, AnyRule>, categories: Set<string>, fail: (message: string) => Error): void {
  if (id === '*' || byId.has(id)) return;
  const category = id.endsWith('/*') ? id.slice(0, -2) : undefined;
  if (category !== undefined) {
    if (categories.has(category)) return;
    const guess = suggest(category, categories);
    throw fail(`no rule category "${category}"${guess === undefined ? '' : `; did you mean "${guess}/*"?`}`);
  }
  const guess = suggest(id, byId.keys());
  throw fail(`no rule "${id}"${guess === undefined ? '' : `; did you mean "${guess}"?`} (\`kubevet rules\` lists them all)`);
}

const packageSchemas = new Map<string, JsonSchema>();
/** A JSON Schema shipped under schemas/ (config, rule file, policy), read once. */
export function packageSchema(file: string): JsonSchema {
  let schema = packageSchemas.get(file);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', file), 'utf8')) as JsonSchema;
    packageSchemas.set(file, schema);
  }
  return schema;
}

function configSchema(): JsonSchema {
  return packageSchema('config.schema.json');
}

/** The package root, from src/engine (ts-jest) or dist/src/engine (built). */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

interface AjvErrorLike {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  /** With `verbose`: the schema object the failing keyword belongs to. */
  parentSchema?: { properties?: Record<string, unknown> };
  /** With `verbose`: the value that failed. */
  data?: unknown;
}

/** `description: yes` is a boolean in YAML 1.1, which is how kubevet reads YAML, like Kubernetes. */
function scalarTypeHint(error: AjvErrorLike): string {
  const wanted = String(error.params.type);
  if (!wanted.split(',').includes('string')) return '';
  if (typeof error.data !== 'boolean' && typeof error.data !== 'number') return '';
  return ` (it is read as the ${typeof error.data} ${JSON.stringify(error.data)}: YAML 1.1 reads unquoted yes/no/on/off/y/n and numbers that way, so quote the value)`;
}

/**
 * Validates with Ajv (loaded lazily) and throws the most specific error with its position (an
 * unknown key is located at the key itself). `useDefaults` fills in the schema's defaults.
 */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, errorAt: (path: Segment[], message: string) => Error, what: string, options: { useDefaults?: boolean } = {}): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default as typeof import('ajv').default;
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, useDefaults: options.useDefaults === true });
  const validate = ajv.compile(schema);
  if (validate(value)) return;
  const errors = (validate.errors ?? []) as AjvErrorLike[];
  const best = pickError(errors);
  const path = pointerToPath(value, best.instancePath);
  // An unknown key is reported where it is written, not at the mapping that holds it.
  const at = best.keyword === 'additionalProperties' ? [...path, String(best.params.additionalProperty)] : path;
  throw errorAt(at, `invalid ${what}: ${describeAjvError(best, path)}`);
}

function pickError(errors: AjvErrorLike[]): AjvErrorLike {
  const concrete = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
  const pool = concrete.length > 0 ? concrete : errors;
  // The deepest error; at equal depth an unknown key first (a misspelt key also explains the
  // missing one), and a type mismatch (often another `anyOf` branch's) last.
  const rank = (e: AjvErrorLike): number => (e.keyword === 'additionalProperties' ? 0 : e.keyword === 'type' ? 2 : 1);
  return pool.reduce((a, b) => (b.instancePath.length > a.instancePath.length || (b.instancePath.length === a.instancePath.length && rank(b) < rank(a)) ? b : a));
}

function describeAjvError(error: AjvErrorLike, path: Segment[]): string {
  const where = path.length === 0 ? 'the top level' : `\`${formatPath(path)}\``;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const guess = suggest(key, Object.keys(error.parentSchema?.properties ?? {}));
      return `unknown key \`${key}\` at ${where}${guess === undefined ? '' : `; did you mean \`${guess}\`?`}`;
    }
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${where} needs \`${String(error.params.missingProperty)}\``;
    case 'type':
      return `${where} ${error.message ?? 'has the wrong type'}${scalarTypeHint(error)}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** The effective severity of a rule, or 'off'. Exact ids beat `category/*`, which beats `*`. */
export function effectiveSeverity(rule: AnyRule, checks: Config['checks'], overrides: ReadonlyMap<string, SeveritySetting>): SeveritySetting {
  const owner = ownerOf(rule.meta.id);
  // Custom rules (`acme/x` in category security) answer to both `acme/*` and `security/*`.
  const candidates = owner === rule.meta.category ? [rule.meta.id, `${owner}/*`, '*'] : [rule.meta.id, `${owner}/*`, `${rule.meta.category}/*`, '*'];
  for (const key of candidates) {
    const override = overrides.get(key);
    if (override !== undefined) return override;
  }
  for (const key of candidates) {
    const severity = checks[key]?.severity;
    if (severity !== undefined) return severity;
  }
  return rule.meta.enabledByDefault === false ? 'off' : (rule.meta.severity as Severity);
}
