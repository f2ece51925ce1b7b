/**
 * Opt-in honouring of other linters' ignore annotations (`honorPeerAnnotations`), so a
 * repository moving to kubevet keeps its accepted exceptions. A peer annotation silences, on
 * the object that carries it, the kubevet rules whose `meta.equivalents` name that peer check;
 * an "ignore everything" annotation silences every rule with an equivalent in that tool. The
 * annotations belong to the other tool, so they are never reported as unused.
 *
 * Formats, as the tools read them:
 * - kube-linter: `ignore-check.kube-linter.io/<check>` (any value) and `kube-linter.io/ignore-all`,
 *   on the object's metadata.
 * - Polaris: `polaris.fairwinds.com/<check>-exempt: "true"` and `polaris.fairwinds.com/exempt: "true"`
 *   on the controller's metadata.
 * - kube-score: `kube-score/ignore: check-a, check-b` (or `*`) on the object or its pod template,
 *   and `kube-score/skip: "true"`, which skips the object.
 * - Checkov: `checkov.io/skip<N>: CKV_K8S_<n>=reason` (also `bridgecrew.io/skip<N>`) on the
 *   object's metadata.
 */
import type { KubeObject } from '../model/object';
import { podSpecOf } from '../model/workload';
import type { AnyRule } from './rule';
import { objectSuppression, type Suppression } from './suppress';

export const PEER_TOOLS = ['kube-linter', 'polaris', 'kube-score', 'checkov'] as const;
export type PeerTool = (typeof PEER_TOOLS)[number];

/** What one annotation asks its tool to skip: some checks, or all of them. */
export interface PeerIgnore {
  tool: PeerTool;
  /** The annotation key, for messages. */
  key: string;
  checks: string[] | 'all';
  reason?: string;
  /** Field path of the annotation inside the object. */
  path: (string | number)[];
}

/** Peer check id → the kubevet rules that are its equivalents, per tool. */
export type PeerCheckIndex = ReadonlyMap<PeerTool, ReadonlyMap<string, readonly string[]>>;

/**
 * The peer check ids one `equivalents` value names: `'no-readiness-probe, no-liveness-probe'`.
 * An entry marked "(partly)" is left out: a partial match does not justify silencing a rule.
 */
export function equivalentCheckIds(value: string): string[] {
  return value
    .split(/[,/]/)
    .filter((part) => !/\(partly\)/i.test(part))
    .map((part) => part.replace(/\(.*?\)/g, '').trim())
    .filter((part) => /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(part));
}

export function peerCheckIndex(rules: readonly AnyRule[]): PeerCheckIndex {
  const index = new Map<PeerTool, Map<string, string[]>>(PEER_TOOLS.map((tool) => [tool, new Map()]));
  for (const rule of rules) {
    for (const [tool, value] of Object.entries(rule.meta.equivalents ?? {})) {
      const checks = index.get(tool.toLowerCase() as PeerTool);
      if (checks === undefined) continue;
      for (const check of equivalentCheckIds(value)) {
        const ids = checks.get(check);
        if (ids === undefined) checks.set(check, [rule.meta.id]);
        else if (!ids.includes(rule.meta.id)) ids.push(rule.meta.id);
      }
    }
  }
  return index;
}

function isTrue(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const POLARIS_CHECK = /^polaris\.fairwinds\.com\/(.+)-exempt$/;
const CHECKOV_SKIP = /^(?:checkov|bridgecrew)\.io\/skip\d*$/;

function metadataIgnores(tool: PeerTool, annotations: Readonly<Record<string, unknown>>, basePath: (string | number)[]): PeerIgnore[] {
  const out: PeerIgnore[] = [];
  for (const [key, raw] of Object.entries(annotations)) {
    if (typeof raw !== 'string') continue;
    const at = { tool, key, path: [...basePath, key] };
    switch (tool) {
      case 'kube-linter':
        if (key === 'kube-linter.io/ignore-all') out.push({ ...at, checks: 'all', reason: raw || undefined });
        else if (key.startsWith(KUBE_LINTER_PREFIX) && key.length > KUBE_LINTER_PREFIX.length) out.push({ ...at, checks: [key.slice(KUBE_LINTER_PREFIX.length)], reason: raw || undefined });
        break;
      case 'polaris': {
        if (!isTrue(raw)) break;
        const check = POLARIS_CHECK.exec(key)?.[1];
        if (key === 'polaris.fairwinds.com/exempt') out.push({ ...at, checks: 'all' });
        else if (check !== undefined) out.push({ ...at, checks: [check] });
        break;
      }
      case 'kube-score':
        if (key === 'kube-score/skip' && isTrue(raw)) out.push({ ...at, checks: 'all' });
        if (key === 'kube-score/ignore') {
          const checks = raw.split(',').map((c) => c.trim()).filter((c) => c !== '');
          if (checks.includes('*')) out.push({ ...at, checks: 'all' });
          else if (checks.length > 0) out.push({ ...at, checks });
        }
        break;
      case 'checkov': {
        if (!CHECKOV_SKIP.test(key)) break;
        const [id, ...reason] = raw.split('=');
        if (id.trim() !== '') out.push({ ...at, checks: [id.trim()], reason: reason.join('=').trim() || undefined });
        break;
      }
    }
  }
  return out;
}

/** The ignore annotations of the given tools that an object carries (kube-score also reads the pod template's). */
export function peerIgnores(object: KubeObject, tools: readonly PeerTool[]): PeerIgnore[] {
  const out: PeerIgnore[] = [];
  for (const tool of tools) for (const ignore of metadataIgnores(tool, object.annotations, ['metadata', 'annotations'])) out.push(ignore);
  const pod = tools.includes('kube-score') ? podSpecOf(object) : undefined;
  const podAnnotations = pod?.template === true ? pod.metadata.annotations : undefined;
  if (pod !== undefined && typeof podAnnotations === 'object' && podAnnotations !== null && !Array.isArray(podAnnotations)) {
    for (const ignore of metadataIgnores('kube-score', podAnnotations as Record<string, unknown>, [...pod.metadataPath, 'annotations'])) out.push(ignore);
  }
  return out;
}

/** The kubevet rules a peer annotation stands for. */
export function rulesForIgnore(ignore: PeerIgnore, index: PeerCheckIndex): string[] {
  const checks = index.get(ignore.tool);
  if (checks === undefined) return [];
  const lists = ignore.checks === 'all' ? [...checks.values()] : ignore.checks.map((check) => checks.get(check) ?? []);
  return [...new Set(lists.flat())].sort();
}

export function peerSuppressions(objects: readonly KubeObject[], tools: readonly PeerTool[] | undefined, rules: readonly AnyRule[]): Suppression[] {
  if (tools === undefined || tools.length === 0) return [];
  const index = peerCheckIndex(rules);
  const out: Suppression[] = [];
  for (const object of objects) {
    for (const ignore of peerIgnores(object, tools)) {
      const ruleIds = rulesForIgnore(ignore, index);
      if (ruleIds.length === 0) continue;
      const label = `${ignore.tool} annotation ${ignore.key}`;
      out.push(objectSuppression(object, object.range(ignore.path, 'key'), { kind: 'peer', rules: ruleIds, reason: ignore.reason, label }, (id) => ruleIds.includes(id)));
    }
  }
  return out;
}
