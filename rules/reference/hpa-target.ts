import { comesBefore, placeOf, scalersTargeting, scaleTargetOf, stringAt } from '../../src/analysis/references';
import { removedApi } from '../../src/data/removed-apis';
import { defineObjectRule } from '../../src/engine/rule';

/** Built-in kinds with a `scale` subresource, which an autoscaler needs. */
const SCALABLE: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);
const BUILTIN_WORKLOAD_GROUPS: ReadonlySet<string> = new Set(['', 'apps', 'batch', 'extensions']);

export default defineObjectRule({
  meta: {
    id: 'reference/hpa-target',
    category: 'reference',
    severity: 'warning',
    description: 'A HorizontalPodAutoscaler or KEDA ScaledObject targets a kind that cannot be scaled, through an API version the cluster no longer serves, or a workload another autoscaler already scales.',
    rationale:
      'An autoscaler works through the target\'s `scale` subresource, looked up by the `apiVersion` and `kind` of `scaleTargetRef`. DaemonSets, Jobs, CronJobs and Pods have no scale subresource, and a reference through a removed API version such as `extensions/v1beta1` cannot be resolved, so the autoscaler reports FailedGetScale and never scales. Two autoscalers on one workload (two HPAs, or an HPA next to the KEDA ScaledObject that creates its own HPA) overwrite each other\'s replica count, so the workload flaps. A target missing from the run is reported by `reference/dangling-reference` or `reference/unresolved-reference`.',
    fix: 'Target a Deployment, StatefulSet or ReplicaSet with `apiVersion: apps/v1`; keep exactly one autoscaler per workload (with KEDA, remove the hand-written HPA).',
    examples: {
      bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: agent\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: DaemonSet, name: agent}\n  minReplicas: 2\n  maxReplicas: 5\n',
      good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n',
    },
    equivalents: { 'kube-score': 'horizontalpodautoscaler-has-target' },
  },
  appliesTo: (object) => (object.kind === 'HorizontalPodAutoscaler' && object.group === 'autoscaling') || (object.kind === 'ScaledObject' && object.group === 'keda.sh'),
  check(object, context) {
    const target = scaleTargetOf(object);
    if (target === undefined || object.namespace === null) return;
    const path = ['spec', 'scaleTargetRef'];
    if (BUILTIN_WORKLOAD_GROUPS.has(target.group) && !SCALABLE.has(target.kind)) {
      context.report({ path: [...path, 'kind'], message: `${target.kind} has no scale subresource, so ${object.kind} \`${object.name}\` can never read or change its replicas (FailedGetScale): autoscale a Deployment, StatefulSet or ReplicaSet instead` });
      return;
    }
    const apiVersion = stringAt(object.get(path), 'apiVersion');
    if (apiVersion !== undefined) {
      const removed = removedApi(apiVersion, target.kind, context.settings.kubernetesVersion);
      if (removed !== undefined) {
        context.report({ path: [...path, 'apiVersion'], message: `scaleTargetRef uses \`${apiVersion}\`, which Kubernetes ${context.settings.kubernetesVersion} no longer serves for ${target.kind}, so the autoscaler cannot find the target's scale subresource and never scales: use \`apiVersion: ${removed.replacement ?? 'apps/v1'}\`` });
      }
    }
    const others = scalersTargeting(context.run, object.namespace, target.kind, target.name).filter((s) => s !== object && s.namespace === object.namespace);
    const first = others.find((s) => comesBefore(s, object));
    if (first !== undefined) {
      context.report({ path: [...path, 'name'], message: `${target.kind} \`${target.name}\` is already scaled by ${first.kind} \`${first.name}\` (${placeOf(first)}); two autoscalers overwrite each other's replica count and the workload flaps: keep one of them` });
    }
  },
});
