import { comesBefore, pdbsCovering, pdbSelector, placeOf, withoutGeneratedLabels, workloadsSelected } from '../../src/analysis/references';
import { isZeroIntOrPercent, percentOf, replicaRange, scaledValue } from '../../src/analysis/reliability';
import { isInteger } from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';

/** Total pods of the matched workloads at their minimum scale, or undefined when any count is unknown. */
function minimumPods(context: RuleContext, workloads: readonly KubeObject[]): { total: number; scaled: boolean } | undefined {
  let total = 0;
  let scaled = false;
  for (const workload of workloads) {
    const range = replicaRange(context.run, workload);
    if (range === undefined) return undefined;
    total += range.min;
    if (range.scaler !== undefined) scaled = true;
  }
  return { total, scaled };
}

function checkBudget(object: KubeObject, context: RuleContext): void {
  const max = object.get(['spec', 'maxUnavailable']);
  const min = object.get(['spec', 'minAvailable']);
  if (max !== undefined && max !== null) {
    if (isZeroIntOrPercent(max)) {
      context.report({ path: ['spec', 'maxUnavailable'], message: `maxUnavailable ${String(max)} allows no voluntary disruption at all, so node drains and cluster upgrades hang on these pods until someone deletes the budget: use maxUnavailable: 1` });
    }
    return;
  }
  if (min === undefined || min === null) return;
  if ((percentOf(min) ?? 0) >= 100) {
    context.report({ path: ['spec', 'minAvailable'], message: `minAvailable ${String(min)} keeps every pod, so no voluntary disruption is ever allowed and node drains and cluster upgrades hang on these pods: use maxUnavailable: 1 instead` });
    return;
  }
  if (!isInteger(min) && percentOf(min) === undefined) return;
  const selector = pdbSelector(object);
  if (selector === undefined) return;
  const workloads = workloadsSelected(context.run.index, object, withoutGeneratedLabels(selector), context.settings);
  if (workloads.length === 0) return;
  const pods = minimumPods(context, workloads);
  if (pods === undefined || pods.total === 0) return;
  const required = scaledValue(min, pods.total, true);
  if (required === undefined || required < pods.total) return;
  const who = workloads.length === 1 ? `${workloads[0].kind} \`${workloads[0].name}\`` : `the ${workloads.length} selected workloads`;
  const count = `${pods.total} pod${pods.total === 1 ? '' : 's'}${pods.scaled ? ' at its autoscaler\'s minimum' : ''}`;
  context.report({
    path: ['spec', 'minAvailable'],
    message: `minAvailable ${String(min)} requires ${required} available pod${required === 1 ? '' : 's'}, but ${who} runs ${count}, so no pod may ever be evicted and node drains and cluster upgrades hang: use maxUnavailable: 1, or run more replicas than minAvailable`,
  });
}

function checkOverlap(object: KubeObject, context: RuleContext): void {
  const selector = pdbSelector(object);
  if (selector === undefined) return;
  for (const workload of workloadsSelected(context.run.index, object, withoutGeneratedLabels(selector), context.settings)) {
    const earlier = pdbsCovering(context.run, workload, context.settings).find((other) => other !== object && other.name !== object.name && comesBefore(other, object));
    if (earlier === undefined) continue;
    context.report({
      path: ['spec', 'selector'],
      message: `the pods of ${workload.kind} \`${workload.name}\` are also selected by PodDisruptionBudget \`${earlier.name}\` (${placeOf(earlier)}); the eviction API refuses pods covered by more than one budget, so node drains fail on them: keep one budget per set of pods`,
    });
    return;
  }
}

export default defineObjectRule({
  meta: {
    id: 'reliability/pdb-blocks-eviction',
    category: 'reliability',
    severity: 'warning',
    description: 'A PodDisruptionBudget can never allow an eviction (`maxUnavailable: 0`, `minAvailable: 100%` or at least the replica count), or its pods are also covered by another PodDisruptionBudget.',
    rationale:
      'A budget that allows zero disruptions blocks `kubectl drain`, cluster upgrades and autoscaler scale-down indefinitely: the drain retries forever and operators end up deleting the budget by hand. The classic case is `minAvailable: 1` on a single-replica Deployment. The replica count comes from the selected Deployments and StatefulSets in the run (or the minimum of their autoscaler); budgets over DaemonSets, Jobs or pods outside the run are only checked for the constant cases. A pod matched by two budgets cannot be evicted at all: the eviction API answers with an error ("This pod has more than one PodDisruptionBudget"), which also blocks drains. Budgets with the same name are taken as two definitions of one object (see `reference/duplicate-object`) and not compared.',
    fix: 'Prefer `maxUnavailable: 1` (it always allows one eviction), or keep minAvailable below the replica count; make sure each pod is selected by exactly one budget.',
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: { 'kube-linter': 'pdb-max-unavailable, pdb-min-available', Polaris: 'pdbDisruptionsIsZero, pdbMinAvailableGreaterThanHPAMinReplicas' },
  },
  appliesTo: (object) => object.kind === 'PodDisruptionBudget' && object.group === 'policy',
  check(object, context) {
    checkBudget(object, context);
    checkOverlap(object, context);
  },
});
