import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload } from '../../src/model/workload';

/** Top-level keys that only ever belong under `metadata`. */
const METADATA_KEYS = new Set(['name', 'namespace', 'labels', 'annotations', 'generateName']);
/** Top-level keys that belong under `spec` (or deeper) of workloads and Services. */
const SPEC_KEYS = new Set([
  'containers', 'initContainers', 'image', 'replicas', 'selector', 'template', 'volumes', 'ports',
  'serviceAccountName', 'restartPolicy', 'nodeSelector', 'tolerations', 'affinity', 'securityContext',
  'type', 'clusterIP', 'jobTemplate', 'schedule', 'strategy', 'env', 'command', 'args', 'resources',
]);
const SPEC_KINDS = new Set(['Service']);

export default defineObjectRule({
  meta: {
    id: 'yaml/lost-indentation',
    category: 'yaml',
    severity: 'error',
    description: 'Keys that belong under `metadata` or `spec` stand at the top level of the object.',
    rationale: 'A missing indentation level moves `name`, `labels` or `containers` to the top of the document, where Kubernetes does not look for them: the object loses its name, labels or pod spec, usually with a confusing "unknown field" error or, with lenient tools, silently.',
    fix: 'Indent the keys under the parent they belong to (`metadata:` or `spec:`).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\nname: web\nspec:\n  containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: [{name: web, image: nginx:1.27}]\n',
    },
  },
  check(object, context) {
    const specKeys = isWorkload(object) || (SPEC_KINDS.has(object.kind) && object.group === '');
    for (const key of Object.keys(object.raw)) {
      const parent = METADATA_KEYS.has(key) ? 'metadata' : specKeys && SPEC_KEYS.has(key) ? 'spec' : undefined;
      if (parent === undefined) continue;
      context.report({
        path: [key],
        target: 'key',
        message: `indentation seems lost: \`${key}\` stands at the top level of this ${object.kind}, but it belongs under \`${parent}:\`; indent it one level deeper`,
      });
    }
  },
});
