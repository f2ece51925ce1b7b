/** Kubernetes versions kubevet bundles data for; the newest is the default. */
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.33', '1.34', '1.35', '1.36'] as const;
export const DEFAULT_KUBERNETES_VERSION = SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1];

export function isSupportedVersion(v: string): boolean {
  return (SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(v);
}
