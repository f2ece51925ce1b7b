/**
 * Validators the API server applies beyond the OpenAPI schema, ported from
 * k8s.io/apimachinery/pkg/util/validation, pkg/api/validate/content and
 * pkg/apis/core/validation. Each returns the reason a value is invalid, or undefined.
 * Pure functions on strings: no I/O, no exceptions.
 */

/** Why a value is invalid, phrased to follow "... is not valid: ". */
export type Reason = string;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const WILDCARD_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PERCENT = /^[0-9]+%$/;

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
export const LABEL_VALUE_MAX = 63;
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export const DNS1123_LABEL_RULE = "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
export const DNS1123_SUBDOMAIN_RULE = "lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit, at most 253 characters";
export const DNS1035_LABEL_RULE = "lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters";
export const LABEL_VALUE_RULE = "empty, or letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters";
export const QUALIFIED_NAME_RULE = "an optional DNS subdomain prefix and '/', then a name of letters, digits, '-', '_' and '.' that starts and ends with a letter or digit, at most 63 characters";
export const PORT_NAME_RULE = "at most 15 lowercase letters, digits and '-', with at least one letter, no leading, trailing or doubled '-'";

function tooLong(value: string, max: number): Reason | undefined {
  return value.length > max ? `is ${value.length} characters long (at most ${max})` : undefined;
}

/**
 * Why a value fails a DNS-style pattern, as precisely as possible: uppercase letters, the first
 * character outside the allowed set, or a bad first or last character (of a dot-separated part).
 */
function dnsCharProblem(value: string, allowed: RegExp, firstLetter: boolean): Reason {
  if (value === '') return 'is empty';
  if (/[A-Z]/.test(value)) return 'contains uppercase letters';
  for (const c of value) if (!allowed.test(c)) return `contains ${c === ' ' ? 'a space' : `\`${c}\``}`;
  const parts = value.split('.');
  if (parts.some((p) => p === '')) return 'has an empty part between dots';
  if (firstLetter && !/^[a-z]/.test(value)) return 'does not start with a letter';
  for (const p of parts) {
    if (!/^[a-z0-9]/.test(p)) return parts.length > 1 ? `has a part starting with \`${p[0]}\`` : `starts with \`${p[0]}\``;
    if (!/[a-z0-9]$/.test(p)) return parts.length > 1 ? `has a part ending with \`${p[p.length - 1]}\`` : `ends with \`${p[p.length - 1]}\``;
  }
  return 'is not valid';
}

/** RFC 1123 label: container, volume and Namespace names (IsDNS1123Label). */
export function dns1123LabelProblem(value: string): Reason | undefined {
  const long = tooLong(value, DNS1123_LABEL_MAX);
  if (long !== undefined) return long;
  if (DNS1123_LABEL.test(value)) return undefined;
  if (DNS1123_SUBDOMAIN.test(value)) return "contains '.'";
  return dnsCharProblem(value, /[-a-z0-9]/, false);
}

/** RFC 1123 subdomain: most object names (IsDNS1123Subdomain). */
export function dns1123SubdomainProblem(value: string): Reason | undefined {
  return tooLong(value, DNS1123_SUBDOMAIN_MAX) ?? (DNS1123_SUBDOMAIN.test(value) ? undefined : dnsCharProblem(value, /[-.a-z0-9]/, false));
}

/** RFC 1035 label: Service names (IsDNS1035Label). */
export function dns1035LabelProblem(value: string): Reason | undefined {
  const long = tooLong(value, DNS1123_LABEL_MAX);
  if (long !== undefined) return long;
  if (DNS1035_LABEL.test(value)) return undefined;
  if (/^[a-z0-9.-]+$/.test(value) && value.includes('.')) return "contains '.'";
  return dnsCharProblem(value, /[-a-z0-9]/, true);
}

/** `*.example.com` (IsWildcardDNS1123Subdomain). */
export function wildcardSubdomainProblem(value: string): Reason | undefined {
  return tooLong(value, DNS1123_SUBDOMAIN_MAX) ?? (WILDCARD_SUBDOMAIN.test(value) ? undefined : "has a wildcard that is not the whole first label ('*.' followed by a DNS subdomain)");
}

