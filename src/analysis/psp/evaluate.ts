/**
 * One PodSecurityPolicy against one pod, as the admission plugin did it (1.24,
 * pkg/security/podsecuritypolicy): first the policy's defaults fill what the pod leaves unset
 * (MustRunAs user and groups, runAsNonRoot, defaultAddCapabilities and requiredDropCapabilities,
 * readOnlyRootFilesystem, privilege escalation, default seccomp and AppArmor profiles, SELinux
 * options, RuntimeClass), then every container and the pod are validated against it.
 *
 * Containers are judged on their effective security context (pod-level settings they inherit
 * included), and a violation points at the field to change: the container's own field, the
 * pod-level one it inherits, or where the missing field belongs.
 */
import { formatPath, isRecord, type FieldPath } from '../../model/path';
import { containerEntries, recordAt, valueAt, type ContainerEntry, type Setting } from '../security-context';
import { APPARMOR_ALLOWED_ANNOTATION, SECCOMP_ALLOWED_ANNOTATION } from './parse';
import { APPARMOR_CONTAINER_ANNOTATION_PREFIX, profileFieldText, SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from './profiles';
import { hostPortRangesText, inAnyRange, rangesText } from './ranges';
import { matchesAnySysctlPattern, SAFE_SYSCTLS } from './sysctls';
import type { IdStrategy, PolicyEvaluation, ProfilePolicy, Psp, PspViolation } from './types';
import { hostPathAllowance, isServiceAccountTokenProjection, volumeType } from './volumes';

/** A pod's spec and metadata (of a bare Pod or of a workload's pod template). */
export interface PodInput {
  readonly spec: unknown;
  readonly metadata: unknown;
}

interface PodFacts {
  readonly spec: Record<string, unknown>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly securityContext: Record<string, unknown> | undefined;
  readonly containers: readonly ContainerEntry[];
}

/** Collects violations (once each) and whether a default was applied. */
class Verdict {
  readonly violations: PspViolation[] = [];
  mutated = false;
  private readonly seen = new Map<string, number>();

  /** The same violation for several containers (a pod-level setting they inherit) is kept once, for the pod. */
  add(violation: PspViolation): void {
    const key = `${violation.scope}|${formatPath(violation.path)}|${formatPath(violation.policyField)}|${violation.message}`;
    const at = this.seen.get(key);
    if (at === undefined) {
      this.seen.set(key, this.violations.length);
      this.violations.push(violation);
    } else if (this.violations[at].container !== violation.container) {
      const { container: _shared, ...podWide } = this.violations[at];
      this.violations[at] = podWide;
    }
  }

  spec(policyField: FieldPath, path: FieldPath, message: string, container?: string): void {
    this.add({ policyField, scope: 'spec', path, message, ...(container === undefined ? {} : { container }) });
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function integerSetting(setting: Setting | undefined): number | undefined {
  return setting !== undefined && isInteger(setting.value) ? setting.value : undefined;
}

function booleanSetting(setting: Setting | undefined): boolean | undefined {
  return setting !== undefined && typeof setting.value === 'boolean' ? setting.value : undefined;
}

function stringList(value: unknown): { item: string; index: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, index) => (typeof item === 'string' ? [{ item, index }] : []));
}

function podFacts(pod: PodInput): PodFacts {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(recordAt(pod.metadata, 'annotations') ?? {})) if (typeof value === 'string') annotations[key] = value;
  return { spec, annotations, securityContext: recordAt(spec, 'securityContext'), containers: containerEntries(spec) };
}

/** Evaluates a policy the API server accepted (see `policyProblems` for the others). */
export function evaluatePolicy(policy: Psp, pod: PodInput): PolicyEvaluation {
  const facts = podFacts(pod);
  const verdict = new Verdict();
  hostNamespaces(policy, facts, verdict);
  volumes(policy, facts, verdict);
  sysctls(policy, facts, verdict);
  runtimeClass(policy, facts, verdict);
  podGroups(policy, facts, verdict);
  podSeLinux(policy, facts, verdict);
  const podSeccomp = podSeccompProfile(policy, facts, verdict);
  for (const entry of facts.containers) {
    runAsUser(policy, entry, verdict);
    runAsGroup(policy, entry, verdict);
    containerSeLinux(policy, entry, verdict);
    appArmor(policy, facts, entry, verdict);
    containerSeccomp(policy, facts, entry, podSeccomp, verdict);
    privileged(policy, entry, verdict);
    procMount(policy, entry, verdict);
    capabilities(policy, entry, verdict);
    hostPorts(policy, facts, entry, verdict);
    readOnlyRootFilesystem(policy, entry, verdict);
    privilegeEscalation(policy, entry, verdict);
  }
  return { policy, violations: verdict.violations, mutated: verdict.mutated };
}

