/**
 * Which ServiceAccount each pod template runs as and whether its token reaches the containers:
 * `serviceAccountName` (or the deprecated `serviceAccount`, default `default`); the token is
 * automounted unless the pod, or else the ServiceAccount, sets `automountServiceAccountToken:
 * false`; a projected `serviceAccountToken` volume mounts one regardless.
 */
import type { KubeObject } from '../../model/object';
import { isRecord, type FieldPath } from '../../model/path';
import { isWorkload, podSpecOf } from '../../model/workload';

export type TokenMount = 'automatic' | 'projected' | 'none';

export interface WorkloadIdentity {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Where `serviceAccountName` is (or belongs). */
  readonly serviceAccountPath: FieldPath;
  readonly explicitServiceAccount: boolean;
  readonly token: TokenMount;
  /** Where the automount decision is made (the pod field, or the pod spec when unset). */
  readonly tokenPath: FieldPath;
}

export function serviceAccountKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function hasProjectedToken(spec: Record<string, unknown>): boolean {
  const volumes = spec.volumes;
  if (!Array.isArray(volumes)) return false;
  return volumes.some((volume) => {
    if (!isRecord(volume) || !isRecord(volume.projected) || !Array.isArray(volume.projected.sources)) return false;
    return volume.projected.sources.some((source) => isRecord(source) && isRecord(source.serviceAccountToken));
  });
}

/** The ServiceAccount and token of a workload, given the run's ServiceAccounts by `ns/name`. */
export function workloadIdentity(object: KubeObject, serviceAccounts: ReadonlyMap<string, KubeObject>): WorkloadIdentity | undefined {
  if (!isWorkload(object) || object.namespace === null) return undefined;
  const pod = podSpecOf(object);
  if (pod === undefined) return undefined;
  const spec = pod.spec;
  const explicitName = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? spec.serviceAccountName : undefined;
  const legacyName = typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '' ? spec.serviceAccount : undefined;
  const serviceAccount = explicitName ?? legacyName ?? 'default';
  const field = explicitName !== undefined ? 'serviceAccountName' : legacyName !== undefined ? 'serviceAccount' : undefined;
  const sa = serviceAccounts.get(serviceAccountKey(object.namespace, serviceAccount));
  const podAutomount = spec.automountServiceAccountToken;
  const saAutomount = sa?.raw.automountServiceAccountToken;
  const automount = typeof podAutomount === 'boolean' ? podAutomount : typeof saAutomount === 'boolean' ? saAutomount : true;
  const token: TokenMount = automount ? 'automatic' : hasProjectedToken(spec) ? 'projected' : 'none';
  return {
    object,
    namespace: object.namespace,
    serviceAccount,
    serviceAccountPath: field === undefined ? pod.path : [...pod.path, field],
    explicitServiceAccount: field !== undefined,
    token,
    tokenPath: typeof podAutomount === 'boolean' ? [...pod.path, 'automountServiceAccountToken'] : pod.path,
  };
}

/** ServiceAccounts of the run by `ns/name` (first definition wins). */
export function serviceAccountsOf(objects: readonly KubeObject[]): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const object of objects) {
    if (object.kind !== 'ServiceAccount' || object.group !== '' || object.namespace === null) continue;
    const key = serviceAccountKey(object.namespace, object.name);
    if (!out.has(key)) out.set(key, object);
  }
  return out;
}
