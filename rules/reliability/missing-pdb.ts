import { isHelmHook, pdbsCovering } from '../../src/analysis/references';
import { isReplicatedWorkload, replicaRange } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'reliability/missing-pdb',
    category: 'reliability',
    severity: 'info',
    description: 'A replicated Deployment or StatefulSet has no PodDisruptionBudget in the run.',
    rationale:
      'Node drains (cluster upgrades, autoscaler scale-down, maintenance) evict pods through the eviction API, which respects PodDisruptionBudgets. Without one, a drain may evict all replicas at once, for example when they happen to share a node or two nodes are drained in parallel, and the service goes down although it runs several replicas. Only workloads with two or more replicas (or an autoscaler that may scale to two or more) are reported: for a single replica a budget either blocks drains or protects nothing. DaemonSets, Jobs and Helm hooks are skipped; a PDB kept outside the linted files is not seen, hence info.',
    fix: 'Add a PodDisruptionBudget whose selector matches the pod labels, usually with `maxUnavailable: 1` (which never blocks drains the way `minAvailable` equal to the replica count does), and `unhealthyPodEvictionPolicy: AlwaysAllow`.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow\n  selector:\n    matchLabels: {app: web}\n',
    },
    equivalents: { Polaris: 'missingPodDisruptionBudget', 'kube-score': 'deployment-has-poddisruptionbudget, statefulset-has-poddisruptionbudget' },
  },
  appliesTo: (object) => isReplicatedWorkload(object) && !isHelmHook(object),
  check(object, context) {
    const range = replicaRange(context.run, object);
    if (range === undefined || range.max < 2) return;
    if (pdbsCovering(context.run, object, context.settings).length > 0) return;
    const count = range.scaler !== undefined ? `up to ${range.max} replicas (${range.scaler.kind} \`${range.scaler.name}\`)` : `${range.max} replicas`;
    context.report({
      path: ['spec', 'selector'],
      target: 'key',
      message: `${object.kind} \`${object.name}\` runs ${count} but no PodDisruptionBudget selects its pods, so a node drain or upgrade may evict all of them at once: add a PodDisruptionBudget with maxUnavailable: 1 and the same selector`,
    });
  },
});