// host namespaces ---------------------------------------------------------------------------

const HOST_NAMESPACE_MESSAGES = {
  hostNetwork: 'Host network is not allowed to be used',
  hostPID: 'Host PID is not allowed to be used',
  hostIPC: 'Host IPC is not allowed to be used',
} as const;

function hostNamespaces(policy: Psp, facts: PodFacts, verdict: Verdict): void {
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (facts.spec[key] === true && !policy[key]) verdict.spec(['spec', key], [key], HOST_NAMESPACE_MESSAGES[key]);
  }
}

// volumes -----------------------------------------------------------------------------------

function volumes(policy: Psp, facts: PodFacts, verdict: Verdict): void {
  const list = facts.spec.volumes;
  if (!Array.isArray(list)) return;
  const allowsAll = policy.volumes.includes('*');
  const allowed = new Set(policy.volumes);
  list.forEach((volume: unknown, index) => {
    if (!isRecord(volume)) return;
    const { fsType, field } = volumeType(volume);
    const name = typeof volume.name === 'string' ? volume.name : `volumes[${index}]`;
    const typeAllowed = allowsAll || allowed.has(fsType) || (fsType === 'projected' && allowed.has('secret') && isServiceAccountTokenProjection(volume.projected));
    if (!typeAllowed) {
      verdict.spec(['spec', 'volumes'], field === undefined ? ['volumes', index] : ['volumes', index, field], `${fsType} volumes are not allowed to be used (volume "${name}")`);
      return;
    }
    if (fsType === 'hostPath') hostPathVolume(policy, facts, volume, index, verdict);
    if (fsType === 'flexVolume') driverVolume(policy.allowedFlexVolumes, valueAt(volume.flexVolume, 'driver'), ['spec', 'allowedFlexVolumes'], ['volumes', index, 'flexVolume', 'driver'], 'Flexvolume driver', verdict);
    if (fsType === 'csi') driverVolume(policy.allowedCSIDrivers, valueAt(volume.csi, 'driver'), ['spec', 'allowedCSIDrivers'], ['volumes', index, 'csi', 'driver'], 'Inline CSI driver', verdict);
  });
}

function hostPathVolume(policy: Psp, facts: PodFacts, volume: Record<string, unknown>, index: number, verdict: Verdict): void {
  const rawPath = valueAt(volume.hostPath, 'path');
  const path = typeof rawPath === 'string' ? rawPath : '';
  const allowance = hostPathAllowance(policy.allowedHostPaths, path);
  const allowedList = policy.allowedHostPaths.map((p) => `${p.pathPrefix}${p.readOnly ? ' (read-only)' : ''}`).join(', ');
  if (!allowance.allowed) {
    verdict.spec(['spec', 'allowedHostPaths'], ['volumes', index, 'hostPath', 'path'], `host path ${JSON.stringify(path)} is not allowed to be used (allowed: ${allowedList})`);
    return;
  }
  if (!allowance.readOnly) return;
  // Every mount of a volume allowed read-only only must be read-only.
  for (const entry of facts.containers) {
    const mounts = entry.container.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    mounts.forEach((mount: unknown, mountIndex) => {
      if (!isRecord(mount) || mount.name !== volume.name || mount.readOnly === true) return;
      verdict.spec(
        ['spec', 'allowedHostPaths'],
        [...entry.path, 'volumeMounts', mountIndex, 'readOnly'],
        `must be read-only: host path ${JSON.stringify(path)} is allowed read-only only`,
        entry.name,
      );
    });
  }
}

function driverVolume(allowed: readonly string[], driver: unknown, policyField: FieldPath, path: FieldPath, what: string, verdict: Verdict): void {
  // An empty list allows every driver.
  if (allowed.length === 0) return;
  const name = typeof driver === 'string' ? driver : '';
  if (!allowed.includes(name)) verdict.spec(policyField, path, `${what} ${JSON.stringify(name)} is not allowed to be used`);
}

