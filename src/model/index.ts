/**
 * The index of every object in a run: by identity, by kind and by namespace, so cross-object
 * rules look things up instead of scanning all objects for each object.
 */
import type { KubeObject } from './object';
import { matches, type Selector } from './selector';
import { podMetadataOf } from './workload';

export { KubeObject, documentRange } from './object';
export * from './path';
export * from './selector';
export * from './workload';
export { buildObjects } from './build';
export type { BuildResult, BuildOptions } from './build';
export { ScopeTable, groupOf, versionOf } from './scope';

export function objectKey(group: string, kind: string, namespace: string | null, name: string): string {
  return `${group}|${kind}|${namespace ?? ''}|${name}`;
}

export class ObjectIndex {
  private readonly byKey = new Map<string, KubeObject[]>();
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly byNamespace = new Map<string, KubeObject[]>();
  /** Pod-template labels of workloads, per namespace (label key=value → workloads). */
  private readonly podsByLabel = new Map<string, Map<string, KubeObject[]>>();
  private sortedNamespaces: readonly string[] | undefined;

  constructor(readonly objects: readonly KubeObject[]) {
    for (const object of objects) {
      push(this.byKey, objectKey(object.group, object.kind, object.namespace, object.name), object);
      push(this.byKind, object.kind, object);
      if (object.namespace !== null) push(this.byNamespace, object.namespace, object);
      this.indexPodLabels(object);
    }
  }

  /** Objects with this identity (more than one means a duplicate definition). */
  find(group: string, kind: string, namespace: string | null, name: string): readonly KubeObject[] {
    return this.byKey.get(objectKey(group, kind, namespace, name)) ?? [];
  }

  ofKind(kind: string): readonly KubeObject[] {
    return this.byKind.get(kind) ?? [];
  }

  inNamespace(namespace: string): readonly KubeObject[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** Namespaces of the run's objects, sorted (a shared list: do not modify). */
  namespaces(): readonly string[] {
    this.sortedNamespaces ??= [...this.byNamespace.keys()].sort();
    return this.sortedNamespaces;
  }

  /**
   * Workloads in a namespace whose pod labels match a selector. Candidates come from the label
   * index (the first equality requirement), so the cost follows the matches, not the run size.
   */
  workloadsMatching(namespace: string, selector: Selector): KubeObject[] {
    if (selector.matchesNothing) return [];
    const byLabel = this.podsByLabel.get(namespace);
    if (byLabel === undefined) return [];
    const equality = selector.requirements.find((r) => r.operator === 'In' && r.values.length === 1);
    const candidates = equality !== undefined ? (byLabel.get(`${equality.key}=${equality.values[0]}`) ?? []) : (byLabel.get('') ?? []);
    return candidates.filter((object) => matches(selector, podLabels(object)));
  }

  private indexPodLabels(object: KubeObject): void {
    if (object.namespace === null || podMetadataOf(object) === undefined) return;
    let byLabel = this.podsByLabel.get(object.namespace);
    if (byLabel === undefined) {
      byLabel = new Map();
      this.podsByLabel.set(object.namespace, byLabel);
    }
    push(byLabel, '', object);
    for (const [key, value] of Object.entries(podLabels(object))) push(byLabel, `${key}=${value}`, object);
  }
}

/** Labels of the pods a workload creates (a bare Pod's own labels). */
export function podLabels(object: KubeObject): Record<string, string> {
  const labels = podMetadataOf(object)?.labels;
  const out: Record<string, string> = {};
  if (labels !== null && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
