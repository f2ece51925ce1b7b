import { canonicallyEqual, probeOf } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';
import { containersOf, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'reliability/identical-probes',
    category: 'reliability',
    severity: 'info',
    description: 'A container\'s liveness probe is identical to its readiness probe.',
    rationale:
      'Readiness and liveness answer different questions: "can this pod take traffic now?" and "is this process beyond repair?". With the very same probe both fail together, so a pod that is only busy (a slow dependency, a traffic spike) is restarted instead of being taken out of rotation for a moment; under load this turns into restarts across all replicas at once. A liveness probe on the same endpoint but with a higher failureThreshold or a longer period is fine and not reported.',
    fix: 'Point the liveness probe at a cheaper endpoint that only checks the process itself, or at least give it a higher failureThreshold than the readiness probe.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /healthz, port: 80}\n      livenessProbe:\n        httpGet: {path: /healthz, port: 80}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /ready, port: 80}\n      livenessProbe:\n        httpGet: {path: /healthz, port: 80}\n        failureThreshold: 6\n',
    },
    equivalents: { 'kube-score': 'pod-probes-identical' },
  },
  appliesTo: (object) => podSpecOf(object) !== undefined,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const view of containersOf(pod)) {
      const readiness = probeOf(view.container, 'readinessProbe');
      const liveness = probeOf(view.container, 'livenessProbe');
      if (readiness === undefined || liveness === undefined || !canonicallyEqual(readiness, liveness)) continue;
      context.report({
        path: [...view.path, 'livenessProbe'],
        message: `the livenessProbe of container \`${view.name}\` is identical to its readinessProbe, so whenever the pod is too busy to be ready it is also restarted, which can cascade across replicas under load: make the liveness probe cheaper or more tolerant (e.g. a higher failureThreshold)`,
      });
    }
  },
});
