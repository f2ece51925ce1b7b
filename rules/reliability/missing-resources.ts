import { limitRangeDefaults } from '../../src/analysis/references';
import { isSidecar, isSet, resourceValue } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';

interface Options {
  cpuRequest: boolean;
  memoryRequest: boolean;
  memoryLimit: boolean;
  cpuLimit: boolean;
}

interface Requirement {
  option: keyof Options;
  kind: 'requests' | 'limits';
  resource: 'cpu' | 'memory';
  why: string;
}

const REQUIREMENTS: readonly Requirement[] = [
  { option: 'cpuRequest', kind: 'requests', resource: 'cpu', why: 'without a CPU request the scheduler packs the pod onto busy nodes and it gets almost no CPU under contention' },
  { option: 'memoryRequest', kind: 'requests', resource: 'memory', why: 'without a memory request the scheduler ignores its memory use, and the pod is among the first evicted when the node runs short' },
  { option: 'memoryLimit', kind: 'limits', resource: 'memory', why: 'without a memory limit one leak can use up the node\'s memory and get other pods OOM-killed' },
  { option: 'cpuLimit', kind: 'limits', resource: 'cpu', why: 'without a CPU limit one busy pod can slow down its neighbours' },
];

export default defineObjectRule<Options>({
  meta: {
    id: 'reliability/missing-resources',
    category: 'reliability',
    severity: 'warning',
    description: 'A container sets no CPU request, memory request or memory limit.',
    rationale:
      'Requests are what the scheduler reserves: without them pods are placed on nodes that cannot carry them, get throttled to nothing under contention, and are evicted first (BestEffort) when memory runs short. A memory limit keeps one leaking container from taking the node\'s memory and causing OOM kills of unrelated pods. CPU limits are not required by default: they throttle even when the node is idle, and many teams deliberately leave them out (turn on the `cpuLimit` option to require them). A request is satisfied by a limit (requests default to limits), by pod-level `spec.resources`, or by a LimitRange default in the namespace when that LimitRange is in the run. Init containers are skipped (they run one at a time before the app, and their requests rarely dominate), except sidecar init containers with `restartPolicy: Always`; ephemeral containers cannot set resources.',
    fix: 'Set `resources.requests.cpu`, `resources.requests.memory` and `resources.limits.memory` on every container, sized from observed usage (e.g. `kubectl top pod`); a LimitRange with defaults per namespace is a safety net, not a substitute.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {memory: 256Mi}\n',
    },
    options: {
      schema: {
        type: 'object',
        properties: { cpuRequest: { type: 'boolean' }, memoryRequest: { type: 'boolean' }, memoryLimit: { type: 'boolean' }, cpuLimit: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { cpuRequest: true, memoryRequest: true, memoryLimit: true, cpuLimit: false },
    },
    equivalents: {
      'kube-linter': 'unset-cpu-requirements, unset-memory-requirements',
      Polaris: 'cpuRequestsMissing, memoryRequestsMissing, memoryLimitsMissing, cpuLimitsMissing',
      'kube-score': 'container-resources',
      kubesec: 'RequestsCPU, RequestsMemory, LimitsMemory, LimitsCPU',
      checkov: 'CKV_K8S_10, CKV_K8S_11, CKV_K8S_12, CKV_K8S_13',
      Trivy: 'KSV015, KSV016, KSV018, KSV011',
    },
  },
  appliesTo: (object) => podSpecOf(object) !== undefined,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const defaults = object.namespace === null ? new Set<string>() : limitRangeDefaults(context.run, object.namespace);
    const podLevel = isRecord(pod.spec.resources) ? pod.spec.resources : {};
    const podHas = (kind: 'requests' | 'limits', resource: string): boolean => isRecord(podLevel[kind]) && isSet(podLevel[kind][resource]);
    for (const view of containersOf(pod)) {
      if (view.list === 'ephemeralContainers' || (view.list === 'initContainers' && !isSidecar(view))) continue;
      const missing = REQUIREMENTS.filter((r) => {
        if (!context.options[r.option]) return false;
        if (isSet(resourceValue(view.container, r.kind, r.resource)) || podHas(r.kind, r.resource) || defaults.has(`${r.kind}.${r.resource}`)) return false;
        if (r.kind === 'requests') return !isSet(resourceValue(view.container, 'limits', r.resource)) && !podHas('limits', r.resource) && !defaults.has(`limits.${r.resource}`);
        return true;
      });
      if (missing.length === 0) continue;
      const list = missing.map((r) => `${r.resource} ${r.kind === 'requests' ? 'request' : 'limit'}`);
      const text = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
      context.report({
        path: isRecord(view.container.resources) ? [...view.path, 'resources'] : view.path,
        message: `container \`${view.name}\` sets no ${text}; ${missing.map((r) => r.why).join('; ')}: set ${missing.map((r) => `resources.${r.kind}.${r.resource}`).join(', ')} from its observed usage`,
      });
    }
  },
});