// sysctls -----------------------------------------------------------------------------------

function sysctls(policy: Psp, facts: PodFacts, verdict: Verdict): void {
  const list = valueAt(facts.securityContext, 'sysctls');
  if (!Array.isArray(list)) return;
  list.forEach((sysctl: unknown, index) => {
    const rawName = valueAt(sysctl, 'name');
    const name = typeof rawName === 'string' ? rawName : '';
    const path = ['securityContext', 'sysctls', index, 'name'];
    if (matchesAnySysctlPattern(name, policy.forbiddenSysctls)) verdict.spec(['spec', 'forbiddenSysctls'], path, `sysctl ${JSON.stringify(name)} is not allowed`);
    else if (!SAFE_SYSCTLS.has(name) && !matchesAnySysctlPattern(name, policy.allowedUnsafeSysctls)) {
      verdict.spec(['spec', 'allowedUnsafeSysctls'], path, `unsafe sysctl ${JSON.stringify(name)} is not allowed`);
    }
  });
}

// RuntimeClass ------------------------------------------------------------------------------

function runtimeClass(policy: Psp, facts: PodFacts, verdict: Verdict): void {
  const strategy = policy.runtimeClass;
  if (strategy === undefined) return;
  const name = facts.spec.runtimeClassName;
  if (typeof name !== 'string') {
    // An unset RuntimeClass is always allowed; the policy's default fills it.
    if (strategy.defaultName !== undefined) verdict.mutated = true;
    return;
  }
  if (strategy.allowed.includes('*') || strategy.allowed.includes(name)) return;
  const allowed = strategy.allowed.length === 0 ? 'none: runtimeClassName must be unset' : strategy.allowed.join(', ');
  verdict.spec(['spec', 'runtimeClass', 'allowedRuntimeClassNames'], ['runtimeClassName'], `RuntimeClass ${JSON.stringify(name)} is not allowed (allowed: ${allowed})`);
}

// fsGroup, supplementalGroups, runAsGroup ---------------------------------------------------

function groupMessage(group: number, strategy: IdStrategy): string {
  return `group ${group} must be in the ranges: ${rangesText(strategy.ranges)}`;
}

function restrictsGroups(strategy: IdStrategy): boolean {
  return strategy.rule === 'MustRunAs' || strategy.rule === 'MayRunAs';
}

function podGroups(policy: Psp, facts: PodFacts, verdict: Verdict): void {
  const fsGroup = valueAt(facts.securityContext, 'fsGroup');
  if (!isInteger(fsGroup)) {
    if (policy.fsGroup.rule === 'MustRunAs') verdict.mutated = true;
  } else if (restrictsGroups(policy.fsGroup) && !inAnyRange(fsGroup, policy.fsGroup.ranges)) {
    verdict.spec(['spec', 'fsGroup'], ['securityContext', 'fsGroup'], groupMessage(fsGroup, policy.fsGroup));
  }

  const list = valueAt(facts.securityContext, 'supplementalGroups');
  const groups = Array.isArray(list) ? list.flatMap((group: unknown, index) => (isInteger(group) ? [{ group, index }] : [])) : [];
  if (groups.length === 0) {
    if (policy.supplementalGroups.rule === 'MustRunAs') verdict.mutated = true;
    return;
  }
  if (!restrictsGroups(policy.supplementalGroups)) return;
  for (const { group, index } of groups) {
    if (!inAnyRange(group, policy.supplementalGroups.ranges)) {
      verdict.spec(['spec', 'supplementalGroups'], ['securityContext', 'supplementalGroups', index], groupMessage(group, policy.supplementalGroups));
    }
  }
}

function runAsGroup(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const strategy = policy.runAsGroup;
  if (strategy === undefined) return;
  const setting = entry.effective.runAsGroup;
  const gid = integerSetting(setting);
  if (gid === undefined) {
    if (strategy.rule === 'MustRunAs') verdict.mutated = true;
    return;
  }
  if (restrictsGroups(strategy) && !inAnyRange(gid, strategy.ranges) && setting !== undefined) {
    verdict.spec(['spec', 'runAsGroup'], setting.path, `${groupMessage(gid, strategy)}`, entry.name);
  }
}

