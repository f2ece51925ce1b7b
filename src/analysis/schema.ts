/**
 * Schema validation of each object against the Kubernetes API of the target version (or the
 * CRD in the run that defines it), computed once per object and shared by the schema rules.
 * Ajv errors become issues with a field path, the position to point at, and a message that says
 * what to change: unknown fields with "did you mean", types with YAML hints, missing fields.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseQuantity, QUANTITY_FORMAT, suggestQuantity } from '../data/quantity';
import { REMOVED_APIS, removedApi } from '../data/removed-apis';
import { groupOf } from '../model/scope';
import type { RunModel } from '../engine/rule';
import type { LocateTarget } from '../model/locate';
import type { KubeObject } from '../model/object';
import { formatPath, getAt, pointerToPath, type Segment } from '../model/path';
import { definitionValidator, kindInfo, propertiesAt, supportedVersions, typeNameAt, validatorFor } from '../schema';
import { loadRelease } from '../schema/data';
import { LastKeyCache } from '../util/memo';
import { suggest } from '../util/suggest';
import { CrdRegistry, type CompiledCrdSchema, type CrdInfo } from './crd';

export type IssueKind = 'unknown-field' | 'type' | 'required' | 'value';

export interface SchemaIssue {
  kind: IssueKind;
  path: Segment[];
  target: LocateTarget;
  message: string;
}

export type SchemaVerdict =
  /** Validated against a built-in or CRD schema. */
  | { status: 'validated'; issues: SchemaIssue[]; source: 'builtin' | 'crd' }
  /** No schema to validate against: an unknown built-in kind, a removed API, a CR without CRD. */
  | { status: 'no-schema'; reason: 'removed-api' | 'unknown-kind' | 'missing-crd' | 'crd-without-schema' | 'unserved-version'; crd?: CrdInfo };

const registries = new WeakMap<RunModel, CrdRegistry>();
const verdicts = new LastKeyCache<KubeObject, { version: string; verdict: SchemaVerdict }>();

/** The CRDs of a run (its own objects and --crd references), built once per run. */
export function crdRegistry(run: RunModel): CrdRegistry {
  let registry = registries.get(run);
  if (registry === undefined) {
    const crds = [...run.references, ...run.objects].filter((o) => o.kind === 'CustomResourceDefinition');
    registry = new CrdRegistry(crds);
    registries.set(run, registry);
  }
  return registry;
}

let removedGroups: Set<string> | undefined;
/** Groups of each release read so far, newest release first. */
const releaseGroups: Set<string>[] = [];

/**
 * Groups the Kubernetes API itself serves (in any bundled release) or once served: a kind missing
 * there is a mistake, not a CRD. Not every `*.k8s.io` group is built in: Gateway API
 * (`gateway.networking.k8s.io`) and volume snapshots (`snapshot.storage.k8s.io`) are CRDs.
 * Releases are read newest first and only as far as needed (most groups are in the newest).
 */
export function isBuiltinGroup(group: string): boolean {
  removedGroups ??= new Set(REMOVED_APIS.map((r) => groupOf(r.apiVersion)));
  if (removedGroups.has(group)) return true;
  const versions = supportedVersions().reverse();
  for (let i = 0; i < versions.length; i++) {
    // The release file's kind list, without building the release's index.
    releaseGroups[i] ??= new Set((loadRelease(versions[i])?.kinds ?? []).map((kind) => kind.group));
    if (releaseGroups[i].has(group)) return true;
  }
  return false;
}

export function schemaVerdict(object: KubeObject, version: string, run: RunModel): SchemaVerdict {
  const cached = verdicts.get(object);
  if (cached !== undefined && cached.version === version) return cached.verdict;
  const verdict = computeVerdict(object, version, run);
  verdicts.set(object, { version, verdict });
  return verdict;
}

/** The schema that checks an object, or why none does: the verdict short of validating. */
export type SchemaChoice =
  | { status: 'builtin'; validate: ValidateFunction }
  | { status: 'crd'; validate: ValidateFunction; schema: CompiledCrdSchema['schema'] }
  | Extract<SchemaVerdict, { status: 'no-schema' }>;

