import { isHelmHook, scalersOf } from '../../src/analysis/references';
import { isReplicatedWorkload, specReplicas } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'reliability/single-replica',
    category: 'reliability',
    severity: 'info',
    description: 'A Deployment or StatefulSet runs a single replica.',
    rationale:
      'With one pod, every node drain, cluster upgrade, eviction or crash is an outage until a replacement is scheduled and ready, and a PodDisruptionBudget cannot help: one that keeps the pod blocks node drains, one that does not protects nothing. Plenty of workloads are fine with that (singletons, development environments), so this is a hint. Skipped: workloads scaled by a HorizontalPodAutoscaler or KEDA ScaledObject in the run (the autoscaler owns the count, so `replicas` is not the number that runs), `replicas: 0` (deliberately scaled down), DaemonSets (one pod per node by design), Jobs, and Helm hooks.',
    fix: 'Run at least two replicas (three for quorum systems) and add a PodDisruptionBudget with `maxUnavailable: 1`; or accept the downtime for this workload.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: { 'kube-linter': 'minimum-three-replicas', Polaris: 'deploymentMissingReplicas', 'kube-score': 'deployment-replicas' },
  },
  appliesTo: (object) => isReplicatedWorkload(object) && !isHelmHook(object),
  check(object, context) {
    if (specReplicas(object) !== 1 || scalersOf(context.run, object).length > 0) return;
    const written = object.get(['spec', 'replicas']) !== undefined;
    context.report({
      path: written ? ['spec', 'replicas'] : ['spec'],
      target: written ? 'value' : 'key',
      message: `${object.kind} \`${object.name}\` runs a single replica${written ? '' : ' (replicas is not set, so it defaults to 1)'}, so every node drain, upgrade or crash is an outage until a new pod is ready: run 2 or more replicas with a PodDisruptionBudget, or accept the downtime`,
    });
  },
});
