import { declaredPorts, isHelmHook, servicesSelecting } from '../../src/analysis/references';
import { isLongRunningWorkload, longRunningContainers, probeOf } from '../../src/analysis/reliability';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { podSpecOf, type ContainerView } from '../../src/model/workload';

interface Options {
  readiness: boolean;
  liveness: boolean;
}

const PURPOSE: Readonly<Record<'readinessProbe' | 'livenessProbe', string>> = {
  readinessProbe: 'without one a pod receives traffic and counts as available during rollouts as soon as its process starts, before it can serve, and keeps receiving traffic when it is overloaded or broken',
  livenessProbe: 'without one a hung or deadlocked process is never restarted, and the pod keeps running without doing its work',
};

function report(context: RuleContext<Options>, object: KubeObject, containers: readonly ContainerView[], field: 'readinessProbe' | 'livenessProbe', extra: string): void {
  if (containers.some((view) => probeOf(view.container, field) !== undefined)) return;
  const main = containers[0];
  const names = containers.map((v) => `\`${v.name}\``).join(', ');
  context.report({
    object,
    path: main.path,
    message: `no container of ${object.kind} \`${object.name}\` (${names}) has a ${field}${extra}; ${PURPOSE[field]}: add a ${field} to container \`${main.name}\` that checks the application itself (an HTTP health endpoint, a TCP port or a gRPC health check)`,
  });
}

export default defineObjectRule<Options>({
  meta: {
    id: 'reliability/missing-probe',
    category: 'reliability',
    severity: 'warning',
    description: 'A Deployment, StatefulSet or DaemonSet whose long-running containers have no readiness or no liveness probe.',
    rationale:
      'Kubernetes only knows a container is up when a probe says so. Without a readiness probe, pods get traffic and count as available during a rolling update as soon as the process starts, so a bad release or a slow start takes the service down; without a liveness probe a hung process is never restarted. The check is per pod: one container with a probe is enough (sidecars such as proxies or log shippers need none of their own). Readiness is required only for pods that serve: selected by a Service in the run, or declaring container ports. Skipped, because probes do not apply to them: Jobs and CronJobs (they run to completion), bare Pods and ReplicaSets, init containers (except sidecar init containers with `restartPolicy: Always`, which are long-running and count), and Helm hooks (`helm.sh/hook`, such as test pods).',
    fix: 'Add a `readinessProbe` that fails while the application cannot serve, and a `livenessProbe` that fails only when it is stuck (a cheaper endpoint, with a higher failureThreshold). Turn either part off with the `readiness` or `liveness` option.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports: [{name: http, containerPort: 80}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports: [{name: http, containerPort: 80}]\n          readinessProbe:\n            httpGet: {path: /ready, port: http}\n          livenessProbe:\n            httpGet: {path: /healthz, port: http}\n            failureThreshold: 5\n',
    },
    options: {
      schema: { type: 'object', properties: { readiness: { type: 'boolean' }, liveness: { type: 'boolean' } }, additionalProperties: false },
      defaults: { readiness: true, liveness: true },
    },
    equivalents: { 'kube-linter': 'no-readiness-probe, no-liveness-probe', Polaris: 'readinessProbeMissing, livenessProbeMissing', 'kube-score': 'pod-probes', checkov: 'CKV_K8S_8, CKV_K8S_9' },
  },
  appliesTo: (object) => isLongRunningWorkload(object) && !isHelmHook(object),
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const containers = longRunningContainers(pod);
    if (containers.length === 0) return;
    if (context.options.readiness) {
      const services = servicesSelecting(context.run, object, context.settings);
      const serves = services.length > 0 || declaredPorts(object).length > 0;
      if (serves) report(context, object, containers, 'readinessProbe', services.length > 0 ? ` although Service \`${services[0].name}\` sends traffic to it` : '');
    }
    if (context.options.liveness) report(context, object, containers, 'livenessProbe', '');
  },
});

