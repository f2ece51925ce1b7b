import { controllerSelector, describeSelector, isController, placeOf, sameDirectory, workloadsSelected } from '../../src/analysis/references';
import { defineRunRule } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';

interface Options {
  acrossDirectories: boolean;
}

export default defineRunRule<Options>({
  meta: {
    id: 'reference/overlapping-selectors',
    category: 'reference',
    severity: 'warning',
    description: 'The selector of a Deployment, ReplicaSet, StatefulSet, DaemonSet or ReplicationController also matches the pod template of another controller in the same namespace.',
    rationale:
      'A controller owns the pods its selector matches. The Kubernetes documentation warns that controllers with overlapping selectors "fight with each other and won\'t behave correctly": StatefulSets, DaemonSets and ReplicaSets adopt orphaned pods of the other controller, rollouts and `kubectl rollout status` count the wrong pods, and the overlap usually means Services and PodDisruptionBudgets written for one workload catch both. The classic case is a canary Deployment whose pods carry the stable selector\'s labels plus a `track: canary` label, while the stable selector does not exclude them. Jobs and CronJobs are skipped: their selectors are generated per Job. Controllers with the same name are taken as variants of one workload (a Deployment in one file, a DaemonSet in another) and are not compared. Like `reference/duplicate-object`, only controllers defined in the same directory are compared by default, since sibling and nested directories often hold alternatives (overlays, per-environment or per-provider copies, examples); set `acrossDirectories: true` to compare the whole run.',
    fix: 'Give each controller a label that only its own pods carry (e.g. `app.kubernetes.io/instance` or `track: stable` / `track: canary`) and include it in its selector. Selectors of apps/v1 controllers are immutable, so changing one means deleting and recreating the controller (with `--cascade=orphan` to keep the pods running).',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-canary\nspec:\n  selector:\n    matchLabels: {app: web, track: canary}\n  template:\n    metadata:\n      labels: {app: web, track: canary}\n    spec:\n      containers: [{name: web, image: nginx:1.28}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web, track: stable}\n  template:\n    metadata:\n      labels: {app: web, track: stable}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-canary\nspec:\n  selector:\n    matchLabels: {app: web, track: canary}\n  template:\n    metadata:\n      labels: {app: web, track: canary}\n    spec:\n      containers: [{name: web, image: nginx:1.28}]\n',
    },
    options: {
      schema: { type: 'object', properties: { acrossDirectories: { type: 'boolean' } }, additionalProperties: false },
      defaults: { acrossDirectories: false },
    },
    equivalents: {},
  },
  check(run, context) {
    const reported = new Set<string>();
    const order = new Map<KubeObject, number>();
    run.objects.forEach((object, i) => order.set(object, i));
    for (const object of run.objects) {
      if (!isController(object)) continue;
      const selector = controllerSelector(object);
      if (selector === undefined) continue;
      for (const other of workloadsSelected(run.index, object, selector, context.settings)) {
        if (other === object || !isController(other) || other.name === object.name) continue;
        if (!context.options.acrossDirectories && !sameDirectory(object, other)) continue;
        const a = order.get(object) ?? 0;
        const b = order.get(other) ?? 0;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        if (reported.has(key)) continue;
        reported.add(key);
        context.report({
          object,
          path: ['spec', 'selector'],
          message: `the selector of ${object.kind} \`${object.name}\` (${describeSelector(selector)}) also matches the pods of ${other.kind} \`${other.name}\` (${placeOf(other)}); controllers with overlapping selectors fight over pods and confuse rollouts, Services and PodDisruptionBudgets: add a label only each one's pods carry to both selectors and templates`,
        });
      }
    }
  },
});