/** Label keys, annotation keys (lowercased first) and other qualified names (content.IsLabelKey). */
export function qualifiedNameProblem(value: string): Reason | undefined {
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '') return 'has an empty prefix before the /';
    const prefixProblem = dns1123SubdomainProblem(prefix);
    if (prefixProblem !== undefined) return `has a prefix \`${prefix}\` that is not a DNS subdomain: it ${prefixProblem}`;
    name = parts[1];
  } else return "contains more than one '/'";
  if (name === '') return 'has an empty name part';
  if (name.length > 63) return parts.length === 2 ? `has a name part of ${name.length} characters (at most 63)` : `is ${name.length} characters long (at most 63)`;
  if (!LABEL_NAME.test(name)) {
    const problem = labelValueProblem(name) ?? 'is not valid';
    return parts.length === 2 ? `has a name part that ${problem}` : problem;
  }
  return undefined;
}

/** Label values (content.IsLabelValue). */
export function labelValueProblem(value: string): Reason | undefined {
  const long = tooLong(value, LABEL_VALUE_MAX);
  if (long !== undefined) return long;
  if (LABEL_VALUE.test(value)) return undefined;
  for (const c of value) if (!/[-A-Za-z0-9_.]/.test(c)) return `contains ${c === ' ' ? 'a space' : `\`${c}\``}`;
  return /^[A-Za-z0-9]/.test(value) ? `ends with \`${value[value.length - 1]}\`` : `starts with \`${value[0]}\``;
}

/** IANA service names: container port names, named target ports (IsValidPortName). */
export function portNameProblem(value: string): Reason | undefined {
  if (value.length > 15) return `is ${value.length} characters long (at most 15)`;
  if (!/^[-a-z0-9]+$/.test(value)) return "must contain only lowercase letters, digits and '-'";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.includes('--')) return "must not contain '--'";
  if (value.startsWith('-') || value.endsWith('-')) return "must not start or end with '-'";
  return undefined;
}

/** Names used as URL path segments: RBAC object names (path.ValidatePathSegmentName). */
export function pathSegmentProblem(value: string, prefix = false): Reason | undefined {
  if (!prefix && (value === '.' || value === '..')) return `may not be '${value}'`;
  if (value.includes('/')) return "may not contain '/'";
  if (value.includes('%')) return "may not contain '%'";
  return undefined;
}

/** Percent strings of IntOrString fields (IsValidPercent). */
export function isValidPercent(value: string): boolean {
  return PERCENT.test(value);
}

/** True for a number that is an integer (YAML `80` or `80.0`). */
export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * Environment variable names. With RelaxedEnvironmentVariableValidation (beta and on by default
 * since 1.32, GA in 1.34) any printable ASCII except '=' is accepted; before, C-identifier-like
 * names `[-._a-zA-Z][-._a-zA-Z0-9]*`.
 */
export function envVarNameProblem(name: string, kubernetesVersion: string): Reason | undefined {
  if (name === '') return 'must not be empty';
  if (compareVersions(kubernetesVersion, '1.32') >= 0) {
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x3d) return "must consist only of printable ASCII characters other than '='";
    }
    return undefined;
  }
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) return "must consist of letters, digits, '_', '-' and '.', and must not start with a digit";
  if (name === '.' || name === '..' || name.startsWith('..')) return "must not be '.', '..' or start with '..'";
  return undefined;
}

/** Compares `major.minor` versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10));
  const pb = b.split('.').map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** subPath, localhostProfile: must be relative and must not contain a `..` segment (validateLocalDescendingPath). */
export function localDescendingPathProblem(value: string): Reason | undefined {
  if (value.startsWith('/')) return 'must be a relative path';
  if (value.split('/').includes('..')) return "must not contain '..'";
  return undefined;
}

/** Go's net.ParseIP with leading zeros accepted (netutils.ParseIPSloppy). */
export function isIpAddress(value: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return value.split('.').every((p) => Number(p) <= 255);
  if (!value.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(value)) return false;
  let text = value;
  let groupsNeeded = 8;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpAddress(tail) || tail.includes(':')) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string): string[] | undefined => {
    if (s === '') return [];
    const g = s.split(':');
    return g.every((x) => /^[0-9A-Fa-f]{1,4}$/.test(x)) ? g : undefined;
  };
  if (halves.length === 1) return groups(halves[0])?.length === groupsNeeded;
  const left = groups(halves[0]);
  const right = groups(halves[1]);
  if (left === undefined || right === undefined) return false;
  groupsNeeded -= left.length + right.length;
  return groupsNeeded >= 1;
}