// runAsUser ---------------------------------------------------------------------------------

function runAsUser(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const { rule, ranges } = policy.runAsUser;
  const userSetting = entry.effective.runAsUser;
  const nonRootSetting = entry.effective.runAsNonRoot;
  const uid = integerSetting(userSetting);
  const nonRoot = booleanSetting(nonRootSetting);
  const securityContext = [...entry.path, 'securityContext'];
  if (rule === 'MustRunAs') {
    // Unset: the policy sets the first range's min, which is allowed.
    if (uid === undefined) {
      verdict.mutated = true;
      return;
    }
    if (!inAnyRange(uid, ranges)) {
      verdict.spec(['spec', 'runAsUser'], userSetting?.path ?? [...securityContext, 'runAsUser'], `runAsUser ${uid} must be in the ranges: ${rangesText(ranges)}`, entry.name);
    }
  } else if (rule === 'MustRunAsNonRoot') {
    if (nonRoot === undefined && uid === undefined) {
      verdict.mutated = true;
      return;
    }
    if (nonRoot === false) {
      verdict.spec(['spec', 'runAsUser'], nonRootSetting?.path ?? [...securityContext, 'runAsNonRoot'], `runAsNonRoot must be true`, entry.name);
    } else if (uid === 0) {
      verdict.spec(['spec', 'runAsUser'], userSetting?.path ?? [...securityContext, 'runAsUser'], `running with the root UID is forbidden`, entry.name);
    }
  }
}

// SELinux -----------------------------------------------------------------------------------

const SELINUX_FIELDS = ['level', 'role', 'type', 'user'] as const;

/** SELinux levels are equal with their categories in any order (`s0:c6,c0` is `s0:c0,c6`). */
export function equalSeLinuxLevels(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  const e = splitOnce(expected);
  const a = splitOnce(actual);
  if (e === undefined || a === undefined || e[0] !== a[0]) return false;
  return e[1].split(',').sort().join(',') === a[1].split(',').sort().join(',');
}

function splitOnce(level: string): [string, string] | undefined {
  const at = level.indexOf(':');
  return at < 0 ? undefined : [level.slice(0, at), level.slice(at + 1)];
}

function validateSeLinux(policy: Psp, options: Record<string, unknown>, path: FieldPath, verdict: Verdict, container?: string): void {
  const required = policy.seLinux.options;
  if (required === undefined) return;
  for (const field of SELINUX_FIELDS) {
    const raw = options[field];
    const actual = typeof raw === 'string' ? raw : '';
    const expected = required[field];
    const equal = field === 'level' ? equalSeLinuxLevels(expected, actual) : expected === actual;
    if (equal) continue;
    const must = expected === '' ? 'must not be set' : `must be ${expected}`;
    verdict.spec(['spec', 'seLinux', 'seLinuxOptions', field], [...path, field], `seLinuxOptions.${field} ${must}`, container);
  }
}

function podSeLinux(policy: Psp, facts: PodFacts, verdict: Verdict): void {
  if (policy.seLinux.rule !== 'MustRunAs') return;
  const options = recordAt(facts.securityContext, 'seLinuxOptions');
  if (options === undefined) verdict.mutated = true;
  else validateSeLinux(policy, options, ['securityContext', 'seLinuxOptions'], verdict);
}

function containerSeLinux(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const setting = entry.effective.seLinuxOptions;
  // Options inherited from the pod were validated there; none at all were defaulted with the pod's.
  if (policy.seLinux.rule !== 'MustRunAs' || setting === undefined || setting.source !== 'container' || !isRecord(setting.value)) return;
  validateSeLinux(policy, setting.value, setting.path, verdict, entry.name);
}

// seccomp -----------------------------------------------------------------------------------

interface Profile {
  readonly profile: string;
  readonly scope: 'spec' | 'metadata';
  /** Where the profile is (or where the policy's default goes). */
  readonly path: FieldPath;
}

const SECCOMP_POLICY_FIELD: FieldPath = ['metadata', 'annotations', SECCOMP_ALLOWED_ANNOTATION];

function seccompAllowed(policy: ProfilePolicy, profile: string): boolean {
  // Without an allowed list, only "no profile" (the runtime's default) is allowed.
  if ((policy.allowed === undefined || policy.allowed.size === 0) && profile === '') return true;
  return policy.allowAny || policy.allowed?.has(profile) === true;
}

