/** Sysctl patterns of a policy: `allowedUnsafeSysctls` and `forbiddenSysctls` (`net.*`, `*`, plain names). */

/**
 * Sysctls every policy allows: namespaced and isolated from other pods (the list
 * PodSecurityPolicy's sysctl strategy used in its last release, 1.24).
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
]);

/** A plain name matches itself; a name ending in `*` matches everything it is a prefix of. */
export function matchesSysctlPattern(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

export function matchesAnySysctlPattern(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchesSysctlPattern(name, pattern));
}

const SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const LAST_PATTERN_SEGMENT = '([a-z0-9][-_a-z0-9]*)?[a-z0-9*]';
const SYSCTL_PATTERN = new RegExp(`^(${SEGMENT}[\\./])*${LAST_PATTERN_SEGMENT}$`);
const SYSCTL_MAX_LENGTH = 253;

/** Why a sysctl pattern is one the API server refused. */
export function sysctlPatternProblem(pattern: string): string | undefined {
  if (pattern === '') return 'empty sysctl not allowed';
  if (pattern.length > SYSCTL_MAX_LENGTH || !SYSCTL_PATTERN.test(pattern)) {
    return `${JSON.stringify(pattern)} must have at most ${SYSCTL_MAX_LENGTH} characters and be a sysctl name, optionally ending in * (e.g. net.ipv4.tcp_keepalive_time or net.*)`;
  }
  return undefined;
}

/**
 * An allowed and a forbidden pattern that overlap, as the API server detected it: which list
 * entry it blamed (`allowed` or `forbidden`), or undefined when they do not overlap.
 */
export function sysctlOverlap(allowed: string, forbidden: string): 'allowed' | 'forbidden' | undefined {
  const allowedPrefix = allowed.endsWith('*') ? allowed.slice(0, -1) : undefined;
  const forbiddenPrefix = forbidden.endsWith('*') ? forbidden.slice(0, -1) : undefined;
  if (allowedPrefix !== undefined && forbiddenPrefix !== undefined) {
    if (allowedPrefix.startsWith(forbiddenPrefix)) return 'allowed';
    if (forbiddenPrefix.startsWith(allowedPrefix)) return 'forbidden';
    return undefined;
  }
  if (allowedPrefix !== undefined) return forbidden.startsWith(allowedPrefix) ? 'forbidden' : undefined;
  if (forbiddenPrefix !== undefined) return allowed.startsWith(forbiddenPrefix) ? 'allowed' : undefined;
  return allowed === forbidden ? 'allowed' : undefined;
}