// ---------------------------------------------------------------------------------------------
// Object names

export type NameFormat = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label' | 'path-segment';

export interface NameRule {
  format: NameFormat;
  /** A stricter length limit than the format's, with the reason. */
  maxLength?: number;
  maxReason?: string;
}

const SUBDOMAIN: NameRule = { format: 'dns1123-subdomain' };

/** Built-in API groups: kinds in these groups are listed below or skipped; other groups are custom resources. */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'extensions', 'networking.k8s.io', 'rbac.authorization.k8s.io',
  'storage.k8s.io', 'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'scheduling.k8s.io', 'node.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'certificates.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'resource.k8s.io', 'apiregistration.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
  'internal.apiserver.k8s.io', 'storagemigration.k8s.io', 'metrics.k8s.io',
]);

/** Groups served by well-known aggregated API servers rather than CustomResourceDefinitions. */
const AGGREGATED_GROUPS = new Set(['custom.metrics.k8s.io', 'external.metrics.k8s.io']);

/** Name rules of built-in kinds, from each kind's Validate<Kind>Name in the API server. */
const BUILTIN_NAME_RULES: ReadonlyMap<string, NameRule> = new Map<string, NameRule>([
  ...['Pod', 'ReplicationController', 'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolume', 'PersistentVolumeClaim',
    'Endpoints', 'LimitRange', 'ResourceQuota', 'PodTemplate', 'Node'].map((k) => [`/${k}`, SUBDOMAIN] as const),
  ['/Service', { format: 'dns1035-label' }],
  ['/Namespace', { format: 'dns1123-label' }],
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'].flatMap((k) => [[`apps/${k}`, SUBDOMAIN], [`extensions/${k}`, SUBDOMAIN]] as const),
  ['apps/StatefulSet', { format: 'dns1123-label' }],
  ['batch/Job', { format: 'dns1123-subdomain', maxLength: 63, maxReason: 'Kubernetes copies a Job name into the `job-name` label of its pods, and label values are limited to 63 characters' }],
  ['batch/CronJob', { format: 'dns1123-subdomain', maxLength: 52, maxReason: 'the CronJob controller appends an 11-character suffix to name each Job, and Job names are limited to 63 characters' }],
  ['autoscaling/HorizontalPodAutoscaler', SUBDOMAIN],
  ['policy/PodDisruptionBudget', SUBDOMAIN],
  ['networking.k8s.io/Ingress', SUBDOMAIN],
  ['networking.k8s.io/IngressClass', SUBDOMAIN],
  ['networking.k8s.io/NetworkPolicy', SUBDOMAIN],
  ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((k) => [`rbac.authorization.k8s.io/${k}`, { format: 'path-segment' as const }] as const),
  ['storage.k8s.io/StorageClass', SUBDOMAIN],
  ['scheduling.k8s.io/PriorityClass', SUBDOMAIN],
  ['node.k8s.io/RuntimeClass', SUBDOMAIN],
  ['apiextensions.k8s.io/CustomResourceDefinition', SUBDOMAIN],
  ['admissionregistration.k8s.io/ValidatingWebhookConfiguration', SUBDOMAIN],
  ['admissionregistration.k8s.io/MutatingWebhookConfiguration', SUBDOMAIN],
  ['discovery.k8s.io/EndpointSlice', SUBDOMAIN],
  ['coordination.k8s.io/Lease', SUBDOMAIN],
]);

/**
 * How the API server validates `metadata.name` of a kind, or undefined when kubevet does not
 * know (a built-in kind it has no table entry for, or an aggregated API). Custom resources
 * (CustomResourceDefinition-backed) are DNS subdomains.
 */
export function nameRuleFor(group: string, kind: string): NameRule | undefined {
  // Aggregated API servers validate names their own way (OpenShift User names are e-mail
  // addresses): only CustomResourceDefinition-backed groups are known to use subdomains.
  if (AGGREGATED_GROUPS.has(group) || group === 'openshift.io' || group.endsWith('.openshift.io')) return undefined;
  if (!BUILTIN_GROUPS.has(group)) return SUBDOMAIN;
  return BUILTIN_NAME_RULES.get(`${group}/${kind}`);
}

