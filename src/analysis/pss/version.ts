/**
 * Policy versions. Pod Security Admission versions its checks by Kubernetes minor (`v1.x`);
 * `latest` is the newest the cluster knows. A version newer than the cluster is evaluated as the
 * cluster's own (the API server clamps it to its newest checks).
 */

/** Minor of the newest Kubernetes release whose checks are encoded here. */
export const NEWEST_KNOWN_MINOR = 36;

const LABEL_VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;
const PLAIN_VERSION = /^v?1\.(\d+)(?:\.\d+)?$/;

/**
 * A namespace label's version (`v1.x` or `latest`, exactly as the API server accepts them).
 * Anything else is undefined (the API server then evaluates `latest`).
 */
export function parseLabelVersion(value: unknown): number | 'latest' | undefined {
  if (value === 'latest') return 'latest';
  if (typeof value !== 'string') return undefined;
  const match = LABEL_VERSION.exec(value);
  return match === null ? undefined : Number(match[1]);
}

/** A version written loosely (`1.36`, `v1.36`, `1.36.2`, `latest`); undefined when unreadable. */
export function parseVersion(value: unknown): number | 'latest' | undefined {
  if (value === 'latest') return 'latest';
  if (typeof value !== 'string') return undefined;
  const match = PLAIN_VERSION.exec(value.trim());
  return match === null ? undefined : Number(match[1]);
}

/**
 * The minor to evaluate: the requested version, no newer than the cluster (and than the newest
 * checks known here). Unreadable versions count as `latest`, as in the API server.
 */
export function effectiveMinor(requested: unknown, cluster?: unknown): number {
  const clusterMinor = parseVersion(cluster);
  const ceiling = Math.min(typeof clusterMinor === 'number' ? clusterMinor : NEWEST_KNOWN_MINOR, NEWEST_KNOWN_MINOR);
  const minor = parseVersion(requested);
  return typeof minor === 'number' ? Math.min(minor, ceiling) : ceiling;
}

/** The version as the API server prints it in a policy: `v1.36` or `latest`. */
export function displayVersion(value: unknown): string {
  const minor = parseVersion(value);
  return typeof minor === 'number' ? `v1.${minor}` : 'latest';
}
