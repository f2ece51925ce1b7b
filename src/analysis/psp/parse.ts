/**
 * Reading a PodSecurityPolicy object into a Psp. Policies given with --policy are checked
 * against schemas/pod-security-policy.schema.json before they get here, but the analysis never
 * trusts its input: a field of the wrong type reads as absent.
 */
import { isRecord } from '../../model/path';
import { recordAt, valueAt } from '../security-context';
import type { IdRange, IdStrategy, ProfilePolicy, Psp, SeLinuxOptions } from './types';

/** apiVersions whose `kind: PodSecurityPolicy` is a policy kubevet understands. */
export const POLICY_API_VERSIONS: readonly string[] = ['policy/v1beta1', 'extensions/v1beta1', 'kubevet.dev/v1alpha1'];
export const POLICY_KIND = 'PodSecurityPolicy';
/** kubevet's own kind: the same spec, for teams that keep PSP-style rules after the API's removal. */
export const KUBEVET_POLICY_API_VERSION = 'kubevet.dev/v1alpha1';

export const SECCOMP_ALLOWED_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
export const SECCOMP_DEFAULT_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';
export const APPARMOR_ALLOWED_ANNOTATION = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';
export const APPARMOR_DEFAULT_ANNOTATION = 'apparmor.security.beta.kubernetes.io/defaultProfileName';

export function isPolicyObject(raw: unknown): boolean {
  return isRecord(raw) && raw.kind === POLICY_KIND && typeof raw.apiVersion === 'string' && POLICY_API_VERSIONS.includes(raw.apiVersion);
}

function bool(value: unknown): boolean {
  return value === true;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Ranges with integer bounds; anything else is left out. */
export function readRanges(value: unknown): IdRange[] {
  if (!Array.isArray(value)) return [];
  const out: IdRange[] = [];
  for (const item of value) {
    const min = valueAt(item, 'min');
    const max = valueAt(item, 'max');
    if (isInteger(min) && isInteger(max)) out.push({ min, max });
  }
  return out;
}

function idStrategy(value: unknown): IdStrategy {
  const rule = valueAt(value, 'rule');
  return { rule: typeof rule === 'string' ? rule : '', ranges: readRanges(valueAt(value, 'ranges')) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function seLinuxOptions(value: unknown): SeLinuxOptions | undefined {
  if (!isRecord(value)) return undefined;
  return { user: text(value.user), role: text(value.role), type: text(value.type), level: text(value.level) };
}

function annotationsOf(raw: Record<string, unknown>): Record<string, string> {
  const annotations = recordAt(raw.metadata, 'annotations') ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * The allowed and default profiles of an annotation pair. Seccomp knows the wildcard `*`;
 * AppArmor does not (`*` there is just an unknown profile name).
 */
export function profilePolicy(annotations: Readonly<Record<string, string>>, allowedKey: string, defaultKey: string, wildcard: boolean): ProfilePolicy {
  const allowedText = Object.prototype.hasOwnProperty.call(annotations, allowedKey) ? annotations[allowedKey] : undefined;
  let allowed: Set<string> | undefined;
  let allowAny = false;
  if (allowedText !== undefined) {
    allowed = new Set();
    for (const name of allowedText.split(',')) {
      if (wildcard && name === '*') allowAny = true;
      else allowed.add(name);
    }
  }
  return { defaultProfile: annotations[defaultKey] ?? '', allowed, allowAny, allowedText: allowedText ?? '' };
}

/** A policy's name and spec, with the API server's defaults (allowPrivilegeEscalation: true). */
export function readPolicy(raw: Record<string, unknown>): Psp {
  const spec = recordAt(raw, 'spec') ?? {};
  const name = valueAt(raw.metadata, 'name');
  const annotations = annotationsOf(raw);
  const runtimeClass = recordAt(spec, 'runtimeClass');
  const defaultRuntimeClass = valueAt(runtimeClass, 'defaultRuntimeClassName');
  const seLinux = recordAt(spec, 'seLinux');
  const runAsGroup = valueAt(spec, 'runAsGroup');
  const defaultApe = valueAt(spec, 'defaultAllowPrivilegeEscalation');
  return {
    name: typeof name === 'string' ? name : '',
    privileged: bool(spec.privileged),
    defaultAddCapabilities: strings(spec.defaultAddCapabilities),
    requiredDropCapabilities: strings(spec.requiredDropCapabilities),
    allowedCapabilities: strings(spec.allowedCapabilities),
    volumes: strings(spec.volumes),
    hostNetwork: bool(spec.hostNetwork),
    hostPorts: readRanges(spec.hostPorts),
    hostPID: bool(spec.hostPID),
    hostIPC: bool(spec.hostIPC),
    seLinux: { rule: text(valueAt(seLinux, 'rule')), options: seLinuxOptions(valueAt(seLinux, 'seLinuxOptions')) },
    runAsUser: idStrategy(spec.runAsUser),
    runAsGroup: runAsGroup === undefined ? undefined : idStrategy(runAsGroup),
    supplementalGroups: idStrategy(spec.supplementalGroups),
    fsGroup: idStrategy(spec.fsGroup),
    readOnlyRootFilesystem: bool(spec.readOnlyRootFilesystem),
    defaultAllowPrivilegeEscalation: typeof defaultApe === 'boolean' ? defaultApe : undefined,
    allowPrivilegeEscalation: spec.allowPrivilegeEscalation !== false,
    allowedHostPaths: Array.isArray(spec.allowedHostPaths)
      ? spec.allowedHostPaths.filter(isRecord).map((p) => ({ pathPrefix: text(p.pathPrefix), readOnly: bool(p.readOnly) }))
      : [],
    allowedFlexVolumes: Array.isArray(spec.allowedFlexVolumes) ? spec.allowedFlexVolumes.map((v) => text(valueAt(v, 'driver'))) : [],
    allowedCSIDrivers: Array.isArray(spec.allowedCSIDrivers) ? spec.allowedCSIDrivers.map((v) => text(valueAt(v, 'name'))) : [],
    allowedUnsafeSysctls: strings(spec.allowedUnsafeSysctls),
    forbiddenSysctls: strings(spec.forbiddenSysctls),
    allowedProcMountTypes: strings(spec.allowedProcMountTypes),
    runtimeClass:
      runtimeClass === undefined
        ? undefined
        : { allowed: strings(runtimeClass.allowedRuntimeClassNames), defaultName: typeof defaultRuntimeClass === 'string' ? defaultRuntimeClass : undefined },
    seccomp: profilePolicy(annotations, SECCOMP_ALLOWED_ANNOTATION, SECCOMP_DEFAULT_ANNOTATION, true),
    appArmor: profilePolicy(annotations, APPARMOR_ALLOWED_ANNOTATION, APPARMOR_DEFAULT_ANNOTATION, false),
  };
}
