/**
 * What a custom rule checks: objects by kind (wildcards, optionally `group/Kind`), namespace,
 * labels and annotations, and within them the whole object, every pod spec, every pod template
 * or every container, so a rule about containers need not know where each workload keeps its
 * pod template.
 */
import type { KubeObject } from '../model/object';
import { isRecord, type FieldPath } from '../model/path';
import { containersOf, podSpecOf, type ContainerList } from '../model/workload';
import { matchesPatternList, wildcardMatch } from './glob';
import { showValue } from './show';

export const EACH = ['object', 'podSpec', 'podTemplate', 'container'] as const;
export type Each = (typeof EACH)[number];

export const CONTAINER_TYPES: Readonly<Record<string, ContainerList>> = {
  container: 'containers',
  initContainer: 'initContainers',
  ephemeralContainer: 'ephemeralContainers',
};

export interface CompiledTarget {
  kinds: readonly string[] | undefined;
  namespaces: readonly string[] | undefined;
  labels: Readonly<Record<string, string>> | undefined;
  annotations: Readonly<Record<string, string>> | undefined;
  each: Each;
  containerLists: ReadonlySet<ContainerList>;
}

/** One thing a rule checks inside an object. */
export interface Subject {
  path: FieldPath;
  value: unknown;
  container?: Record<string, unknown>;
}

export class TargetError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

/** Validates and compiles a `target` (parameters already filled in). */
export function compileTarget(raw: Record<string, unknown>): CompiledTarget {
  for (const [key, value] of Object.entries(raw)) {
    if (JSON.stringify(value).includes('{{')) throw new TargetError(key, `\`${key}\` may use only {{ .params… }} placeholders (which object is checked cannot depend on the object)`);
  }
  const each = (raw.each ?? 'object') as Each;
  if (!EACH.includes(each)) throw new TargetError('each', `\`each\` must be one of ${EACH.join(', ')}, got ${showValue(raw.each)}`);
  const types = raw.containerTypes === undefined ? ['container', 'initContainer'] : list('containerTypes', raw.containerTypes);
  if (raw.containerTypes !== undefined && each !== 'container') throw new TargetError('containerTypes', '`containerTypes` applies only with `each: container`');
  for (const t of types) if (CONTAINER_TYPES[t] === undefined) throw new TargetError('containerTypes', `unknown container type ${showValue(t)}; use container, initContainer or ephemeralContainer`);
  return {
    kinds: raw.kinds === undefined ? undefined : list('kinds', raw.kinds),
    namespaces: raw.namespaces === undefined ? undefined : list('namespaces', raw.namespaces),
    labels: raw.labels === undefined ? undefined : stringMap('labels', raw.labels),
    annotations: raw.annotations === undefined ? undefined : stringMap('annotations', raw.annotations),
    each,
    containerLists: new Set(types.map((t) => CONTAINER_TYPES[t])),
  };
}

function list(key: string, value: unknown): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || !items.every((i) => typeof i === 'string' && i !== '')) throw new TargetError(key, `\`${key}\` must be a string or a list of strings, got ${showValue(value)}`);
  return items as string[];
}

function stringMap(key: string, value: unknown): Record<string, string> {
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) throw new TargetError(key, `\`${key}\` must map keys to values (or "*" for any value), got ${showValue(value)}`);
  return value as Record<string, string>;
}

function kindMatches(pattern: string, object: KubeObject): boolean {
  const slash = pattern.lastIndexOf('/');
  if (slash < 0) return wildcardMatch(pattern.toLowerCase(), object.kind.toLowerCase());
  const group = pattern.slice(0, slash);
  return wildcardMatch(group === 'core' ? '' : group, object.group) && wildcardMatch(pattern.slice(slash + 1).toLowerCase(), object.kind.toLowerCase());
}

function mapMatches(filter: Readonly<Record<string, string>>, actual: Readonly<Record<string, string>>): boolean {
  return Object.entries(filter).every(([key, pattern]) => actual[key] !== undefined && wildcardMatch(pattern, actual[key]));
}

/** Cheap filter on the object's identity; the engine skips objects it rejects. */
export function targetAppliesTo(target: CompiledTarget, object: KubeObject): boolean {
  if (target.kinds !== undefined && !target.kinds.some((k) => kindMatches(k, object))) return false;
  if (target.namespaces !== undefined && !matchesPatternList(target.namespaces, object.namespace)) return false;
  if (target.labels !== undefined && !mapMatches(target.labels, object.labels)) return false;
  if (target.annotations !== undefined && !mapMatches(target.annotations, object.annotations)) return false;
  return target.each === 'object' || podSpecOf(object) !== undefined;
}

export function subjectsOf(target: CompiledTarget, object: KubeObject): Subject[] {
  if (target.each === 'object') return [{ path: [], value: object.raw }];
  const pod = podSpecOf(object);
  if (pod === undefined) return [];
  switch (target.each) {
    case 'podSpec':
      return [{ path: pod.path, value: pod.spec }];
    case 'podTemplate':
      return pod.template ? [{ path: pod.path.slice(0, -1), value: object.get(pod.path.slice(0, -1)) }] : [{ path: [], value: object.raw }];
    default:
      return containersOf(pod)
        .filter((c) => target.containerLists.has(c.list))
        .map((c) => ({ path: c.path, value: c.container, container: c.container }));
  }
}
