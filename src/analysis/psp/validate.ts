/**
 * Problems that make a policy invalid: what the API server's PodSecurityPolicy validation refused
 * (ID ranges, capabilities both allowed and dropped, sysctl patterns, profile names, host path
 * prefixes, RuntimeClass names), what stopped the admission plugin from using a policy it had
 * accepted (MustRunAs without ranges, SELinux MustRunAs without options), and ranges no number
 * can fall in. Types and enums are the schema's job (schemas/pod-security-policy.schema.json);
 * here every field is read defensively.
 */
import type { FieldPath } from '../../model/path';
import { isRecord } from '../../model/path';
import { recordAt, valueAt } from '../security-context';
import { APPARMOR_ALLOWED_ANNOTATION, APPARMOR_DEFAULT_ANNOTATION, SECCOMP_ALLOWED_ANNOTATION, SECCOMP_DEFAULT_ANNOTATION } from './parse';
import { appArmorProfileProblem, seccompProfileProblem } from './profiles';
import { rangeProblem } from './ranges';
import { sysctlOverlap, sysctlPatternProblem } from './sysctls';
import type { PolicyProblem } from './types';

const ID_LIMITS = { min: 0, max: Number.MAX_SAFE_INTEGER };

const RULES: Readonly<Record<string, readonly string[]>> = {
  runAsUser: ['MustRunAs', 'MustRunAsNonRoot', 'RunAsAny'],
  runAsGroup: ['MustRunAs', 'MayRunAs', 'RunAsAny'],
  supplementalGroups: ['MustRunAs', 'MayRunAs', 'RunAsAny'],
  fsGroup: ['MustRunAs', 'MayRunAs', 'RunAsAny'],
  seLinux: ['MustRunAs', 'RunAsAny'],
};

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

class Problems {
  readonly list: PolicyProblem[] = [];

  /** Refused by the API server, or unusable by admission: the policy admits nothing. */
  refused(path: FieldPath, message: string): void {
    this.list.push({ path, message, kind: 'invalid', blocking: true });
  }

  /** Accepted, but a part of it can never match anything. */
  pointless(path: FieldPath, message: string): void {
    this.list.push({ path, message, kind: 'invalid', blocking: false });
  }
}

function stringItems(value: unknown): { item: string; index: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, index) => (typeof item === 'string' ? [{ item, index }] : []));
}

/** Problems that make the policy invalid, in field order. */
export function invalidPolicyProblems(raw: Record<string, unknown>): PolicyProblem[] {
  const spec = recordAt(raw, 'spec') ?? {};
  const problems = new Problems();
  strategies(spec, problems);
  hostPorts(spec, problems);
  capabilities(spec, problems);
  privilegeEscalation(spec, problems);
  hostPaths(spec, problems);
  sysctls(spec, problems);
  runtimeClass(spec, problems);
  profileAnnotations(recordAt(raw.metadata, 'annotations') ?? {}, problems);
  return problems.list;
}

function strategies(spec: Record<string, unknown>, problems: Problems): void {
  for (const [field, rules] of Object.entries(RULES)) {
    const strategy = spec[field];
    // runAsGroup may be left out (any group); the others are required (the schema says so).
    if (strategy === undefined || strategy === null) continue;
    const rule = valueAt(strategy, 'rule');
    if (typeof rule !== 'string' || !rules.includes(rule)) {
      problems.refused(['spec', field, 'rule'], `${field}.rule must be one of ${rules.join(', ')}`);
      continue;
    }
    if (field === 'seLinux') {
      if (rule === 'MustRunAs' && !isRecord(valueAt(strategy, 'seLinuxOptions'))) {
        problems.refused(['spec', field], 'seLinux MustRunAs requires seLinuxOptions');
      }
      continue;
    }
    const ranges = valueAt(strategy, 'ranges');
    const needsRanges = rule === 'MustRunAs' || (rule === 'MayRunAs' && field !== 'runAsUser');
    if (needsRanges && (!Array.isArray(ranges) || ranges.length === 0)) {
      problems.refused(['spec', field], `${field} ${rule} requires at least one range`);
    }
    idRanges(ranges, ['spec', field, 'ranges'], problems);
  }
}

function idRanges(ranges: unknown, path: FieldPath, problems: Problems): void {
  if (!Array.isArray(ranges)) return;
  ranges.forEach((range: unknown, index) => {
    const min = valueAt(range, 'min');
    const max = valueAt(range, 'max');
    if (typeof min !== 'number' || typeof max !== 'number') return;
    const problem = rangeProblem({ min, max }, ID_LIMITS);
    if (problem === undefined) return;
    const at: FieldPath = [...path, index, problem.startsWith('max') ? 'max' : 'min'];
    problems.refused(at, `${problem} (range ${min}-${max})`);
  });
}

/** Host port ranges were not validated; only one with min above max matches no port at all. */
function hostPorts(spec: Record<string, unknown>, problems: Problems): void {
  const ranges = spec.hostPorts;
  if (!Array.isArray(ranges)) return;
  ranges.forEach((range: unknown, index) => {
    const min = valueAt(range, 'min');
    const max = valueAt(range, 'max');
    if (typeof min === 'number' && typeof max === 'number' && min > max) problems.pointless(['spec', 'hostPorts', index, 'min'], `min cannot be greater than max (range ${min}-${max} matches no port)`);
  });
}

