/**
 * The baseline checks of Pod Security Admission, one pure function per check and policy
 * version, following `staging/src/k8s.io/pod-security-admission/policy/check_*.go`.
 * Each returns one finding per container (container-level controls) or per offending pod-level
 * field, worded as the API server words it.
 */
import { isRecord, type FieldPath } from '../../model/path';
import { isSet, recordAt, valueAt, type ContainerEntry } from '../security-context';
import { containerFinding, containerLabel, itemsOf, joinQuote, pluralize, podFinding, sortedSet, text } from './helpers';
import type { CheckDefinition, CheckFn, Finding, PodFacts } from './types';

const SC = 'securityContext';

function containerSecurityContext(entry: ContainerEntry): Record<string, unknown> | undefined {
  return recordAt(entry.container, SC);
}

/**
 * A profile (`seccompProfile`, `appArmorProfile`) that is set, and its type. A profile that
 * is not a mapping counts as set without a type, so `seccompProfile: RuntimeDefault` is not
 * mistaken for an absent profile.
 */
export function profileOf(securityContext: Record<string, unknown> | undefined, key: string): { type: unknown } | undefined {
  const profile = valueAt(securityContext, key);
  return profile === undefined ? undefined : { type: valueAt(profile, 'type') };
}

// windowsHostProcess (1.0) -------------------------------------------------------------------

const HOST_PROCESS_DETAIL = 'must not set securityContext.windowsOptions.hostProcess=true';

export const windowsHostProcess: CheckFn = (pod) => {
  const out: Finding[] = [];
  if (valueAt(recordAt(pod.podSecurityContext, 'windowsOptions'), 'hostProcess') === true) {
    out.push(podFinding('hostProcess', `pod ${HOST_PROCESS_DETAIL}`, [SC, 'windowsOptions', 'hostProcess']));
  }
  for (const entry of pod.containers) {
    if (valueAt(recordAt(containerSecurityContext(entry), 'windowsOptions'), 'hostProcess') === true) {
      out.push(containerFinding(entry, 'hostProcess', `${containerLabel(entry)} ${HOST_PROCESS_DETAIL}`, [...entry.path, SC, 'windowsOptions', 'hostProcess']));
    }
  }
  return out;
};

// hostNamespaces (1.0) -----------------------------------------------------------------------