function validateSeccomp(policy: Psp, found: Profile, verdict: Verdict, container?: string): void {
  const seccomp = policy.seccomp;
  let message: string | undefined;
  if (!seccomp.allowAny && (seccomp.allowed === undefined || seccomp.allowed.size === 0) && found.profile !== '') {
    message = `seccomp may not be set: the policy allows no seccomp profile, and ${found.profile} is set`;
  } else if (!seccompAllowed(seccomp, found.profile)) {
    message = `${found.profile === '' ? 'no profile' : found.profile} is not an allowed seccomp profile. Valid values are ${seccomp.allowedText}`;
  }
  if (message !== undefined) verdict.add({ policyField: SECCOMP_POLICY_FIELD, scope: found.scope, path: found.path, message, ...(container === undefined ? {} : { container }) });
}

function podSeccompProfile(policy: Psp, facts: PodFacts, verdict: Verdict): Profile {
  let found: Profile;
  const annotation = facts.annotations[SECCOMP_POD_ANNOTATION];
  const field = profileFieldText(valueAt(facts.securityContext, 'seccompProfile'));
  if (annotation !== undefined && annotation !== '') found = { profile: annotation, scope: 'metadata', path: ['annotations', SECCOMP_POD_ANNOTATION] };
  else if (field !== '') found = { profile: field, scope: 'spec', path: ['securityContext', 'seccompProfile'] };
  else {
    found = { profile: policy.seccomp.defaultProfile, scope: 'spec', path: ['securityContext', 'seccompProfile'] };
    if (found.profile !== '') verdict.mutated = true;
  }
  validateSeccomp(policy, found, verdict);
  return found;
}

function containerSeccomp(policy: Psp, facts: PodFacts, entry: ContainerEntry, pod: Profile, verdict: Verdict): void {
  const key = `${SECCOMP_CONTAINER_ANNOTATION_PREFIX}${entry.name}`;
  const own = entry.effective.seccompProfile;
  let found = pod;
  if (Object.prototype.hasOwnProperty.call(facts.annotations, key)) found = { profile: facts.annotations[key], scope: 'metadata', path: ['annotations', key] };
  else if (own !== undefined && own.source === 'container' && profileFieldText(own.value) !== '') found = { profile: profileFieldText(own.value), scope: 'spec', path: own.path };
  // A profile inherited from the pod was judged with the pod.
  if (found === pod) return;
  validateSeccomp(policy, found, verdict, entry.name);
}

// AppArmor ----------------------------------------------------------------------------------

function appArmor(policy: Psp, facts: PodFacts, entry: ContainerEntry, verdict: Verdict): void {
  const key = `${APPARMOR_CONTAINER_ANNOTATION_PREFIX}${entry.name}`;
  const setting = entry.effective.appArmorProfile;
  let found: Profile;
  const annotation = facts.annotations[key];
  if (annotation !== undefined && annotation !== '') found = { profile: annotation, scope: 'metadata', path: ['annotations', key] };
  else if (setting !== undefined && profileFieldText(setting.value) !== '') found = { profile: profileFieldText(setting.value), scope: 'spec', path: setting.path };
  else {
    found = { profile: policy.appArmor.defaultProfile, scope: 'spec', path: [...entry.path, 'securityContext', 'appArmorProfile'] };
    if (found.profile !== '') verdict.mutated = true;
  }
  const allowed = policy.appArmor.allowed;
  // Without an allowed list every profile is allowed.
  if (allowed === undefined) return;
  let message: string | undefined;
  if (found.profile === '') {
    if (allowed.size > 0) message = `AppArmor profile must be set`;
  } else if (!allowed.has(found.profile)) {
    message = `${found.profile} is not an allowed profile. Allowed values: ${JSON.stringify(policy.appArmor.allowedText)}`;
  }
  if (message !== undefined) verdict.add({ policyField: ['metadata', 'annotations', APPARMOR_ALLOWED_ANNOTATION], scope: found.scope, path: found.path, message, container: entry.name });
}

// container settings ------------------------------------------------------------------------

function privileged(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const setting = entry.effective.privileged;
  if (policy.privileged || setting === undefined || setting.value !== true) return;
  verdict.spec(['spec', 'privileged'], setting.path, `Privileged containers are not allowed`, entry.name);
}

