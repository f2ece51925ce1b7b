/** Small helpers shared by the checks: the API server's wording and container findings. */
import type { FieldPath } from '../../model/path';
import { formatPath } from '../../model/path';
import type { ContainerEntry } from '../security-context';
import type { Finding } from './types';

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `"a", "b"` as the API server writes lists (`joinQuote`). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** A field value as text (manifests are unvalidated: it may be anything). */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Sorted distinct values (the API server's `sets.List()`). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** `container "app"`. */
export function containerLabel(entry: ContainerEntry): string {
  return `container "${entry.name}"`;
}

export function containerSubject(entry: ContainerEntry): string {
  return `container:${formatPath(entry.path)}`;
}

/** A finding about one container. */
export function containerFinding(entry: ContainerEntry, reason: string, detail: string, path: FieldPath): Finding {
  return {
    reason,
    detail,
    scope: 'spec',
    path,
    container: { list: entry.list, index: entry.index, name: entry.name },
    subject: containerSubject(entry),
  };
}

/** A finding about a pod-level field (relative to the pod spec or the pod metadata). */
export function podFinding(reason: string, detail: string, path: FieldPath, scope: 'spec' | 'metadata' = 'spec'): Finding {
  return { reason, detail, scope, path, subject: `${scope}:${formatPath(path)}` };
}

/** Items of an array field with their indexes; anything else has none. */
export function itemsOf(value: unknown): { item: unknown; index: number }[] {
  return Array.isArray(value) ? value.map((item: unknown, index) => ({ item, index })) : [];
}
