import { findTarget, limitRangeDefaults, listAt, recordAt, scaleTargetOf, stringAt } from '../../src/analysis/references';
import { isSidecar, isSet, resourceValue } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';
import type { FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';

interface UtilizationMetric {
  resource: string;
  /** ContainerResource metrics look at one container only. */
  container?: string;
  path: FieldPath;
}

/** Resource metrics with a utilization target (the ones computed against requests). */
function utilizationMetrics(hpa: Record<string, unknown>, apiVersion: string): UtilizationMetric[] {
  const spec = recordAt(hpa, 'spec');
  if (spec === undefined) return [];
  if (apiVersion === 'autoscaling/v1') return [{ resource: 'cpu', path: spec.targetCPUUtilizationPercentage === undefined ? ['spec'] : ['spec', 'targetCPUUtilizationPercentage'] }];
  const metrics = listAt(spec, 'metrics');
  // Without metrics the controller defaults to 80% average CPU utilization.
  if (metrics.length === 0) return [{ resource: 'cpu', path: ['spec'] }];
  const out: UtilizationMetric[] = [];
  metrics.forEach((metric, i) => {
    const type = stringAt(metric, 'type');
    const field = type === 'Resource' ? 'resource' : type === 'ContainerResource' ? 'containerResource' : undefined;
    if (field === undefined) return;
    const source = recordAt(metric, field);
    const resource = stringAt(source, 'name');
    if (resource === undefined) return;
    const target = recordAt(source, 'target');
    const utilization = stringAt(target, 'type') === 'Utilization' || (source !== undefined && source.targetAverageUtilization !== undefined);
    if (!utilization) return;
    out.push({ resource, container: field === 'containerResource' ? stringAt(source, 'container') : undefined, path: ['spec', 'metrics', i, field, 'name'] });
  });
  return out;
}

export default defineObjectRule({
  meta: {
    id: 'reference/hpa-missing-requests',
    category: 'reference',
    severity: 'warning',
    description: 'A HorizontalPodAutoscaler scales on CPU or memory utilization, but containers of its target set no request for that resource.',
    rationale:
      'Utilization is usage divided by the container\'s request. If any counted container (regular and sidecar containers, or the one a ContainerResource metric names) has no request for the resource, the HPA controller fails with "missing request for cpu" and does not scale at all, which is only visible in the HPA\'s events. An HPA without metrics (or autoscaling/v1 without a target) scales on 80% CPU utilization by default. A request can come from a limit (requests default to limits) or from a LimitRange default in the namespace; both are taken into account when they are in the run. Checked only when the target workload is in the run.',
    fix: 'Set `resources.requests` for the resource in every container of the target pod template, or scale on an `AverageValue` target instead of `Utilization`.',
    examples: {
      bad: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.kind === 'HorizontalPodAutoscaler' && object.group === 'autoscaling',
  check(object, context) {
    const target = scaleTargetOf(object);
    if (target === undefined || object.namespace === null) return;
    const metrics = utilizationMetrics(object.raw, object.apiVersion);
    if (metrics.length === 0) return;
    const workloads = findTarget(context.run, context.settings, { from: object, target: { group: target.group, kind: target.kind, clusterScoped: false }, name: target.name });
    if (workloads.length !== 1) return;
    const workload = workloads[0];
    const pod = podSpecOf(workload);
    if (pod === undefined || workload.namespace === null) return;
    const defaults = limitRangeDefaults(context.run, workload.namespace);
    const counted = containersOf(pod).filter((view) => view.list === 'containers' || isSidecar(view));
    const reported = new Set<string>();
    for (const metric of metrics) {
      if (reported.has(`${metric.resource}|${metric.container ?? ''}`)) continue;
      if (defaults.has(`requests.${metric.resource}`) || defaults.has(`limits.${metric.resource}`)) continue;
      const missing = counted.filter((view) => (metric.container === undefined || view.name === metric.container) && !isSet(resourceValue(view.container, 'requests', metric.resource)) && !isSet(resourceValue(view.container, 'limits', metric.resource)));
      if (missing.length === 0) continue;
      reported.add(`${metric.resource}|${metric.container ?? ''}`);
      const names = missing.map((v) => `\`${v.name}\``).join(', ');
      const implied = metric.path.length === 1 ? ' (the default metric: 80% average CPU utilization)' : '';
      context.report({
        path: metric.path,
        message: `this HPA scales ${workload.kind} \`${workload.name}\` on ${metric.resource} utilization${implied}, but container${missing.length > 1 ? 's' : ''} ${names} set${missing.length > 1 ? '' : 's'} no ${metric.resource} request, so the HPA fails with "missing request for ${metric.resource}" and never scales: set resources.requests.${metric.resource} on ${missing.length > 1 ? 'them' : 'it'}, or use an AverageValue target`,
      });
    }
  },
});
