import { defineObjectRule } from '../../src/engine/rule';
import { formatPath, isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'schema/duplicate-env',
    category: 'schema',
    severity: 'warning',
    description: 'A container defines the same environment variable twice.',
    rationale: 'The API server accepts duplicate `env` names (it only warns): the last definition silently wins, so the earlier value is dead configuration that readers will believe, and `kubectl apply` merges env entries by name, so one of the two may be dropped or patched unexpectedly.',
    fix: 'Keep one definition per name; delete or rename the other.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - {name: MODE, value: fast}\n        - {name: MODE, value: safe}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - {name: MODE, value: safe}\n',
    },
    equivalents: { 'kube-linter': 'duplicate-env-var', 'kube-score': 'environment-variable-key-duplication' },
  },
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const view of containersOf(pod)) {
      const env = view.container.env;
      if (!Array.isArray(env)) continue;
      const first = new Map<string, FieldPath>();
      env.forEach((item, i) => {
        if (!isRecord(item) || typeof item.name !== 'string' || item.name === '') return;
        const path = [...view.path, 'env', i, 'name'];
        const previous = first.get(item.name);
        if (previous === undefined) {
          first.set(item.name, path);
          return;
        }
        context.report({
          path,
          message: `environment variable \`${item.name}\` is already defined at ${formatPath(previous)} in container \`${view.name}\`; the last definition silently wins and \`kubectl apply\` may drop one of them: keep a single definition`,
        });
      });
    }
  },
});
