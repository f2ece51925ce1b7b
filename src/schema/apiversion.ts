/** `apiVersion` strings and Kubernetes API version ordering. */

export interface GroupVersion {
  /** `""` for the core group. */
  readonly group: string;
  readonly version: string;
}

/** `apps/v1` → `{group: 'apps', version: 'v1'}`; `v1` → core. Undefined when malformed. */
export function parseApiVersion(apiVersion: string): GroupVersion | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return parts[0] === '' ? undefined : { group: '', version: parts[0] };
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return { group: parts[0], version: parts[1] };
  return undefined;
}

export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;
const STABILITY: Record<string, number> = { alpha: 1, beta: 2 };

/**
 * Orders API versions as Kubernetes prefers them: GA before beta before alpha, then higher major,
 * then higher minor (`v2, v1, v1beta2, v1beta1, v1alpha1`); anything else last, alphabetically.
 * Negative when `a` is preferred.
 */
export function compareApiVersions(a: string, b: string): number {
  const ma = KUBE_VERSION.exec(a);
  const mb = KUBE_VERSION.exec(b);
  if (ma === null || mb === null) {
    if (ma !== null) return -1;
    if (mb !== null) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const stability = (m: RegExpExecArray): number => (m[2] === undefined ? 3 : STABILITY[m[2]]);
  return (
    stability(mb) - stability(ma) ||
    Number(mb[1]) - Number(ma[1]) ||
    Number(mb[3] ?? 0) - Number(ma[3] ?? 0)
  );
}
