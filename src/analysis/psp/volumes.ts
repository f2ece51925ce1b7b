/** Volume types as a policy's `volumes` list names them, and host path prefixes. */
import { isRecord } from '../../model/path';
import type { AllowedHostPath } from './types';

/**
 * The pod volume field of each policy volume type, in the order the admission plugin checked
 * them (`GetVolumeFSType`). The policy names differ from the fields only for `cephfs` (`cephFS`).
 */
const VOLUME_TYPES: readonly (readonly [field: string, fsType: string])[] = [
  ['hostPath', 'hostPath'],
  ['emptyDir', 'emptyDir'],
  ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'],
  ['gitRepo', 'gitRepo'],
  ['secret', 'secret'],
  ['nfs', 'nfs'],
  ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'],
  ['persistentVolumeClaim', 'persistentVolumeClaim'],
  ['rbd', 'rbd'],
  ['flexVolume', 'flexVolume'],
  ['cinder', 'cinder'],
  ['cephfs', 'cephFS'],
  ['flocker', 'flocker'],
  ['downwardAPI', 'downwardAPI'],
  ['fc', 'fc'],
  ['azureFile', 'azureFile'],
  ['configMap', 'configMap'],
  ['vsphereVolume', 'vsphereVolume'],
  ['quobyte', 'quobyte'],
  ['azureDisk', 'azureDisk'],
  ['photonPersistentDisk', 'photonPersistentDisk'],
  ['storageos', 'storageos'],
  ['projected', 'projected'],
  ['portworxVolume', 'portworxVolume'],
  ['scaleIO', 'scaleIO'],
  ['csi', 'csi'],
  ['ephemeral', 'ephemeral'],
];

/** Every volume type a policy may list, and `*` for all of them. */
export const FS_TYPES: readonly string[] = [...VOLUME_TYPES.map(([, fsType]) => fsType), '*'];

/** A volume's type and the field holding its source. A volume without a source is an emptyDir (API defaulting). */
export function volumeType(volume: Record<string, unknown>): { fsType: string; field: string | undefined } {
  for (const [field, fsType] of VOLUME_TYPES) {
    const source = volume[field];
    if (source !== undefined && source !== null) return { fsType, field };
  }
  return { fsType: 'emptyDir', field: undefined };
}

/**
 * The projected volume the API server injects for the ServiceAccount token (token, the cluster CA
 * bundle, the namespace): a policy that allows secret volumes allows it too.
 */
export function isServiceAccountTokenProjection(projected: unknown): boolean {
  if (!isRecord(projected)) return false;
  const sources = projected.sources;
  if (!Array.isArray(sources)) return true;
  return sources.every((source: unknown) => {
    if (!isRecord(source)) return false;
    const { serviceAccountToken: token, configMap, downwardAPI } = source;
    if (token === undefined && configMap === undefined && downwardAPI === undefined) return false;
    if (token !== undefined && (!isRecord(token) || token.path !== 'token' || (token.audience !== undefined && token.audience !== ''))) return false;
    if (configMap !== undefined && (!isRecord(configMap) || configMap.name !== 'kube-root-ca.crt')) return false;
    if (downwardAPI !== undefined) {
      const items = isRecord(downwardAPI) ? downwardAPI.items : undefined;
      if (Array.isArray(items) && !items.every(isNamespaceItem)) return false;
    }
    return true;
  });
}

function isNamespaceItem(item: unknown): boolean {
  if (!isRecord(item) || item.path !== 'namespace' || !isRecord(item.fieldRef)) return false;
  return item.fieldRef.apiVersion === 'v1' && item.fieldRef.fieldPath === 'metadata.namespace';
}

/** `path` is `prefix` or below it, at a path segment boundary; trailing slashes do not count. */
export function hasPathPrefix(path: string, prefix: string): boolean {
  const p = path.replace(/\/$/, '');
  const pre = prefix.replace(/\/$/, '');
  if (!p.startsWith(pre)) return false;
  return p.length === pre.length || p[pre.length] === '/';
}

/** Whether a host path is allowed, and whether only read-only (an entry without readOnly wins). */
export function hostPathAllowance(allowed: readonly AllowedHostPath[], path: string): { allowed: boolean; readOnly: boolean } {
  if (allowed.length === 0) return { allowed: true, readOnly: false };
  let found = false;
  for (const entry of allowed) {
    if (!hasPathPrefix(path, entry.pathPrefix)) continue;
    if (!entry.readOnly) return { allowed: true, readOnly: false };
    found = true;
  }
  return { allowed: found, readOnly: found };
}
