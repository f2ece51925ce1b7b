import { isHelmHook, recordAt } from '../../src/analysis/references';
import { isZeroIntOrPercent, percentOf, replicaRange, scaledValue } from '../../src/analysis/reliability';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';

interface Strategy {
  path: FieldPath;
  maxUnavailable: unknown;
  maxSurge: unknown;
  /** Defaults of the kind when a field is not written. */
  defaultUnavailable: number | string;
  defaultSurge: number | string;
}

/** The rolling update settings of a Deployment, DaemonSet or StatefulSet, or undefined for other strategies. */
function strategyOf(object: KubeObject): Strategy | undefined {
  if (object.group !== 'apps' && object.group !== 'extensions') return undefined;
  const field = object.kind === 'Deployment' ? 'strategy' : object.kind === 'DaemonSet' || object.kind === 'StatefulSet' ? 'updateStrategy' : undefined;
  if (field === undefined) return undefined;
  const strategy = object.get(['spec', field]);
  if (!isRecord(strategy) || (strategy.type !== undefined && strategy.type !== 'RollingUpdate')) return undefined;
  const rolling = recordAt(strategy, 'rollingUpdate');
  if (rolling === undefined) return undefined;
  const path = ['spec', field, 'rollingUpdate'];
  if (object.kind === 'Deployment') return { path, maxUnavailable: rolling.maxUnavailable, maxSurge: rolling.maxSurge, defaultUnavailable: '25%', defaultSurge: '25%' };
  if (object.kind === 'DaemonSet') return { path, maxUnavailable: rolling.maxUnavailable, maxSurge: rolling.maxSurge, defaultUnavailable: 1, defaultSurge: 0 };
  return { path, maxUnavailable: rolling.maxUnavailable, maxSurge: 0, defaultUnavailable: 1, defaultSurge: 0 };
}

function written(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function checkBothZero(context: RuleContext, object: KubeObject, s: Strategy): boolean {
  if (object.kind === 'StatefulSet') return false;
  const unavailable = written(s.maxUnavailable) ? s.maxUnavailable : s.defaultUnavailable;
  const surge = written(s.maxSurge) ? s.maxSurge : s.defaultSurge;
  if (!isZeroIntOrPercent(unavailable) || !isZeroIntOrPercent(surge)) return false;
  const implied = written(s.maxSurge) ? '' : ` (maxSurge is not set and defaults to ${String(s.defaultSurge)} for a ${object.kind})`;
  context.report({
    path: [...s.path, written(s.maxUnavailable) ? 'maxUnavailable' : 'maxSurge'],
    message: `maxUnavailable and maxSurge are both 0${implied}, so a rolling update could neither remove an old pod nor add a new one; the API server rejects it ("may not be 0 when maxSurge is 0"): set maxSurge: 1 (or maxUnavailable: 1)`,
  });
  return true;
}

function checkAllAtOnce(context: RuleContext, object: KubeObject, s: Strategy): void {
  if (!written(s.maxUnavailable)) return;
  const at = [...s.path, 'maxUnavailable'];
  const what = object.kind === 'DaemonSet' ? 'on every node at once' : 'all at once';
  if ((percentOf(s.maxUnavailable) ?? 0) >= 100) {
    context.report({ path: at, message: `maxUnavailable ${String(s.maxUnavailable)} lets a rolling update take down the pods of ${object.kind} \`${object.name}\` ${what}, an outage on every rollout: use a value such as 1 or 25%` });
    return;
  }
  if (object.kind === 'DaemonSet') return;
  const range = replicaRange(context.run, object);
  if (range === undefined || range.min < 2) return;
  const unavailable = scaledValue(s.maxUnavailable, range.min, false);
  if (unavailable === undefined || unavailable < range.min) return;
  context.report({ path: at, message: `maxUnavailable ${String(s.maxUnavailable)} is at least the ${range.min} replicas of ${object.kind} \`${object.name}\`, so a rolling update may take all of them down at once, an outage on every rollout: use a value below the replica count, such as 1 or 25%` });
}

export default defineObjectRule({
  meta: {
    id: 'reliability/rollout-strategy',
    category: 'reliability',
    severity: 'warning',
    description: 'A rolling update may take every pod down at once (`maxUnavailable: 100%` or at least the replica count), or can make no progress at all (`maxUnavailable` and `maxSurge` both 0).',
    rationale:
      'maxUnavailable bounds how many pods a rolling update removes before new ones are ready. At 100%, or at or above the replica count, the update replaces all pods at once, which is the Recreate strategy in disguise with an outage on every deploy; for a DaemonSet it restarts the agent on every node simultaneously. With maxUnavailable and maxSurge both 0 (for a DaemonSet maxSurge defaults to 0, so `maxUnavailable: 0` alone is enough) the update could never make progress, and the API server rejects the object. The replica count comes from `spec.replicas` or, when an autoscaler in the run owns it, its minimum; workloads with fewer than two replicas are not checked for the count. Skipped for Helm hooks.',
    fix: 'Use `maxUnavailable: 0` with `maxSurge: 1` (or 25%) for zero-downtime updates, or `maxUnavailable: 1`; choose `strategy.type: Recreate` explicitly if all pods really must stop first.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 100%}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => (object.kind === 'Deployment' || object.kind === 'DaemonSet' || object.kind === 'StatefulSet') && !isHelmHook(object),
  check(object, context) {
    const strategy = strategyOf(object);
    if (strategy === undefined) return;
    if (checkBothZero(context, object, strategy)) return;
    checkAllAtOnce(context, object, strategy);
  },
});