export function describeNameFormat(format: NameFormat): string {
  switch (format) {
    case 'dns1123-label':
      return `a valid DNS-1123 label (${DNS1123_LABEL_RULE})`;
    case 'dns1035-label':
      return `a valid DNS-1035 label (${DNS1035_LABEL_RULE})`;
    case 'path-segment':
      return "a valid path segment (not '.' or '..', no '/' or '%')";
    default:
      return `a valid DNS-1123 subdomain (${DNS1123_SUBDOMAIN_RULE})`;
  }
}

/** The format problem of a name (without kind-specific length limits). */
export function nameFormatProblem(format: NameFormat, name: string, prefix = false): Reason | undefined {
  switch (format) {
    case 'dns1123-label':
      return dns1123LabelProblem(prefix ? maskTrailingDash(name) : name);
    case 'dns1035-label':
      return dns1035LabelProblem(prefix ? maskTrailingDash(name) : name);
    case 'path-segment':
      return pathSegmentProblem(name, prefix);
    default:
      return dns1123SubdomainProblem(prefix ? maskTrailingDash(name) : name);
  }
}

/**
 * apimachinery's maskTrailingDash: a generateName prefix may end with '-'; the API server
 * replaces the last two characters with 'a' before checking the format.
 */
export function maskTrailingDash(name: string): string {
  return name.endsWith('-') ? `${name.slice(0, Math.max(0, name.length - 2))}a` : name;
}

/** The name the API server generates from a generateName: at most 58 characters of it plus 5 random ones. */
export function generatedNameExample(generateName: string): string {
  return `${generateName.slice(0, 58)}x7k2q`;
}

/**
 * A corrected name: lowercase, runs of invalid characters replaced by '-', trimmed, cut to the
 * limit. Undefined when nothing valid remains.
 */
export function suggestName(value: string, format: NameFormat, maxLength?: number): string | undefined {
  if (format === 'path-segment') {
    const fixed = value.replace(/[/%]+/g, '-');
    return fixed === '.' || fixed === '..' || fixed === '' ? undefined : fixed;
  }
  const limit = Math.min(maxLength ?? Infinity, format === 'dns1123-subdomain' ? DNS1123_SUBDOMAIN_MAX : DNS1123_LABEL_MAX);
  const allowDots = format === 'dns1123-subdomain';
  const parts = (allowDots ? value.toLowerCase().split('.') : [value.toLowerCase()]).map((part) =>
    part.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''),
  );
  let fixed = parts.filter((p) => p !== '').join('.').slice(0, limit).replace(/[-.]+$/, '');
  if (format === 'dns1035-label') fixed = fixed.replace(/^[^a-z]+/, '');
  if (fixed === '' || nameFormatProblem(format, fixed) !== undefined) return undefined;
  return fixed;
}

/** A corrected label key or value: invalid characters become '-', ends trimmed, cut to 63. */
export function suggestLabelPart(value: string): string | undefined {
  const fixed = value.replace(/[^-A-Za-z0-9_.]+/g, '-').slice(0, 63).replace(/^[-_.]+|[-_.]+$/g, '');
  return fixed !== '' && labelValueProblem(fixed) === undefined ? fixed : undefined;
}

// ---------------------------------------------------------------------------------------------
// Enumerations

export interface EnumField {
  /** Dotted path pattern; `[*]` iterates a list. Relative to the scope root. */
  path: string;
  values: readonly string[];
}

export interface EnumScope {
  /** `pod`: relative to a pod spec; `container`: to each container; otherwise object kinds. */
  scope: 'pod' | 'container' | 'initContainer' | { group: string; kinds: readonly string[] };
  fields: readonly EnumField[];
}

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;
export const LABEL_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;
const PROFILE_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'] as const;
const SCHEMES = ['HTTP', 'HTTPS'] as const;
const PROBE_PATHS = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'];

/**
 * Enumerations the API server checks in code (field.NotSupported) but the OpenAPI schema leaves
 * as free strings. Values are case-sensitive. restartPolicy, operators and profile types have
 * extra conditions and are checked by the rule itself.
 */