function capabilities(spec: Record<string, unknown>, problems: Problems): void {
  const drops = stringItems(spec.requiredDropCapabilities);
  const allowed = stringItems(spec.allowedCapabilities);
  if (drops.length > 0 && allowed.some(({ item }) => item === '*')) {
    problems.refused(['spec', 'requiredDropCapabilities'], 'requiredDropCapabilities must be empty when all capabilities are allowed by a wildcard (allowedCapabilities: ["*"])');
  }
  // Capability names compare exactly, as the API server compared them (NET_RAW is not net_raw).
  const dropped = new Set(drops.map(({ item }) => item));
  for (const field of ['defaultAddCapabilities', 'allowedCapabilities'] as const) {
    for (const { item, index } of stringItems(spec[field])) {
      if (dropped.has(item)) problems.refused(['spec', field, index], `capability ${item} is listed in ${field} and requiredDropCapabilities`);
    }
  }
}

function privilegeEscalation(spec: Record<string, unknown>, problems: Problems): void {
  if (spec.defaultAllowPrivilegeEscalation === true && spec.allowPrivilegeEscalation === false) {
    problems.refused(['spec', 'defaultAllowPrivilegeEscalation'], 'Cannot set DefaultAllowPrivilegeEscalation to true without also setting AllowPrivilegeEscalation to true');
  }
}

function hostPaths(spec: Record<string, unknown>, problems: Problems): void {
  const list = spec.allowedHostPaths;
  if (!Array.isArray(list)) return;
  list.forEach((entry: unknown, index) => {
    const prefix = valueAt(entry, 'pathPrefix');
    if (typeof prefix !== 'string' || prefix === '') problems.refused(['spec', 'allowedHostPaths', index, 'pathPrefix'], 'pathPrefix is required');
    else if (prefix.split('/').includes('..')) problems.refused(['spec', 'allowedHostPaths', index, 'pathPrefix'], `pathPrefix ${JSON.stringify(prefix)} must not contain '..'`);
  });
}

function sysctls(spec: Record<string, unknown>, problems: Problems): void {
  for (const field of ['allowedUnsafeSysctls', 'forbiddenSysctls'] as const) {
    const items = stringItems(spec[field]);
    for (const { item, index } of items) {
      const problem = sysctlPatternProblem(item);
      if (problem !== undefined) problems.refused(['spec', field, index], problem);
    }
    if (items.length > 1 && items.some(({ item }) => item.startsWith('*'))) problems.refused(['spec', field], `if '*' is present in ${field}, it must be the only entry`);
  }
  const allowed = stringItems(spec.allowedUnsafeSysctls);
  const forbidden = stringItems(spec.forbiddenSysctls);
  for (const a of allowed) {
    for (const f of forbidden) {
      const blamed = sysctlOverlap(a.item, f.item);
      if (blamed === 'allowed') problems.refused(['spec', 'allowedUnsafeSysctls', a.index], `sysctl ${a.item} overlaps with forbidden ${f.item}`);
      else if (blamed === 'forbidden') problems.refused(['spec', 'forbiddenSysctls', f.index], `sysctl ${f.item} overlaps with allowed ${a.item}`);
    }
  }
}

function runtimeClass(spec: Record<string, unknown>, problems: Problems): void {
  const strategy = recordAt(spec, 'runtimeClass');
  if (strategy === undefined) return;
  const names = stringItems(strategy.allowedRuntimeClassNames);
  const seen = new Set<string>();
  for (const { item, index } of names) {
    if (item !== '*' && !DNS_SUBDOMAIN.test(item)) problems.refused(['spec', 'runtimeClass', 'allowedRuntimeClassNames', index], `${JSON.stringify(item)} is not a valid RuntimeClass name`);
    if (seen.has(item)) problems.refused(['spec', 'runtimeClass', 'allowedRuntimeClassNames', index], `${JSON.stringify(item)} is listed twice`);
    seen.add(item);
  }
  if (seen.has('*') && names.length > 1) problems.refused(['spec', 'runtimeClass', 'allowedRuntimeClassNames'], "if '*' is present, it must be the only RuntimeClass name");
  const defaultName = valueAt(strategy, 'defaultRuntimeClassName');
  if (typeof defaultName === 'string' && !seen.has(defaultName) && !seen.has('*')) {
    problems.refused(['spec', 'runtimeClass', 'defaultRuntimeClassName'], `the default ${JSON.stringify(defaultName)} must be allowed by allowedRuntimeClassNames`);
  }
}

function profileAnnotations(annotations: Record<string, unknown>, problems: Problems): void {
  const at = (key: string): FieldPath => ['metadata', 'annotations', key];
  const seccompDefault = annotations[SECCOMP_DEFAULT_ANNOTATION];
  if (typeof seccompDefault === 'string' && seccompDefault !== '') {
    const problem = seccompProfileProblem(seccompDefault);
    if (problem !== undefined) problems.refused(at(SECCOMP_DEFAULT_ANNOTATION), problem);
  }
  const seccompAllowed = annotations[SECCOMP_ALLOWED_ANNOTATION];
  if (typeof seccompAllowed === 'string' && seccompAllowed !== '') {
    for (const profile of seccompAllowed.split(',')) {
      const problem = profile === '*' ? undefined : seccompProfileProblem(profile);
      if (problem !== undefined) problems.refused(at(SECCOMP_ALLOWED_ANNOTATION), problem);
    }
  }
  const appArmorDefault = annotations[APPARMOR_DEFAULT_ANNOTATION];
  if (typeof appArmorDefault === 'string') {
    const problem = appArmorProfileProblem(appArmorDefault);
    if (problem !== undefined) problems.refused(at(APPARMOR_DEFAULT_ANNOTATION), problem);
  }
  const appArmorAllowed = annotations[APPARMOR_ALLOWED_ANNOTATION];
  if (typeof appArmorAllowed === 'string' && appArmorAllowed !== '') {
    for (const profile of appArmorAllowed.split(',')) {
      const problem = appArmorProfileProblem(profile);
      if (problem !== undefined) problems.refused(at(APPARMOR_ALLOWED_ANNOTATION), problem);
    }
  }
}