function procMount(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const setting = entry.effective.procMount;
  const value = setting !== undefined && typeof setting.value === 'string' ? setting.value : 'Default';
  const allowed = policy.allowedProcMountTypes.length === 0 ? ['Default'] : policy.allowedProcMountTypes;
  if (allowed.includes(value)) return;
  verdict.spec(['spec', 'allowedProcMountTypes'], setting?.path ?? [...entry.path, 'securityContext', 'procMount'], `ProcMountType ${value} is not allowed`, entry.name);
}

function capabilities(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const setting = entry.effective.capabilities;
  const caps = setting !== undefined && isRecord(setting.value) ? setting.value : undefined;
  const add = stringList(caps?.add);
  const drop = new Set(stringList(caps?.drop).map(({ item }) => item));
  const defaultAdd = new Set(policy.defaultAddCapabilities);
  const addedByDefault = policy.defaultAddCapabilities.filter((cap) => !drop.has(cap) && !add.some(({ item }) => item === cap));
  const droppedByDefault = policy.requiredDropCapabilities.filter((cap) => !drop.has(cap));
  if (addedByDefault.length > 0 || droppedByDefault.length > 0) verdict.mutated = true;
  // requiredDropCapabilities are added to the drop list, so they never reject a pod.
  if (setting === undefined || policy.allowedCapabilities.includes('*')) return;
  const allowed = new Set(policy.allowedCapabilities);
  for (const { item, index } of add) {
    if (defaultAdd.has(item) || allowed.has(item)) continue;
    verdict.spec(['spec', 'allowedCapabilities'], [...setting.path, 'add', index], `capability ${item} may not be added`, entry.name);
  }
}

function hostPorts(policy: Psp, facts: PodFacts, entry: ContainerEntry, verdict: Verdict): void {
  const ports = entry.container.ports;
  if (!Array.isArray(ports)) return;
  // With hostNetwork the API server sets each hostPort to its containerPort (init and regular containers).
  const hostNetworkDefault = facts.spec.hostNetwork === true && entry.list !== 'ephemeralContainers';
  ports.forEach((port: unknown, index) => {
    if (!isRecord(port)) return;
    let hostPort = isInteger(port.hostPort) ? port.hostPort : 0;
    let path: FieldPath = [...entry.path, 'ports', index, 'hostPort'];
    let note = '';
    if (hostPort === 0 && hostNetworkDefault && isInteger(port.containerPort)) {
      hostPort = port.containerPort;
      path = [...entry.path, 'ports', index, 'containerPort'];
      note = ' (with hostNetwork, the containerPort is also the hostPort)';
    }
    if (hostPort <= 0 || inAnyRange(hostPort, policy.hostPorts)) return;
    verdict.spec(['spec', 'hostPorts'], path, `Host port ${hostPort} is not allowed to be used. Allowed ports: [${hostPortRangesText(policy.hostPorts)}]${note}`, entry.name);
  });
}

function readOnlyRootFilesystem(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  if (!policy.readOnlyRootFilesystem) return;
  const setting = entry.effective.readOnlyRootFilesystem;
  const value = booleanSetting(setting);
  if (value === undefined) {
    verdict.mutated = true;
    return;
  }
  if (!value && setting !== undefined) verdict.spec(['spec', 'readOnlyRootFilesystem'], setting.path, `ReadOnlyRootFilesystem must be set to true`, entry.name);
}

function privilegeEscalation(policy: Psp, entry: ContainerEntry, verdict: Verdict): void {
  const setting = entry.effective.allowPrivilegeEscalation;
  let value = booleanSetting(setting);
  if (value === undefined) {
    if (policy.defaultAllowPrivilegeEscalation !== undefined) value = policy.defaultAllowPrivilegeEscalation;
    else if (!policy.allowPrivilegeEscalation) value = false;
    if (value !== undefined) verdict.mutated = true;
  }
  if (policy.allowPrivilegeEscalation || value === false) return;
  verdict.spec(
    ['spec', 'allowPrivilegeEscalation'],
    setting?.path ?? [...entry.path, 'securityContext', 'allowPrivilegeEscalation'],
    `Allowing privilege escalation for containers is not allowed`,
    entry.name,
  );
}
