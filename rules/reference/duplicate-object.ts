import { canonicalGroup, placeOf, sameDirectory, writtenName } from '../../src/analysis/references';
import { canonicallyEqual } from '../../src/analysis/reliability';
import { defineRunRule } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';

interface Options {
  acrossDirectories: boolean;
}

/** Identity as the API server sees it; objects without an explicit namespace are keyed apart (kubectl -n decides). */
function identity(object: KubeObject): string | undefined {
  const name = writtenName(object);
  if (name === undefined) return undefined;
  const namespace = object.namespace === null ? '' : object.namespaceExplicit ? object.namespace : '\u0000implicit';
  return `${canonicalGroup(object.group, object.kind)}|${object.kind}|${namespace}|${name}`;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export default defineRunRule<Options>({
  meta: {
    id: 'reference/duplicate-object',
    category: 'reference',
    severity: 'error',
    description: 'The same object (API group, kind, namespace and name) is defined more than once in the files of one directory.',
    rationale:
      'Kubernetes keeps one object per identity: `kubectl apply -f dir/` applies both definitions and the last one silently wins, kustomize refuses the set ("may not add resource with an already registered id") and Helm fails to install it. Copy-pasted manifests, a resource kept in two files after a refactoring, or an all-in-one file next to the split files produce this; the surviving definition depends on file order. Objects with only `generateName` get unique names and are never duplicates; an Ingress or Deployment written under the old `extensions` group is the same object as under its current group. By default only definitions in the same directory are compared: files in sibling or nested directories are usually alternatives (overlays, environments, provider variants) that are never applied together; set `acrossDirectories: true` to compare the whole run.',
    fix: 'Keep one definition: delete the other, or rename it if both objects are wanted. If the files are alternative variants (one per environment or provider), lint them in separate runs or move them to separate directories.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: debug\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-config\ndata:\n  LOG_LEVEL: debug\n',
    },
    options: {
      schema: { type: 'object', properties: { acrossDirectories: { type: 'boolean' } }, additionalProperties: false },
      defaults: { acrossDirectories: false },
    },
    equivalents: {},
  },
  check(run, context) {
    const groups = new Map<string, KubeObject[]>();
    for (const object of run.objects) {
      const key = identity(object);
      if (key === undefined) continue;
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [object]);
      else list.push(object);
    }
    const pairs: [KubeObject, KubeObject][] = [];
    const perFilePair = new Map<string, number>();
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      list.forEach((object, i) => {
        if (i === 0) return;
        const first = list.slice(0, i).find((earlier) => context.options.acrossDirectories || sameDirectory(earlier, object));
        if (first === undefined) return;
        pairs.push([first, object]);
        if (first.file !== object.file) {
          const key = pairKey(first.file, object.file);
          perFilePair.set(key, (perFilePair.get(key) ?? 0) + 1);
        }
      });
    }
    for (const [first, object] of pairs) {
      const same = canonicallyEqual(first.raw, object.raw);
      const content = same ? 'identical' : 'the two definitions differ';
      const shared = first.file === object.file ? 0 : (perFilePair.get(pairKey(first.file, object.file)) ?? 0);
      const bundle = shared >= 3 ? ` (${first.file} and ${object.file} share ${shared} objects: if they are alternative variants, lint them separately)` : '';
      const where = object.namespace === null ? '' : object.namespaceExplicit ? ` in namespace \`${object.namespace}\`` : ' (both without a namespace)';
      context.report({
        object,
        path: ['metadata', 'name'],
        message: `${object.kind} \`${object.name}\`${where} is already defined at ${placeOf(first)} (${content}); kubectl apply keeps only the one applied last, and kustomize and Helm refuse the set: delete one definition or rename it${bundle}`,
      });
    }
  },
});