export function schemaChoice(object: KubeObject, version: string, run: RunModel): SchemaChoice {
  if (removedApi(object.apiVersion, object.kind, version) !== undefined) return { status: 'no-schema', reason: 'removed-api' };
  const validate = validatorFor(version, object.apiVersion, object.kind);
  if (validate !== undefined) return { status: 'builtin', validate };
  if (isBuiltinGroup(object.group) || kindInfo(version, object.apiVersion, object.kind) !== undefined) return { status: 'no-schema', reason: 'unknown-kind' };
  const registry = crdRegistry(run);
  const crd = registry.find(object.group, object.kind);
  if (crd === undefined) return { status: 'no-schema', reason: 'missing-crd' };
  const versionName = object.apiVersion.slice(object.group.length + 1);
  const crdVersion = crd.versions.find((v) => v.name === versionName && v.served);
  if (crdVersion === undefined) return { status: 'no-schema', reason: 'unserved-version', crd };
  const compiled = registry.compiledSchema(crd, crdVersion);
  if (compiled?.validate === undefined) return { status: 'no-schema', reason: 'crd-without-schema', crd };
  return { status: 'crd', validate: compiled.validate, schema: compiled.schema };
}

function computeVerdict(object: KubeObject, version: string, run: RunModel): SchemaVerdict {
  const choice = schemaChoice(object, version, run);
  if (choice.status === 'builtin') {
    const validate = choice.validate;
    // The loader knows most documents hold no null value: no walk for them.
    validate(object.document.hasNull === false ? object.raw : withoutNullFields(object.raw));
    const issues = issuesFromErrors(validate.errors ?? [], object, (path) => ({
      typeName: typeNameAt(version, object.apiVersion, object.kind, path),
      allowed: propertiesAt(version, object.apiVersion, object.kind, path),
    }));
    return { status: 'validated', issues, source: 'builtin' };
  }
  if (choice.status === 'crd') {
    const { validate, schema } = choice;
    validate(object.raw);
    const issues = issuesFromErrors(validate.errors ?? [], object, (path) => ({
      typeName: path.length === 0 ? object.kind : undefined,
      allowed: crdPropertiesAt(schema, path),
    }));
    return { status: 'validated', issues: [...issues, ...metadataIssues(object, version)], source: 'crd' };
  }
  return choice;
}

/**
 * The value as the API server decodes it into its Go types: a field set to null is a field not
 * set, so a required field written as `containerPort:` (null) is missing. Returns the value itself
 * when it holds no null field (the usual case: no copy).
 */
export function withoutNullFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const stripped = withoutNullFields(item);
      if (stripped !== item) (copy ??= [...value])[i] = stripped;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  // Every object of every manifest passes here: for…in walks the keys without the entry arrays
  // Object.entries would allocate (manifest mappings are plain objects: nothing inherited to enumerate).
  for (const key in record) {
    const item = record[key];
    if (item === null) {
      copy ??= { ...record };
      delete copy[key];
      continue;
    }
    if (typeof item !== 'object') continue;
    const stripped = withoutNullFields(item);
    if (stripped !== item) (copy ??= { ...record })[key] = stripped;
  }
  return copy ?? value;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** The API server validates a custom resource's metadata as ObjectMeta, whatever its CRD says. */
function metadataIssues(object: KubeObject, version: string): SchemaIssue[] {
  const validate = definitionValidator(version, OBJECT_META);
  if (validate === undefined || object.raw.metadata === undefined || validate(object.raw.metadata)) return [];
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: `/metadata${e.instancePath}` }));
  return issuesFromErrors(errors, object, (path) => ({
    typeName: path.length === 1 ? 'ObjectMeta' : undefined,
    allowed: path.length === 1 ? propertiesAt(version, 'v1', 'ConfigMap', ['metadata']) : undefined,
  }));
}

function crdPropertiesAt(schema: Record<string, unknown>, path: readonly Segment[]): string[] | undefined {
  let node: unknown = schema;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    const n = node as Record<string, unknown>;
    if (typeof segment === 'number') node = n.items;
    else node = (n.properties as Record<string, unknown> | undefined)?.[segment] ?? (typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined);
  }
  const props = (node as Record<string, unknown> | undefined)?.properties;
  return props !== null && typeof props === 'object' ? Object.keys(props).sort() : undefined;
}

type Describe = (path: Segment[]) => { typeName: string | undefined; allowed: string[] | undefined };