export const hostNamespaces: CheckFn = (pod) =>
  (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((key) => pod.spec[key] === true).map((key) => podFinding('host namespaces', `${key}=true`, [key]));

// privileged (1.0) ---------------------------------------------------------------------------

export const privileged: CheckFn = (pod) =>
  pod.containers
    .filter((entry) => valueAt(containerSecurityContext(entry), 'privileged') === true)
    .map((entry) => containerFinding(entry, 'privileged', `${containerLabel(entry)} must not set securityContext.privileged=true`, [...entry.path, SC, 'privileged']));

// capabilities_baseline (1.0) ----------------------------------------------------------------

export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Entries of `capabilities.add` outside an allowed set, with the path of the first one. */
export function forbiddenAdds(entry: ContainerEntry, allowed: (capability: unknown) => boolean): { names: string[]; first: FieldPath } | undefined {
  const adds = itemsOf(valueAt(recordAt(containerSecurityContext(entry), 'capabilities'), 'add')).filter(({ item }) => !allowed(item));
  if (adds.length === 0) return undefined;
  return { names: sortedSet(adds.map(({ item }) => text(item))), first: [...entry.path, SC, 'capabilities', 'add', adds[0].index] };
}

export function addDetail(entry: ContainerEntry, names: readonly string[]): string {
  return `${containerLabel(entry)} must not include ${joinQuote(names)} in securityContext.capabilities.add`;
}

export const capabilitiesBaseline: CheckFn = (pod) => {
  const out: Finding[] = [];
  for (const entry of pod.containers) {
    const bad = forbiddenAdds(entry, (c) => typeof c === 'string' && BASELINE_CAPABILITIES.has(c));
    if (bad !== undefined) out.push(containerFinding(entry, 'non-default capabilities', addDetail(entry, bad.names), bad.first));
  }
  return out;
};

// hostPathVolumes (1.0) ----------------------------------------------------------------------

/** The volumes of the pod spec that are mappings, with their indexes. */
export function volumesOf(pod: PodFacts): { volume: Record<string, unknown>; index: number; name: string }[] {
  return itemsOf(pod.spec.volumes).flatMap(({ item, index }) => (isRecord(item) ? [{ volume: item, index, name: text(item.name) }] : []));
}

export const hostPathVolumes: CheckFn = (pod) =>
  volumesOf(pod)
    .filter(({ volume }) => isSet(valueAt(volume, 'hostPath')))
    .map(({ index, name }) => podFinding('hostPath volumes', `volume "${name}"`, ['volumes', index, 'hostPath']));

// hostPorts (1.0) ----------------------------------------------------------------------------

export const hostPorts: CheckFn = (pod) => {
  const out: Finding[] = [];
  for (const entry of pod.containers) {
    const bad = itemsOf(entry.container.ports).filter(({ item }) => {
      const hostPort = valueAt(item, 'hostPort');
      return hostPort !== undefined && hostPort !== 0;
    });
    if (bad.length === 0) continue;
    const ports = sortedSet(bad.map(({ item }) => text(valueAt(item, 'hostPort'))));
    out.push(
      containerFinding(
        entry,
        'hostPort',
        `${containerLabel(entry)} uses ${pluralize('hostPort', 'hostPorts', ports.length)} ${ports.join(', ')}`,
        [...entry.path, 'ports', bad[0].index, 'hostPort'],
      ),
    );
  }
  return out;
};

// hostProbesAndHostLifecycle (1.34) ----------------------------------------------------------

const HANDLER_PATHS: readonly (readonly string[])[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

/** Every non-empty `host` of the probes and lifecycle handlers of a container, in visit order. */
function probeHosts(entry: ContainerEntry): { host: string; path: FieldPath }[] {
  const out: { host: string; path: FieldPath }[] = [];
  for (const handlerPath of HANDLER_PATHS) {
    let handler: unknown = entry.container;
    for (const key of handlerPath) handler = recordAt(handler, key);
    for (const action of ['httpGet', 'tcpSocket']) {
      const host = valueAt(recordAt(handler, action), 'host');
      if (host !== undefined && host !== '') out.push({ host: text(host), path: [...entry.path, ...handlerPath, action, 'host'] });
    }
  }
  return out;
}

export const hostProbesAndHostLifecycle: CheckFn = (pod) => {
  const out: Finding[] = [];
  for (const entry of pod.containers) {
    const hosts = probeHosts(entry);
    if (hosts.length === 0) continue;
    const names = sortedSet(hosts.map((h) => h.host));
    out.push(
      containerFinding(
        entry,
        'probe or lifecycle host',
        `${containerLabel(entry)} uses ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', names.length)} ${joinQuote(names)}`,
        hosts[0].path,
      ),
    );
  }
  return out;
};

// appArmorProfile (1.0: the fields, and the deprecated annotations) --------------------------

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAppArmorType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function allowedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

function appArmorFinding(setter: string, values: readonly string[], path: FieldPath, entry?: ContainerEntry, scope: 'spec' | 'metadata' = 'spec'): Finding {
  const reason = pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length);
  const detail = `${setter} must not set AppArmor profile type to ${joinQuote(values)}`;
  return entry === undefined ? podFinding(reason, detail, path, scope) : containerFinding(entry, reason, detail, path);
}

export const appArmorProfile: CheckFn = (pod) => {
  const out: Finding[] = [];
  const podProfile = profileOf(pod.podSecurityContext, 'appArmorProfile');
  if (podProfile !== undefined && !allowedAppArmorType(podProfile.type)) {
    out.push(appArmorFinding('pod', [text(podProfile.type)], [SC, 'appArmorProfile', 'type']));
  }
  for (const entry of pod.containers) {
    const profile = profileOf(containerSecurityContext(entry), 'appArmorProfile');
    if (profile !== undefined && !allowedAppArmorType(profile.type)) {
      out.push(appArmorFinding(containerLabel(entry), [text(profile.type)], [...entry.path, SC, 'appArmorProfile', 'type'], entry));
    }
  }
  const annotations = recordAt(pod.metadata, 'annotations') ?? {};
  for (const key of Object.keys(annotations).sort()) {
    const value = annotations[key];
    if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || typeof value !== 'string' || allowedAppArmorAnnotation(value)) continue;
    out.push(appArmorFinding('annotation', [`${key}=${JSON.stringify(value)}`], ['annotations', key], undefined, 'metadata'));
  }
  return out;
};

