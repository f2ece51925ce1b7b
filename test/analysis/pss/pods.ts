/** Pod specs for the Pod Security tests: a hardened pod that passes restricted, and tweaks of it. */
import { evaluatePodSecurity, type CheckLevel, type PodSecurityViolation } from '../../../src/analysis/pss';
import { formatPath } from '../../../src/model/path';
import type { ContainerList } from '../../../src/model/workload';

export type Json = Record<string, unknown>;

export const VERSIONS = ['1.33', '1.34', '1.35', '1.36'] as const;

function isPlain(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep merge of plain objects; arrays and scalars from `patch` replace. */
export function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = isPlain(value) && isPlain(out[key]) ? merge(out[key] as Json, value) : value;
  return out;
}

/** A container that meets restricted (with the pod-level settings of `hardenedPod`). */
export const HARDENED_CONTAINER: Json = {
  name: 'app',
  image: 'registry.example/app:1.0',
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
};

/**
 * A pod spec that meets restricted, with one container named `app` in `list` (and a hardened
 * `main` container in `containers` when `list` is another list), the container patched.
 */
export function hardenedPod(options: { container?: Json; pod?: Json; list?: ContainerList } = {}): Json {
  const list = options.list ?? 'containers';
  const app = merge(HARDENED_CONTAINER, options.container ?? {});
  const lists: Json = list === 'containers' ? { containers: [app] } : { containers: [{ ...HARDENED_CONTAINER, name: 'main' }], [list]: [app] };
  return merge({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, ...lists }, options.pod ?? {});
}

export interface Summary {
  control: string;
  path: string;
  detail: string;
}

export function summarize(v: PodSecurityViolation): Summary {
  return { control: v.control, path: `${v.scope === 'metadata' ? 'metadata.' : ''}${formatPath(v.path)}`, detail: v.detail };
}

export function check(spec: unknown, level: CheckLevel, version: string, metadata: unknown = {}): Summary[] {
  return evaluatePodSecurity(spec, metadata, level, version).map(summarize);
}