/** Ajv errors → one issue per place, most specific first; combinator noise dropped. */
export function issuesFromErrors(errors: readonly ErrorObject[], object: KubeObject, describe: Describe): SchemaIssue[] {
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of concrete.length > 0 ? concrete : errors) {
    const issue = toIssue(error, object, describe);
    if (issue === undefined) continue;
    const id = `${issue.kind}|${formatPath(issue.path)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(issue);
  }
  return issues;
}

function toIssue(error: ErrorObject, object: KubeObject, describe: Describe): SchemaIssue | undefined {
  const base = pointerToPath(object.raw, error.instancePath);
  const value = getAt(object.raw, base);
  const field = fieldLabel(base);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const { typeName, allowed } = describe(base);
      return { kind: 'unknown-field', path: [...base, name], target: 'key', message: unknownFieldMessage(name, base, typeName, allowed) };
    }
    case 'required': {
      const name = String(error.params.missingProperty);
      const { typeName } = describe(base);
      const where = typeName ?? (base.length === 0 ? object.kind : `\`${formatPath(base)}\``);
      const written = getAt(object.raw, [...base, name]) === null ? ' is null, which the API server reads as not set, but it' : '';
      return { kind: 'required', path: [...base, name], target: 'key', message: `\`${name}\`${written} is required in ${where}${base.length > 0 ? ` (\`${formatPath(base)}\`)` : ''}; the API server rejects the object without it` };
    }
    case 'type': {
      if (value === null) return undefined; // an explicit null is "unset" to the API server
      const expected = ([] as string[]).concat(error.params.type as string | string[]).filter((t) => t !== 'null');
      return { kind: 'type', path: base, target: 'value', message: typeMessage(field, expected, value) };
    }
    case 'format':
      return { kind: 'value', path: base, target: 'value', message: formatMessage(field, String(error.params.format), value) };
    case 'enum':
      return { kind: 'value', path: base, target: 'value', message: `${field} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}` };
    default:
      return { kind: 'value', path: base, target: 'value', message: `${field} ${error.message ?? 'is invalid'}${value === undefined ? '' : `, got ${describeValue(value)}`}` };
  }
}

function fieldLabel(path: readonly Segment[]): string {
  return path.length === 0 ? 'the object' : `\`${formatPath(path)}\``;
}

function unknownFieldMessage(name: string, base: Segment[], typeName: string | undefined, allowed: string[] | undefined): string {
  const where = typeName ?? (base.length === 0 ? 'the object' : `\`${formatPath(base)}\``);
  const guess = allowed === undefined ? undefined : suggest(name, allowed);
  const hint = guess !== undefined
    ? `; did you mean \`${guess}\`?`
    : allowed !== undefined && allowed.length > 0 && allowed.length <= 12
      ? `; the fields allowed here are ${allowed.map((a) => `\`${a}\``).join(', ')}`
      : '';
  return `unknown field \`${name}\` in ${where}${hint} (the API server rejects unknown fields under strict validation, and lenient tools silently drop them)`;
}

function typeMessage(field: string, expected: string[], value: unknown): string {
  const wanted = expected.map((t) => (t === 'integer' ? 'an integer' : t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `a ${t}`)).join(' or ');
  let hint = '';
  if (typeof value === 'string') {
    const slashes = value.indexOf(' //');
    if (slashes >= 0) hint = '; `//` is not a YAML comment, so everything after it became part of the value: use `#`';
    else if (expected.includes('integer') && /^[-+]?\d+$/.test(value.trim())) hint = '; remove the quotes';
    else if (expected.includes('boolean') && /^(true|false)$/i.test(value.trim())) hint = '; remove the quotes';
    else if (expected.includes('object') && /^[A-Za-z_][\w.-]*:\S/.test(value)) hint = '; a space is missing after the colon, so YAML read one string instead of a key and a value';
  } else if ((typeof value === 'boolean' || typeof value === 'number') && expected.includes('string')) {
    hint = `; YAML 1.1 (which Kubernetes uses) reads the unquoted value as ${typeof value === 'boolean' ? `the boolean ${value}` : `the number ${value}`}: quote it`;
  }
  return `${field} must be ${wanted}, got ${describeValue(value)}${hint}`;
}

function formatMessage(field: string, format: string, value: unknown): string {
  switch (format) {
    case 'quantity': {
      const parsed = typeof value === 'string' ? parseQuantity(value) : undefined;
      const why = parsed !== undefined && !parsed.ok ? `: it ${parsed.reason}` : '';
      const suggestion = typeof value === 'string' ? suggestQuantity(value) : undefined;
      return `${field} \`${String(value)}\` is not a valid quantity${why}; quantities are ${QUANTITY_FORMAT}${suggestion === undefined ? '' : `: write \`${suggestion}\``}`;
    }
    case 'byte':
      return `${field} must be base64-encoded, got ${describeValue(value)}; encode it (\`echo -n value | base64\`) or move it to \`stringData\``;
    case 'int32':
    case 'int64':
      return `${field} is out of range for ${format}: ${describeValue(value)}`;
    default:
      return `${field} is not a valid ${format}: ${describeValue(value)}`;
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}
