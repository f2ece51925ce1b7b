/**
 * PodSecurityPolicy-style policies for a run: files given with --policy (or `policies:` in the
 * configuration) and, with --use-manifest-psps, the PodSecurityPolicy objects of the linted
 * manifests. Policies are read with the manifest loader, so they keep their positions, and
 * checked against schemas/pod-security-policy.schema.json: a policy that cannot be read or is
 * malformed is a usage error naming file, line and column (exit 2), never a finding.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPolicyObject, POLICY_API_VERSIONS, POLICY_KIND } from '../analysis/psp';
import { packageSchema, validateAgainstSchema } from '../engine/config';
import type { JsonSchema } from '../engine/rule';
import { loadPaths, type LoadedDocument } from '../load';
import { documentRange, KubeObject } from '../model/object';
import { isRecord, type Segment } from '../model/path';
import { UsageError } from './args';

const SCHEMA_FILE = 'pod-security-policy.schema.json';
const MAX_POLICY_FILE_BYTES = 16 * 1024 * 1024;

function policySchema(): JsonSchema {
  return packageSchema(SCHEMA_FILE);
}

function positioned(flag: string, document: LoadedDocument, path: readonly Segment[], message: string): UsageError {
  const range = documentRange(document, path, 'key');
  return new UsageError(`${flag} ${document.source.file}:${range.line}:${range.column}: ${message}`);
}

/** Throws a usage error unless the object is a well-formed policy. */
function checkPolicy(flag: string, document: LoadedDocument, basePath: readonly Segment[], raw: Record<string, unknown>): void {
  if (!isPolicyObject(raw)) {
    const found = typeof raw.kind === 'string' ? `${typeof raw.apiVersion === 'string' ? `${raw.apiVersion} ` : ''}${raw.kind}` : 'a document without kind';
    throw positioned(flag, document, basePath, `expected a ${POLICY_KIND} (apiVersion ${POLICY_API_VERSIONS.join(', ')}), found ${found}`);
  }
  // Plain data for the validator (composed values carry position bookkeeping).
  const plain = JSON.parse(JSON.stringify(raw)) as unknown;
  const name = isRecord(raw.metadata) && typeof raw.metadata.name === 'string' ? ` "${raw.metadata.name}"` : '';
  validateAgainstSchema(plain, policySchema(), (path, message) => positioned(flag, document, [...basePath, ...path], message), `${POLICY_KIND}${name}`);
}

/** The objects of a policy document: the document itself, or the items of a List. */
function documentObjects(document: LoadedDocument): { raw: unknown; basePath: Segment[] }[] {
  const value = document.value;
  if (isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.map((raw: unknown, index) => ({ raw, basePath: ['items', index] }));
  }
  return [{ raw: value, basePath: [] }];
}

/**
 * Policies from files and folders (folders are walked for *.yaml, *.yml, *.json), each checked.
 * @param paths as given, relative to `cwd`
 */
export function loadPolicyFiles(paths: readonly string[], cwd: string): KubeObject[] {
  if (paths.length === 0) return [];
  for (const path of paths) if (!existsSync(resolve(cwd, path))) throw new UsageError(`--policy ${path}: no such file or directory`);
  const load = loadPaths([...paths], { cwd, ignore: [], maxFileBytes: MAX_POLICY_FILE_BYTES });
  const fatal = load.problems.find((p) => p.ruleId !== 'yaml/implicit-type');
  if (fatal !== undefined) throw new UsageError(`--policy ${fatal.file}:${fatal.range.line}:${fatal.range.column}: ${fatal.message}`);
  const policies: KubeObject[] = [];
  for (const document of load.documents) {
    for (const { raw, basePath } of documentObjects(document)) {
      if (!isRecord(raw)) throw positioned('--policy', document, basePath, `expected a ${POLICY_KIND} object`);
      checkPolicy('--policy', document, basePath, raw);
      // Policies are cluster-scoped: no namespace.
      policies.push(new KubeObject(raw, document, basePath, true, ''));
    }
  }
  if (policies.length === 0) throw new UsageError(`--policy ${paths.join(', ')}: no ${POLICY_KIND} found`);
  return policies;
}

/** The PodSecurityPolicy objects of the run (--use-manifest-psps), each checked. */
export function manifestPolicies(objects: readonly KubeObject[]): KubeObject[] {
  const policies = objects.filter((o) => o.kind === POLICY_KIND && POLICY_API_VERSIONS.includes(o.apiVersion));
  for (const policy of policies) checkPolicy('--use-manifest-psps', policy.document, policy.basePath, policy.raw);
  return policies;
}