// seLinuxOptions (1.0, 1.31) -----------------------------------------------------------------

const SELINUX_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_1_31 = [...SELINUX_TYPES_1_0, 'container_engine_t'];

/** What is wrong with one seLinuxOptions, and the field to change first. */
function seLinuxProblems(options: Record<string, unknown>, allowedTypes: readonly string[], base: FieldPath): { problems: string[]; path: FieldPath } | undefined {
  const problems: string[] = [];
  const paths: FieldPath[] = [];
  const type = valueAt(options, 'type') ?? '';
  if (typeof type !== 'string' || !allowedTypes.includes(type)) {
    problems.push(`type "${text(type)}"`);
    paths.push([...base, 'type']);
  }
  for (const key of ['user', 'role']) {
    const value = valueAt(options, key);
    if (value !== undefined && value !== '') {
      problems.push(`${key} may not be set`);
      paths.push([...base, key]);
    }
  }
  return problems.length === 0 ? undefined : { problems, path: paths[0] };
}

function seLinuxOptionsCheck(allowedTypes: readonly string[]): CheckFn {
  return (pod) => {
    const out: Finding[] = [];
    const detail = (setter: string, problems: readonly string[]): string => `${setter} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`;
    const podOptions = recordAt(pod.podSecurityContext, 'seLinuxOptions');
    const podBad = podOptions === undefined ? undefined : seLinuxProblems(podOptions, allowedTypes, [SC, 'seLinuxOptions']);
    if (podBad !== undefined) out.push(podFinding('seLinuxOptions', detail('pod', podBad.problems), podBad.path));
    for (const entry of pod.containers) {
      const options = recordAt(containerSecurityContext(entry), 'seLinuxOptions');
      const bad = options === undefined ? undefined : seLinuxProblems(options, allowedTypes, [...entry.path, SC, 'seLinuxOptions']);
      if (bad !== undefined) out.push(containerFinding(entry, 'seLinuxOptions', detail(containerLabel(entry), bad.problems), bad.path));
    }
    return out;
  };
}

// procMount (1.0; relaxed for user-namespace pods from 1.35) ---------------------------------

export const procMountStrict: CheckFn = (pod) => {
  const out: Finding[] = [];
  for (const entry of pod.containers) {
    const procMount = valueAt(containerSecurityContext(entry), 'procMount');
    if (procMount === undefined || procMount === 'Default') continue;
    out.push(containerFinding(entry, 'procMount', `${containerLabel(entry)} must not set securityContext.procMount to ${joinQuote([text(procMount)])}`, [...entry.path, SC, 'procMount']));
  }
  return out;
};

const procMountBaseline1Dot35: CheckFn = (pod) => (pod.userNamespace ? [] : procMountStrict(pod));

