/**
 * Pure helpers for reliability rules: which containers run for the pod's lifetime, how many
 * replicas a workload has (from spec.replicas or the autoscaler that owns it), int-or-percent
 * arithmetic as the controllers do it, and resource quantities.
 */
import type { RunModel } from '../engine/rule';
import { isInteger, isValidPercent } from '../data/k8s-validation';
import { parseQuantity, type Quantity } from '../data/quantity';
import type { KubeObject } from '../model';
import { isRecord } from '../model/path';
import { containersOf, type ContainerView, type PodSpecView } from '../model/workload';
import { scalersOf } from './references';

/** Deployments, StatefulSets and DaemonSets: the kinds whose pods serve for a long time. */
export function isLongRunningWorkload(object: KubeObject): boolean {
  return (object.kind === 'Deployment' || object.kind === 'StatefulSet' || object.kind === 'DaemonSet') && (object.group === 'apps' || object.group === 'extensions');
}

/** Deployments and StatefulSets: the kinds with a replica count people choose. */
export function isReplicatedWorkload(object: KubeObject): boolean {
  return (object.kind === 'Deployment' || object.kind === 'StatefulSet') && (object.group === 'apps' || object.group === 'extensions');
}

/** A sidecar: an init container with `restartPolicy: Always` runs beside the app containers. */
export function isSidecar(view: ContainerView): boolean {
  return view.list === 'initContainers' && view.container.restartPolicy === 'Always';
}

/** Containers that run as long as the pod: regular containers and sidecar init containers. */
export function longRunningContainers(pod: PodSpecView): ContainerView[] {
  return containersOf(pod).filter((view) => view.list === 'containers' || isSidecar(view));
}

/** `spec.replicas` (default 1) for kinds that have it; undefined for DaemonSets, Jobs, odd values. */
export function specReplicas(object: KubeObject): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(object.kind)) return undefined;
  const value = object.get(['spec', 'replicas']);
  if (value === undefined || value === null) return 1;
  return isInteger(value) && value >= 0 ? value : undefined;
}

export interface ReplicaRange {
  min: number;
  max: number;
  /** The HPA or ScaledObject that owns the count, if any. */
  scaler?: KubeObject;
}

/** How many pods a workload runs: from its autoscaler when one targets it, else spec.replicas. */
export function replicaRange(run: RunModel, object: KubeObject): ReplicaRange | undefined {
  const scaler = scalersOf(run, object)[0];
  if (scaler !== undefined) {
    if (scaler.kind === 'HorizontalPodAutoscaler') {
      const min = scaler.get(['spec', 'minReplicas']);
      const max = scaler.get(['spec', 'maxReplicas']);
      const lo = isInteger(min) && min >= 0 ? min : 1;
      return { min: lo, max: isInteger(max) && max >= lo ? max : lo, scaler };
    }
    const min = scaler.get(['spec', 'minReplicaCount']);
    const max = scaler.get(['spec', 'maxReplicaCount']);
    const lo = isInteger(min) && min >= 0 ? min : 0;
    return { min: lo, max: isInteger(max) && max >= lo ? max : Math.max(lo, 100), scaler };
  }
  const replicas = specReplicas(object);
  return replicas === undefined ? undefined : { min: replicas, max: replicas };
}

/**
 * An int-or-percent field scaled against a total as the controllers do
 * (intstr.GetScaledValueFromIntOrPercent); undefined for values that are neither.
 */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (isInteger(value)) return value;
  if (typeof value !== 'string' || !isValidPercent(value)) return undefined;
  const percent = Number(value.slice(0, -1));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** A percentage string's number ("25%" → 25), or undefined. */
export function percentOf(value: unknown): number | undefined {
  return typeof value === 'string' && isValidPercent(value) ? Number(value.slice(0, -1)) : undefined;
}

/** True for 0, "0%" (and "00%"). */
export function isZeroIntOrPercent(value: unknown): boolean {
  return value === 0 || percentOf(value) === 0;
}

/** A quantity field, parsed; undefined when absent or invalid (schema rules report invalid ones). */
export function quantityOf(value: unknown): Quantity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseQuantity(value);
  return parsed.ok && parsed.quantity.exact ? parsed.quantity : undefined;
}

/** `resources.<kind>.<resource>` of a container, when written. */
export function resourceValue(container: Record<string, unknown>, kind: 'requests' | 'limits', resource: string): unknown {
  const resources = container.resources;
  if (!isRecord(resources)) return undefined;
  const values = resources[kind];
  return isRecord(values) ? values[resource] : undefined;
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
export type ProbeField = (typeof PROBES)[number];

export function probeOf(container: Record<string, unknown>, field: ProbeField): Record<string, unknown> | undefined {
  const probe = container[field];
  return isRecord(probe) ? probe : undefined;
}

/** Probe timing with the API defaults (period 10 s, failure threshold 3, delay 0). */
export function probeTiming(probe: Record<string, unknown>): { delay: number; period: number; failures: number } {
  const num = (value: unknown, fallback: number): number => (isInteger(value) && value >= 0 ? value : fallback);
  return { delay: num(probe.initialDelaySeconds, 0), period: Math.max(1, num(probe.periodSeconds, 10)), failures: Math.max(1, num(probe.failureThreshold, 3)) };
}

/**
 * Whether two JSON-like values are equal as JSON with sorted keys would be: mappings compare as
 * sets of keys, arrays in order, scalars as their JSON text (so NaN, Infinity and null are alike).
 * Decided by walking both values: no text is built, and the walk stops at the first difference.
 */
export function canonicallyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!canonicallyEqual(a[i], b[i])) return false;
    return true;
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.prototype.propertyIsEnumerable.call(b, key) || !canonicallyEqual(a[key], b[key])) return false;
    return true;
  }
  if (Array.isArray(b) || isRecord(b)) return false;
  return (JSON.stringify(a) ?? 'undefined') === (JSON.stringify(b) ?? 'undefined');
}

/** Image names of stacks that commonly take a minute or more to start (JVMs, databases, search engines). */
const SLOW_STACKS = new Set(['java', 'jdk', 'jre', 'openjdk', 'temurin', 'corretto', 'zulu', 'tomcat', 'jboss', 'wildfly', 'keycloak', 'spring', 'elasticsearch', 'opensearch', 'logstash', 'kibana', 'kafka', 'zookeeper', 'cassandra', 'solr', 'sonarqube', 'jenkins', 'nexus', 'nexus3', 'neo4j', 'artifactory', 'mssql', 'oracle', 'db2', 'gitlab', 'confluence', 'jira']);
/** Helpers named after a stack (`kafka-exporter`, `elasticsearch-operator`) are small programs that start fast. */
const HELPER_WORDS = new Set(['exporter', 'operator', 'proxy', 'client', 'cli', 'agent', 'sidecar', 'controller', 'init', 'curator', 'ui', 'manager', 'connect', 'beat', 'metricbeat', 'filebeat']);

/** The stack an image name belongs to, if it is a slow one: `docker.elastic.co/elasticsearch/elasticsearch:8` → elasticsearch. */
export function slowImageStack(image: string): string | undefined {
  const repository = image.split('@')[0].replace(/:[^/:]*$/, '');
  const name = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
  const words = name.split(/[-_.]/);
  if (words.some((w) => HELPER_WORDS.has(w))) return undefined;
  return words.find((w) => SLOW_STACKS.has(w));
}
