/**
 * Pod Security for the objects of a run: the namespace's policy (its labels when the run has
 * the Namespace, else the configured default) and the violations of a workload's pod spec,
 * with paths inside the object. Shared by the `security/pod-security*` rules.
 */
import type { ObjectIndex } from '../../model';
import type { KubeObject } from '../../model/object';
import type { FieldPath } from '../../model/path';
import { podSpecOf, type PodSpecView } from '../../model/workload';
import { LastKeyCache } from '../../util/memo';
import { evaluatePodSecurity, violationKey } from './evaluate';
import { namespacePolicy, type LevelVersion, type NamespacePolicy } from './policy';
import type { Level, PodSecurityViolation } from './types';
import { displayVersion } from './version';

export interface PodSecurityOptions {
  /** The level enforced in namespaces whose labels do not say (default `baseline`). */
  level: Level;
}

export const POD_SECURITY_OPTIONS = {
  schema: {
    type: 'object',
    properties: {
      level: {
        enum: ['privileged', 'baseline', 'restricted'],
        description: 'Level enforced where no Namespace in the run carries a pod-security.kubernetes.io/enforce label.',
      },
    },
    additionalProperties: false,
  },
  defaults: { level: 'baseline' as Level },
};

/** Labels of the object's Namespace when the run defines it. */
function namespaceLabels(object: KubeObject, index: ObjectIndex): Readonly<Record<string, string>> | undefined {
  if (object.namespace === null) return undefined;
  return index.find('', 'Namespace', null, object.namespace)[0]?.labels;
}

// The policy depends only on the namespace (its labels), the level option and the version: one
// per namespace and run instead of one per workload and rule.
const policies = new WeakMap<ObjectIndex, Map<string, NamespacePolicy>>();

/** The policy in force for an object's pods. */
export function policyForObject(object: KubeObject, index: ObjectIndex, level: Level, clusterVersion: string): NamespacePolicy {
  let perRun = policies.get(index);
  if (perRun === undefined) {
    perRun = new Map();
    policies.set(index, perRun);
  }
  // No namespace is '' (not a valid namespace name), so keys never collide.
  const key = `${level} ${clusterVersion} ${object.namespace ?? ''}`;
  let policy = perRun.get(key);
  if (policy === undefined) {
    policy = computePolicy(object, index, level, clusterVersion);
    perRun.set(key, policy);
  }
  return policy;
}

function computePolicy(object: KubeObject, index: ObjectIndex, level: Level, clusterVersion: string): NamespacePolicy {
  const version = displayVersion(clusterVersion);
  const fallback = (l: Level): LevelVersion => ({ level: l, version, fromLabel: false });
  return namespacePolicy(namespaceLabels(object, index), { enforce: fallback(level), audit: fallback('privileged'), warn: fallback('privileged') });
}

// security/pod-security and security/pod-security-restricted both need the enforced level's
// violations of every pod: evaluate each level once per pod spec.
const evaluated = new LastKeyCache<PodSpecView, Map<string, readonly PodSecurityViolation[]>>();

function evaluate(pod: PodSpecView, policy: LevelVersion, clusterVersion: string, mode: 'enforce' | 'warn'): readonly PodSecurityViolation[] {
  if (policy.level === 'privileged') return [];
  let byPolicy = evaluated.get(pod);
  if (byPolicy === undefined) {
    byPolicy = new Map();
    evaluated.set(pod, byPolicy);
  }
  const key = `${policy.level}|${policy.version}|${clusterVersion}|${mode}`;
  let violations = byPolicy.get(key);
  if (violations === undefined) {
    violations = evaluatePodSecurity(pod.spec, pod.metadata, policy.level, policy.version, { clusterVersion, mode });
    byPolicy.set(key, violations);
  }
  return violations;
}

/** Violations of the enforced level. */
export function enforcedViolations(pod: PodSpecView, policy: NamespacePolicy, clusterVersion: string): readonly PodSecurityViolation[] {
  return evaluate(pod, policy.enforce, clusterVersion, 'enforce');
}

/**
 * Advisory violations beyond the enforced level: the namespace's `warn` and `audit` levels,
 * and restricted where baseline is enforced. A control and subject already violated at the
 * enforced level (or by an earlier advisory policy) is not repeated.
 */
export function advisoryViolations(pod: PodSpecView, policy: NamespacePolicy, clusterVersion: string): PodSecurityViolation[] {
  const seen = new Set(enforcedViolations(pod, policy, clusterVersion).map(violationKey));
  const advisory: LevelVersion[] = [policy.warn, policy.audit];
  if (policy.enforce.level === 'baseline') advisory.push({ level: 'restricted', version: policy.enforce.version, fromLabel: false });
  const out: PodSecurityViolation[] = [];
  for (const level of advisory) {
    for (const violation of evaluate(pod, level, clusterVersion, 'warn')) {
      const key = violationKey(violation);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(violation);
    }
  }
  return out;
}

/** Where a violation is, inside the object. */
export function violationPath(pod: PodSpecView, violation: PodSecurityViolation): FieldPath {
  return [...(violation.scope === 'spec' ? pod.path : pod.metadataPath), ...violation.path];
}

/** The violations of an object's pod spec that one of the two rules reports, with their paths. */
export function podSecurityFindings(
  object: KubeObject,
  index: ObjectIndex,
  options: PodSecurityOptions,
  clusterVersion: string,
  select: (pod: PodSpecView, policy: NamespacePolicy, clusterVersion: string) => readonly PodSecurityViolation[],
): { path: FieldPath; message: string }[] {
  const pod = podSpecOf(object);
  if (pod === undefined) return [];
  const policy = policyForObject(object, index, options.level, clusterVersion);
  return select(pod, policy, clusterVersion).map((violation) => ({ path: violationPath(pod, violation), message: violation.message }));
}