export const ENUM_FIELDS: readonly EnumScope[] = [
  {
    scope: 'container',
    fields: [
      { path: 'imagePullPolicy', values: ['Always', 'IfNotPresent', 'Never'] },
      { path: 'terminationMessagePolicy', values: ['File', 'FallbackToLogsOnError'] },
      { path: 'ports[*].protocol', values: PROTOCOLS },
      { path: 'securityContext.procMount', values: ['Default', 'Unmasked'] },
      { path: 'securityContext.seccompProfile.type', values: PROFILE_TYPES },
      { path: 'securityContext.appArmorProfile.type', values: PROFILE_TYPES },
      { path: 'volumeMounts[*].mountPropagation', values: ['None', 'HostToContainer', 'Bidirectional'] },
      { path: 'resizePolicy[*].resourceName', values: ['cpu', 'memory'] },
      { path: 'resizePolicy[*].restartPolicy', values: ['NotRequired', 'RestartContainer'] },
      ...PROBE_PATHS.map((p) => ({ path: `${p}.httpGet.scheme`, values: SCHEMES })),
    ],
  },
  { scope: 'initContainer', fields: [{ path: 'restartPolicy', values: ['Always'] }] },
  {
    scope: 'pod',
    fields: [
      { path: 'dnsPolicy', values: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] },
      { path: 'preemptionPolicy', values: ['PreemptLowerPriority', 'Never'] },
      { path: 'os.name', values: ['linux', 'windows'] },
      { path: 'securityContext.fsGroupChangePolicy', values: ['OnRootMismatch', 'Always'] },
      { path: 'securityContext.supplementalGroupsPolicy', values: ['Merge', 'Strict'] },
      { path: 'securityContext.seccompProfile.type', values: PROFILE_TYPES },
      { path: 'securityContext.appArmorProfile.type', values: PROFILE_TYPES },
      { path: 'tolerations[*].operator', values: ['Exists', 'Equal'] },
      { path: 'tolerations[*].effect', values: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
      { path: 'topologySpreadConstraints[*].whenUnsatisfiable', values: ['DoNotSchedule', 'ScheduleAnyway'] },
      { path: 'topologySpreadConstraints[*].nodeAffinityPolicy', values: ['Honor', 'Ignore'] },
      { path: 'topologySpreadConstraints[*].nodeTaintsPolicy', values: ['Honor', 'Ignore'] },
      { path: 'volumes[*].hostPath.type', values: ['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] },
      { path: 'volumes[*].ephemeral.volumeClaimTemplate.spec.accessModes[*]', values: ACCESS_MODES },
      { path: 'volumes[*].ephemeral.volumeClaimTemplate.spec.volumeMode', values: ['Filesystem', 'Block'] },
    ],
  },
  {
    scope: { group: '', kinds: ['Service'] },
    fields: [
      { path: 'spec.type', values: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
      { path: 'spec.sessionAffinity', values: ['None', 'ClientIP'] },
      { path: 'spec.externalTrafficPolicy', values: ['Cluster', 'Local'] },
      { path: 'spec.internalTrafficPolicy', values: ['Cluster', 'Local'] },
      { path: 'spec.ipFamilyPolicy', values: ['SingleStack', 'PreferDualStack', 'RequireDualStack'] },
      { path: 'spec.ipFamilies[*]', values: ['IPv4', 'IPv6'] },
      { path: 'spec.ports[*].protocol', values: PROTOCOLS },
    ],
  },
  {
    scope: { group: '', kinds: ['PersistentVolume'] },
    fields: [
      { path: 'spec.persistentVolumeReclaimPolicy', values: ['Retain', 'Recycle', 'Delete'] },
      { path: 'spec.accessModes[*]', values: ACCESS_MODES },
      { path: 'spec.volumeMode', values: ['Filesystem', 'Block'] },
    ],
  },
  {
    scope: { group: '', kinds: ['PersistentVolumeClaim'] },
    fields: [
      { path: 'spec.accessModes[*]', values: ACCESS_MODES },
      { path: 'spec.volumeMode', values: ['Filesystem', 'Block'] },
    ],
  },
  {
    scope: { group: 'apps', kinds: ['StatefulSet'] },
    fields: [
      { path: 'spec.podManagementPolicy', values: ['OrderedReady', 'Parallel'] },
      { path: 'spec.updateStrategy.type', values: ['RollingUpdate', 'OnDelete'] },
      { path: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', values: ['Retain', 'Delete'] },
      { path: 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', values: ['Retain', 'Delete'] },
      { path: 'spec.volumeClaimTemplates[*].spec.accessModes[*]', values: ACCESS_MODES },
      { path: 'spec.volumeClaimTemplates[*].spec.volumeMode', values: ['Filesystem', 'Block'] },
    ],
  },
  { scope: { group: 'apps', kinds: ['Deployment'] }, fields: [{ path: 'spec.strategy.type', values: ['RollingUpdate', 'Recreate'] }] },
  { scope: { group: 'apps', kinds: ['DaemonSet'] }, fields: [{ path: 'spec.updateStrategy.type', values: ['RollingUpdate', 'OnDelete'] }] },
  {
    scope: { group: 'batch', kinds: ['Job'] },
    fields: [
      { path: 'spec.completionMode', values: ['NonIndexed', 'Indexed'] },
      { path: 'spec.podReplacementPolicy', values: ['TerminatingOrFailed', 'Failed'] },
    ],
  },
  {
    scope: { group: 'batch', kinds: ['CronJob'] },
    fields: [
      { path: 'spec.concurrencyPolicy', values: ['Allow', 'Forbid', 'Replace'] },
      { path: 'spec.jobTemplate.spec.completionMode', values: ['NonIndexed', 'Indexed'] },
      { path: 'spec.jobTemplate.spec.podReplacementPolicy', values: ['TerminatingOrFailed', 'Failed'] },
    ],
  },
  { scope: { group: 'networking.k8s.io', kinds: ['Ingress'] }, fields: [{ path: 'spec.rules[*].http.paths[*].pathType', values: ['Exact', 'Prefix', 'ImplementationSpecific'] }] },
  {
    scope: { group: 'networking.k8s.io', kinds: ['NetworkPolicy'] },
    fields: [
      { path: 'spec.policyTypes[*]', values: ['Ingress', 'Egress'] },
      { path: 'spec.ingress[*].ports[*].protocol', values: PROTOCOLS },
      { path: 'spec.egress[*].ports[*].protocol', values: PROTOCOLS },
    ],
  },
  { scope: { group: 'policy', kinds: ['PodDisruptionBudget'] }, fields: [{ path: 'spec.unhealthyPodEvictionPolicy', values: ['IfHealthyBudget', 'AlwaysAllow'] }] },
];

/** Label selectors outside controllers' spec.selector (which schema/selector-mismatch checks), relative to a pod spec. */
export const POD_LABEL_SELECTOR_PATHS: readonly string[] = [
  ...['podAffinity', 'podAntiAffinity'].flatMap((a) => [
    `affinity.${a}.requiredDuringSchedulingIgnoredDuringExecution[*].labelSelector`,
    `affinity.${a}.requiredDuringSchedulingIgnoredDuringExecution[*].namespaceSelector`,
    `affinity.${a}.preferredDuringSchedulingIgnoredDuringExecution[*].podAffinityTerm.labelSelector`,
    `affinity.${a}.preferredDuringSchedulingIgnoredDuringExecution[*].podAffinityTerm.namespaceSelector`,
  ]),
  'topologySpreadConstraints[*].labelSelector',
];

/** Label selectors of other kinds, relative to the object. */
export const OBJECT_LABEL_SELECTOR_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['networking.k8s.io/NetworkPolicy', ['spec.podSelector', 'spec.ingress[*].from[*].podSelector', 'spec.ingress[*].from[*].namespaceSelector', 'spec.egress[*].to[*].podSelector', 'spec.egress[*].to[*].namespaceSelector']],
  ['policy/PodDisruptionBudget', ['spec.selector']],
  ['/PersistentVolumeClaim', ['spec.selector']],
]);

/** Node selector terms, relative to a pod spec. */
export const NODE_SELECTOR_TERM_PATHS: readonly string[] = [
  'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*]',
  'affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[*].preference',
];

/** Problems of one label selector requirement (ValidateLabelSelectorRequirement), with the offending field. */
export function labelRequirementProblem(requirement: Record<string, unknown>, operators: readonly string[] = LABEL_SELECTOR_OPERATORS): { field: 'operator' | 'values'; reason: string } | undefined {
  const operator = requirement.operator;
  if (typeof operator !== 'string') return undefined;
  const values = requirement.values;
  const count = Array.isArray(values) ? values.length : values === undefined || values === null ? 0 : -1;
  if (count < 0) return undefined;
  switch (operator) {
    case 'In':
    case 'NotIn':
      return count === 0 ? { field: 'values', reason: `\`values\` must be given when \`operator\` is ${operator}` } : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return count > 0 ? { field: 'values', reason: `\`values\` must be empty when \`operator\` is ${operator}` } : undefined;
    case 'Gt':
    case 'Lt':
      if (!operators.includes(operator)) break;
      return count !== 1 ? { field: 'values', reason: `\`values\` must hold exactly one value when \`operator\` is ${operator}` } : undefined;
  }
  return operators.includes(operator) ? undefined : { field: 'operator', reason: `\`${operator}\` is not a valid operator (${operators.join(', ')})` };
}

/**
 * Every value at a dotted path pattern with `[*]` wildcards, with its concrete path, in document
 * order. Missing or mistyped intermediate fields yield nothing. (An array, not a generator: rules
 * call this for every object, and paths are only built for the values found.)
 */
export function valuesAt(root: unknown, base: readonly (string | number)[], pattern: string): { path: (string | number)[]; value: unknown }[] {
  let steps = STEPS.get(pattern);
  if (steps === undefined) {
    steps = pattern.split('.').flatMap((part) => {
      const m = /^([^[]*)((\[\*\])*)$/.exec(part);
      if (m === null) return [part];
      const out: string[] = [];
      if (m[1] !== '') out.push(m[1]);
      for (let i = 0; i < m[2].length / 3; i++) out.push('*');
      return out;
    });
    STEPS.set(pattern, steps);
  }
  const found: { path: (string | number)[]; value: unknown }[] = [];
  // Fast path: the first step is missing (the common case for optional fields).
  if (steps.length > 0 && steps[0] !== '*' && (root === null || typeof root !== 'object' || Array.isArray(root) || !Object.prototype.hasOwnProperty.call(root, steps[0]))) return found;
  collectValues(root, [...base], steps, 0, found);
  return found;
}

/** Parsed patterns of valuesAt. */
const STEPS = new Map<string, readonly string[]>();

/** Depth first through the steps; `trail` is the path so far (extended and restored in place). */
function collectValues(node: unknown, trail: (string | number)[], steps: readonly string[], i: number, found: { path: (string | number)[]; value: unknown }[]): void {
  if (i === steps.length) {
    found.push({ path: trail.slice(), value: node });
    return;
  }
  const step = steps[i];
  if (step === '*') {
    if (!Array.isArray(node)) return;
    for (let j = 0; j < node.length; j++) {
      trail.push(j);
      collectValues(node[j], trail, steps, i + 1, found);
      trail.pop();
    }
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  if (!Object.prototype.hasOwnProperty.call(node, step)) return;
  trail.push(step);
  collectValues((node as Record<string, unknown>)[step], trail, steps, i + 1, found);
  trail.pop();
}

// ---------------------------------------------------------------------------------------------
// Resource names (pkg/apis/core/helper)

export const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;

export function isHugePagesResource(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** In the kubernetes.io namespace: unprefixed, or containing `kubernetes.io/` (IsNativeResource). */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Device-plugin style resources such as `nvidia.com/gpu` (IsExtendedResourceName). */
export function isExtendedResource(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.') && qualifiedNameProblem(`requests.${name}`) === undefined;
}

/** Requests may be lower than limits only for native non-hugepage resources (IsOvercommitAllowed). */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePagesResource(name);
}

/** Why a container may not request a resource of this name (validateContainerResourceName). */
export function containerResourceNameProblem(name: string): Reason | undefined {
  const qualified = qualifiedNameProblem(name);
  if (qualified !== undefined) return `is not a valid resource name: it ${qualified}`;
  if (!name.includes('/')) {
    if ((CONTAINER_RESOURCES as readonly string[]).includes(name) || isHugePagesResource(name)) return undefined;
    return 'is not a container resource (cpu, memory, ephemeral-storage, hugepages-<size>); extended resources need a domain prefix, e.g. `nvidia.com/gpu`';
  }
  if (!isNativeResource(name) && !isExtendedResource(name)) return 'is not a valid extended resource name';
  return undefined;
}
