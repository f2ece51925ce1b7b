/**
 * Pod Security Standards, evaluated as Pod Security Admission evaluates them: the checks of a
 * level at a policy version, restricted overriding the baseline checks it replaces, and
 * findings worded as the API server words them. Pure: no I/O, no exceptions on odd input.
 */
import { isRecord } from '../../model/path';
import { containerEntries } from '../security-context';
import { BASELINE_CHECKS } from './baseline';
import { RESTRICTED_CHECKS } from './restricted';
import type { CheckDefinition, CheckFn, CheckLevel, ControlId, Finding, PodFacts, PodSecurityViolation } from './types';
import { displayVersion, effectiveMinor } from './version';

export const ALL_CHECKS: readonly CheckDefinition[] = [...BASELINE_CHECKS, ...RESTRICTED_CHECKS];

interface ActiveCheck {
  id: ControlId;
  level: CheckLevel;
  check: CheckFn;
}

/** The implementation of a check at a policy version, if it has one yet. */
function versionAt(definition: CheckDefinition, minor: number): CheckDefinition['versions'][number] | undefined {
  let found: CheckDefinition['versions'][number] | undefined;
  for (const version of definition.versions) if (version.minimum <= minor) found = version;
  return found;
}

const cache = new Map<string, readonly ActiveCheck[]>();

/** The checks in force for a level at a policy version (restricted drops what it overrides). */
export function checksFor(level: CheckLevel, minor: number): readonly ActiveCheck[] {
  const key = `${level}:${minor}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const chosen = ALL_CHECKS.filter((d) => level === 'restricted' || d.level === 'baseline').flatMap((d) => {
    const version = versionAt(d, minor);
    return version === undefined ? [] : [{ definition: d, version }];
  });
  const overridden = new Set(chosen.flatMap(({ version }) => version.overrides ?? []));
  const active = chosen.filter(({ definition }) => !overridden.has(definition.id)).map(({ definition, version }) => ({ id: definition.id, level: definition.level, check: version.check }));
  cache.set(key, active);
  return active;
}

/** The facts every check reads, computed once per pod (effective contexts included). */
export function podFacts(podSpec: unknown, metadata: unknown): PodFacts {
  const spec = isRecord(podSpec) ? podSpec : {};
  const securityContext = spec.securityContext;
  const os = spec.os;
  return {
    spec,
    metadata: isRecord(metadata) ? metadata : {},
    podSecurityContext: isRecord(securityContext) ? securityContext : undefined,
    containers: containerEntries(spec),
    userNamespace: spec.hostUsers === false,
    windows: isRecord(os) && os.name === 'windows',
  };
}

export interface EvaluateOptions {
  /** The cluster's Kubernetes version: no newer policy is evaluated (default: the newest known). */
  clusterVersion?: string;
  /** `enforce` words findings `violates PodSecurity`, `warn` `would violate PodSecurity`. */
  mode?: 'enforce' | 'warn';
}

/** `violates PodSecurity "restricted:v1.36": reason (detail)`. */
export function podSecurityMessage(policy: string, reason: string, detail: string, mode: 'enforce' | 'warn' = 'enforce'): string {
  const verb = mode === 'enforce' ? 'violates' : 'would violate';
  return `${verb} PodSecurity "${policy}": ${reason}${detail === '' ? '' : ` (${detail})`}`;
}

/**
 * The violations of a pod spec at a level and policy version (`1.36`, `v1.36` or `latest`),
 * one per control and container or pod-level field, in check order.
 */
export function evaluatePodSecurity(podSpec: unknown, metadata: unknown, level: CheckLevel, version: string, options: EvaluateOptions = {}): PodSecurityViolation[] {
  const pod = podFacts(podSpec, metadata);
  const policy = `${level}:${displayVersion(version)}`;
  const out: PodSecurityViolation[] = [];
  for (const check of checksFor(level, effectiveMinor(version, options.clusterVersion))) {
    for (const finding of check.check(pod)) out.push(toViolation(finding, check, policy, options.mode));
  }
  return out;
}

function toViolation(finding: Finding, check: ActiveCheck, policy: string, mode: 'enforce' | 'warn' | undefined): PodSecurityViolation {
  return { control: check.id, controlLevel: check.level, ...finding, message: podSecurityMessage(policy, finding.reason, finding.detail, mode) };
}

/** Restricted checks that replace a baseline check, mapped to it (for de-duplication). */
export const OVERRIDDEN_BY: Readonly<Partial<Record<ControlId, ControlId>>> = {
  restrictedVolumes: 'hostPathVolumes',
  seccompProfile_restricted: 'seccompProfile_baseline',
  capabilities_restricted: 'capabilities_baseline',
  procMount_restricted: 'procMount',
};

/** One key per control family and subject: a baseline check and the restricted check replacing it share it. */
export function violationKey(v: Pick<PodSecurityViolation, 'control' | 'subject'>): string {
  return `${OVERRIDDEN_BY[v.control] ?? v.control}|${v.subject}`;
}