// seccompProfile_baseline (1.0: annotations; 1.19: fields) -----------------------------------

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validSeccompAnnotation(value: unknown): boolean {
  return value === 'runtime/default' || value === 'docker/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

const seccompBaseline1Dot0: CheckFn = (pod) => {
  const annotations = recordAt(pod.metadata, 'annotations') ?? {};
  const keys = [SECCOMP_POD_ANNOTATION, ...pod.containers.map((entry) => SECCOMP_CONTAINER_ANNOTATION_PREFIX + entry.name)];
  return sortedSet(keys.filter((key) => Object.prototype.hasOwnProperty.call(annotations, key) && !validSeccompAnnotation(annotations[key]))).map((key) =>
    podFinding('seccompProfile', `forbidden annotation ${key}=${JSON.stringify(text(annotations[key]))}`, ['annotations', key], 'metadata'),
  );
};

export function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

export function seccompTypeDetail(setter: string, type: unknown): string {
  return `${setter} must not set securityContext.seccompProfile.type to ${joinQuote([text(type)])}`;
}

/** Explicitly invalid seccomp profiles: the pod's and each container's own. */
export function explicitSeccompFindings(pod: PodFacts): Finding[] {
  const out: Finding[] = [];
  const podProfile = profileOf(pod.podSecurityContext, 'seccompProfile');
  if (podProfile !== undefined && !validSeccompType(podProfile.type)) {
    out.push(podFinding('seccompProfile', seccompTypeDetail('pod', podProfile.type), [SC, 'seccompProfile', 'type']));
  }
  for (const entry of pod.containers) {
    const profile = profileOf(containerSecurityContext(entry), 'seccompProfile');
    if (profile !== undefined && !validSeccompType(profile.type)) {
      out.push(containerFinding(entry, 'seccompProfile', seccompTypeDetail(containerLabel(entry), profile.type), [...entry.path, SC, 'seccompProfile', 'type']));
    }
  }
  return out;
}

// sysctls (1.0, 1.27, 1.29, 1.32) ------------------------------------------------------------

const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [...SYSCTLS_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctlsCheck(allowed: readonly string[]): CheckFn {
  const safe = new Set(allowed);
  return (pod) =>
    itemsOf(valueAt(pod.podSecurityContext, 'sysctls')).flatMap(({ item, index }) => {
      const name = valueAt(item, 'name');
      return typeof name === 'string' && safe.has(name) ? [] : [podFinding('forbidden sysctls', text(name), [SC, 'sysctls', index, 'name'])];
    });
}

// The registry -------------------------------------------------------------------------------

export const BASELINE_CHECKS: readonly CheckDefinition[] = [
  { id: 'windowsHostProcess', level: 'baseline', versions: [{ minimum: 0, check: windowsHostProcess }] },
  { id: 'hostNamespaces', level: 'baseline', versions: [{ minimum: 0, check: hostNamespaces }] },
  { id: 'privileged', level: 'baseline', versions: [{ minimum: 0, check: privileged }] },
  { id: 'capabilities_baseline', level: 'baseline', versions: [{ minimum: 0, check: capabilitiesBaseline }] },
  { id: 'hostPathVolumes', level: 'baseline', versions: [{ minimum: 0, check: hostPathVolumes }] },
  { id: 'hostPorts', level: 'baseline', versions: [{ minimum: 0, check: hostPorts }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [{ minimum: 34, check: hostProbesAndHostLifecycle }] },
  { id: 'appArmorProfile', level: 'baseline', versions: [{ minimum: 0, check: appArmorProfile }] },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [
      { minimum: 0, check: seLinuxOptionsCheck(SELINUX_TYPES_1_0) },
      { minimum: 31, check: seLinuxOptionsCheck(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    versions: [
      { minimum: 0, check: procMountStrict },
      { minimum: 35, check: procMountBaseline1Dot35 },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [
      { minimum: 0, check: seccompBaseline1Dot0 },
      { minimum: 19, check: explicitSeccompFindings },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minimum: 0, check: sysctlsCheck(SYSCTLS_1_0) },
      { minimum: 27, check: sysctlsCheck(SYSCTLS_1_27) },
      { minimum: 29, check: sysctlsCheck(SYSCTLS_1_29) },
      { minimum: 32, check: sysctlsCheck(SYSCTLS_1_32) },
    ],
  },
];
