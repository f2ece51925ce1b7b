/**
 * The one accessor for pod specs: where each workload kind keeps its pod template, and every
 * container in it. Rules about pods and containers go through here and never need to know
 * that a CronJob nests its pod four levels deep.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from './object';
import { isRecord, type FieldPath, type Segment } from './path';
import { LastKeyCache, memoize } from '../util/memo';

/** Path of the pod spec per workload kind (apps and batch groups, plus core). */
const POD_SPEC_PATHS: ReadonlyMap<string, readonly Segment[]> = new Map<string, readonly Segment[]>([
  ['Pod', ['spec']],
  ['PodTemplate', ['template', 'spec']],
  ['ReplicationController', ['spec', 'template', 'spec']],
  ['ReplicaSet', ['spec', 'template', 'spec']],
  ['Deployment', ['spec', 'template', 'spec']],
  ['StatefulSet', ['spec', 'template', 'spec']],
  ['DaemonSet', ['spec', 'template', 'spec']],
  ['Job', ['spec', 'template', 'spec']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
]);

const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

export const WORKLOAD_KINDS: readonly string[] = [...POD_SPEC_PATHS.keys()];

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';
export const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface PodSpecView {
  object: KubeObject;
  spec: Record<string, unknown>;
  /**
   * The same spec through the Kubernetes API types (kubernetes-types). The manifest is not
   * validated, so a field may hold any value: compare with === or typeof, never assume.
   */
  typed: PodSpec;
  /** Path of the pod spec within the object. */
  path: FieldPath;
  /** Path of the pod metadata (labels, annotations) within the object. */
  metadataPath: FieldPath;
  metadata: Record<string, unknown>;
  /** True for templates (controllers), false for bare Pods. */
  template: boolean;
}

export interface ContainerView {
  pod: PodSpecView;
  container: Record<string, unknown>;
  /** The same container through the API types; unvalidated, as for PodSpecView.typed. */
  typed: Container;
  list: ContainerList;
  index: number;
  name: string;
  path: FieldPath;
}

export function isWorkload(object: KubeObject): boolean {
  return POD_SPEC_PATHS.has(object.kind) && WORKLOAD_GROUPS.has(object.group);
}

// Every pod and container rule asks for the same views: compute them once per object.
const podSpecs = new WeakMap<KubeObject, PodSpecView | null>();

/** The pod spec of a workload, or undefined for other kinds or a missing spec. */
export function podSpecOf(object: KubeObject): PodSpecView | undefined {
  let view = podSpecs.get(object);
  if (view === undefined) {
    view = computePodSpec(object) ?? null;
    podSpecs.set(object, view);
  }
  return view ?? undefined;
}

function computePodSpec(object: KubeObject): PodSpecView | undefined {
  if (!WORKLOAD_GROUPS.has(object.group)) return undefined;
  const path = POD_SPEC_PATHS.get(object.kind);
  if (path === undefined) return undefined;
  const spec = object.get(path);
  if (!isRecord(spec)) return undefined;
  const metadataPath = [...path.slice(0, -1), 'metadata'];
  const metadata = object.kind === 'Pod' ? object.raw.metadata : object.get(metadataPath);
  return {
    object,
    spec,
    typed: spec as unknown as PodSpec,
    path,
    metadataPath: object.kind === 'Pod' ? ['metadata'] : metadataPath,
    metadata: isRecord(metadata) ? metadata : {},
    template: object.kind !== 'Pod',
  };
}

/**
 * The metadata of the pods a workload creates (a bare Pod's own), read from the pod template
 * even when the template has no pod spec: such a workload is invalid (schema/required-field
 * reports it), but the Services and budgets that select its labels are not wrong because of it.
 * Undefined for other kinds and when there is no template metadata.
 */
export function podMetadataOf(object: KubeObject): Record<string, unknown> | undefined {
  const pod = podSpecOf(object);
  if (pod !== undefined) return pod.metadata;
  if (!isWorkload(object)) return undefined;
  const path = POD_SPEC_PATHS.get(object.kind) ?? [];
  const metadata = object.get([...path.slice(0, -1), 'metadata']);
  return isRecord(metadata) ? metadata : undefined;
}

/** Every container of a pod spec: init, regular and ephemeral, in that order (a shared list: do not modify). */
export const containersOf: (pod: PodSpecView) => ContainerView[] = memoize(computeContainers, new LastKeyCache());

function computeContainers(pod: PodSpecView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isRecord(container)) return;
      out.push({
        pod,
        container,
        typed: container as unknown as Container,
        list,
        index,
        name: typeof container.name === 'string' ? container.name : `${list}[${index}]`,
        path: [...pod.path, list, index],
      });
    });
  }
  return out;
}
