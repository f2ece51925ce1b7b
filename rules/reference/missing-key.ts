import { definedKeys, findTarget, podReferences } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';
import { podSpecOf } from '../../src/model/workload';
import { suggest } from '../../src/util/suggest';

export default defineObjectRule({
  meta: {
    id: 'reference/missing-key',
    category: 'reference',
    severity: 'warning',
    description: 'A pod reads a key from a ConfigMap or Secret that is in the run but does not define that key.',
    rationale:
      'Environment variables (`configMapKeyRef`, `secretKeyRef`) and volume `items` name single keys. When the object exists but lacks the key, the container fails with CreateContainerConfigError ("couldn\'t find key … in ConfigMap") or the volume mount fails, although everything looks present. Renamed keys and typos (`DATABASE_URL` vs `DB_URL`) are the usual cause. References marked `optional: true` are skipped, and so are ConfigMaps and Secrets that define no keys at all (placeholders filled at run time).',
    fix: 'Use a key the object defines (the message suggests the closest one), add the key to the object, or mark the reference `optional: true`.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef: {name: web-config, key: LOGLEVEL}\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      env:\n        - name: LOG_LEVEL\n          valueFrom:\n            configMapKeyRef: {name: web-config, key: LOG_LEVEL}\n',
    },
    equivalents: { 'kube-linter': 'env-value-from' },
  },
  appliesTo: (object) => podSpecOf(object) !== undefined,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const ref of podReferences(pod).keys) {
      if (ref.optional) continue;
      const targets = findTarget(context.run, context.settings, ref);
      if (targets.length === 0) continue;
      const keySets = targets.map(definedKeys);
      if (keySets.some((keys) => keys === undefined || keys.has(ref.key))) continue;
      const all = new Set(keySets.flatMap((keys) => [...(keys ?? [])]));
      const near = suggest(ref.key, all);
      const hint = near !== undefined ? ` (did you mean \`${near}\`?)` : ` (it defines ${[...all].slice(0, 6).map((k) => `\`${k}\``).join(', ')}${all.size > 6 ? ', …' : ''})`;
      const effect = ref.what.includes('volume') ? 'mounting the volume fails and the pod stays in ContainerCreating' : 'the container fails to start with CreateContainerConfigError';
      context.report({
        path: ref.path,
        message: `${ref.target.kind} \`${ref.name}\` has no key \`${ref.key}\`${hint}; ${ref.what} reads it, so ${effect}: use an existing key, add the key, or mark the reference \`optional: true\``,
      });
    }
  },
});
