/**
 * The effective security context of each container: what the kubelet applies once the
 * container's `securityContext` has been laid over the pod's (`DetermineEffectiveSecurityContext`).
 *
 * `runAsUser`, `runAsGroup`, `runAsNonRoot`, `seLinuxOptions`, `seccompProfile` and
 * `appArmorProfile` are inherited whole from `spec.securityContext` unless the container sets
 * them; `windowsOptions` is merged field by field. The other fields exist only on containers.
 * Each value remembers where it was written, so a rule can point at the pod-level field instead
 * of flagging every container for something the pod sets.
 *
 * Manifests are not validated: every field may hold any value. `null` counts as unset (as it
 * does when the API server decodes a pointer), everything else is kept as written.
 */
import { isRecord, type FieldPath, type Segment } from '../model/path';
import { CONTAINER_LISTS, type ContainerList } from '../model/workload';
import { LastKeyCache } from '../util/memo';

/** Fields a container inherits from the pod-level securityContext unless it sets them. */
export const INHERITED_FIELDS = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'windowsOptions'] as const;
export type InheritedField = (typeof INHERITED_FIELDS)[number];

/** Inherited fields that a container replaces as a whole. */
export const WHOLE_FIELDS = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seLinuxOptions', 'seccompProfile', 'appArmorProfile'] as const;
export type WholeField = (typeof WHOLE_FIELDS)[number];

/** `windowsOptions` is merged per field: a container setting one of them keeps the others. */
export const WINDOWS_OPTION_FIELDS = ['gmsaCredentialSpecName', 'gmsaCredentialSpec', 'runAsUserName', 'hostProcess'] as const;
export type WindowsOptionField = (typeof WINDOWS_OPTION_FIELDS)[number];

/** Fields that only a container's securityContext has. */
export const CONTAINER_ONLY_FIELDS = ['privileged', 'allowPrivilegeEscalation', 'capabilities', 'procMount', 'readOnlyRootFilesystem'] as const;
export type ContainerOnlyField = (typeof CONTAINER_ONLY_FIELDS)[number];

export type SettingSource = 'pod' | 'container';

/** A value in force for a container, and where it is written (path relative to the pod spec). */
export interface Setting {
  /** As written; never undefined or null. */
  readonly value: unknown;
  readonly source: SettingSource;
  readonly path: FieldPath;
}

export type EffectiveSecurityContext = {
  readonly [K in WholeField | ContainerOnlyField]?: Setting;
} & {
  readonly windowsOptions: { readonly [K in WindowsOptionField]?: Setting };
};

/** One container of a pod spec with its effective security context. */
export interface ContainerEntry {
  readonly list: ContainerList;
  readonly index: number;
  /** The container's name, or `containers[0]` when it has none. */
  readonly name: string;
  readonly container: Record<string, unknown>;
  /** Path of the container relative to the pod spec, e.g. `['containers', 0]`. */
  readonly path: FieldPath;
  readonly effective: EffectiveSecurityContext;
}

const POD_SECURITY_CONTEXT: FieldPath = ['securityContext'];

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A record-valued field, or undefined when it is absent or not a mapping. */
export function recordAt(parent: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(parent)) return undefined;
  const value = Object.prototype.hasOwnProperty.call(parent, key) ? parent[key] : undefined;
  return isRecord(value) ? value : undefined;
}

/** A field's value (undefined when absent, when the parent is not a mapping, or when null). */
export function valueAt(parent: unknown, key: string): unknown {
  if (!isRecord(parent) || !Object.prototype.hasOwnProperty.call(parent, key)) return undefined;
  const value = parent[key];
  return value === null ? undefined : value;
}

function settingAt(securityContext: Record<string, unknown> | undefined, key: string, source: SettingSource, base: FieldPath): Setting | undefined {
  const value = valueAt(securityContext, key);
  return value === undefined ? undefined : { value, source, path: [...base, 'securityContext', key] };
}

function mergeWindowsOptions(pod: Record<string, unknown> | undefined, container: Record<string, unknown> | undefined, containerPath: FieldPath): EffectiveSecurityContext['windowsOptions'] {
  const podOptions = recordAt(pod, 'windowsOptions');
  const containerOptions = recordAt(container, 'windowsOptions');
  const out: { [K in WindowsOptionField]?: Setting } = {};
  for (const key of WINDOWS_OPTION_FIELDS) {
    const own = valueAt(containerOptions, key);
    const inherited = valueAt(podOptions, key);
    if (own !== undefined) out[key] = { value: own, source: 'container', path: [...containerPath, 'securityContext', 'windowsOptions', key] };
    else if (inherited !== undefined) out[key] = { value: inherited, source: 'pod', path: [...POD_SECURITY_CONTEXT, 'windowsOptions', key] };
  }
  return out;
}

/**
 * The effective security context of one container.
 * @param podSpec the pod spec (any value)
 * @param container the container (any value)
 * @param containerPath where the container sits in the pod spec, e.g. `['initContainers', 0]`
 */
export function effectiveSecurityContext(podSpec: unknown, container: unknown, containerPath: FieldPath): EffectiveSecurityContext {
  const pod = recordAt(podSpec, 'securityContext');
  const own = recordAt(container, 'securityContext');
  const out: { -readonly [K in WholeField | ContainerOnlyField]?: Setting } = {};
  for (const key of WHOLE_FIELDS) {
    const setting = settingAt(own, key, 'container', containerPath) ?? settingAt(pod, key, 'pod', []);
    if (setting !== undefined) out[key] = setting;
  }
  for (const key of CONTAINER_ONLY_FIELDS) {
    const setting = settingAt(own, key, 'container', containerPath);
    if (setting !== undefined) out[key] = setting;
  }
  return { ...out, windowsOptions: mergeWindowsOptions(pod, own, containerPath) };
}

function containerName(container: Record<string, unknown>, list: ContainerList, index: number): string {
  return typeof container.name === 'string' ? container.name : `${list}[${index}]`;
}

// Pod Security, PodSecurityPolicy and several rules ask for the same pod spec's entries.
const entriesOf = new LastKeyCache<object, readonly ContainerEntry[]>();

/** Every container of a pod spec (init, regular, ephemeral), each with its effective context (a shared list: do not modify). */
export function containerEntries(podSpec: unknown): readonly ContainerEntry[] {
  if (!isRecord(podSpec)) return [];
  let entries = entriesOf.get(podSpec);
  if (entries === undefined) {
    entries = computeContainerEntries(podSpec);
    entriesOf.set(podSpec, entries);
  }
  return entries;
}

function computeContainerEntries(podSpec: Record<string, unknown>): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = podSpec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container: unknown, index) => {
      if (!isRecord(container)) return;
      const path: Segment[] = [list, index];
      out.push({ list, index, name: containerName(container, list, index), container, path, effective: effectiveSecurityContext(podSpec, container, path) });
    });
  }
  return out;
}
