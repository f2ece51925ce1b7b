/**
 * The Pod Security policy of a namespace, from its `pod-security.kubernetes.io/*` labels, as
 * Pod Security Admission resolves them (`api.PolicyToEvaluate`): an unreadable enforce level
 * fails closed (restricted), unreadable warn and audit levels fail open (privileged), an
 * unreadable version means `latest`.
 */
import type { Level } from './types';
import { parseLabelVersion } from './version';

export const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];
export const MODES = ['enforce', 'audit', 'warn'] as const;
export type Mode = (typeof MODES)[number];

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';

export interface LevelVersion {
  readonly level: Level;
  /** As the policy is printed: `v1.30` or `latest`. */
  readonly version: string;
  /** Where it comes from: the namespace labels or the default. */
  readonly fromLabel: boolean;
}

export type NamespacePolicy = Readonly<Record<Mode, LevelVersion>>;

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

export function compareLevels(a: Level, b: Level): number {
  return LEVELS.indexOf(a) - LEVELS.indexOf(b);
}

function resolveMode(labels: Readonly<Record<string, string>>, mode: Mode, fallback: LevelVersion): LevelVersion {
  const levelLabel = labels[`${LABEL_PREFIX}${mode}`];
  const versionLabel = labels[`${LABEL_PREFIX}${mode}-version`];
  if (levelLabel === undefined && versionLabel === undefined) return fallback;
  const level = levelLabel === undefined ? fallback.level : isLevel(levelLabel) ? levelLabel : mode === 'enforce' ? 'restricted' : 'privileged';
  const parsed = versionLabel === undefined ? undefined : parseLabelVersion(versionLabel);
  const version = versionLabel === undefined ? fallback.version : typeof parsed === 'number' ? `v1.${parsed}` : 'latest';
  return { level, version, fromLabel: true };
}

/**
 * The policy of a namespace. `defaults` applies to modes without labels (no namespace labels at
 * all: every mode is the default).
 */
export function namespacePolicy(labels: Readonly<Record<string, string>> | undefined, defaults: { enforce: LevelVersion; audit: LevelVersion; warn: LevelVersion }): NamespacePolicy {
  const own = labels ?? {};
  return {
    enforce: resolveMode(own, 'enforce', defaults.enforce),
    audit: resolveMode(own, 'audit', defaults.audit),
    warn: resolveMode(own, 'warn', defaults.warn),
  };
}
