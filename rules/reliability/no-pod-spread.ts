import { isHelmHook, listAt, recordAt, withoutGeneratedLabels } from '../../src/analysis/references';
import { isReplicatedWorkload, replicaRange } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';
import { matches, parseLabelSelector, podLabels, type ObjectIndex } from '../../src/model';
import type { KubeObject } from '../../src/model/object';
import { podSpecOf } from '../../src/model/workload';

const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether a pod affinity term looks at the workload's own namespace. Without `namespaces` and
 * `namespaceSelector` it does; otherwise it looks at the union of the listed namespaces and
 * those the selector matches. Every namespace carries its name as a label, so a selector on
 * the name is judged even without the Namespace object; other labels of a Namespace outside
 * the run are unknown, and an unknown match counts as a match.
 */
function coversNamespace(term: unknown, namespace: string, index: ObjectIndex): boolean {
  const listed = listAt(term, 'namespaces').filter((n): n is string => typeof n === 'string');
  const written = recordAt(term, 'namespaceSelector');
  if (listed.length === 0 && written === undefined) return true;
  if (listed.includes(namespace)) return true;
  if (written === undefined) return false;
  const selector = parseLabelSelector(written);
  const known = index.find('', 'Namespace', null, namespace)[0];
  if (known !== undefined) return matches(selector, { ...known.labels, [NAME_LABEL]: namespace });
  const onName = { ...selector, requirements: selector.requirements.filter((r) => r.key === NAME_LABEL) };
  return matches(onName, { [NAME_LABEL]: namespace });
}

/** Whether a term's labelSelector (in the namespaces it looks at) matches the workload's own pods. */
function selectsOwn(term: unknown, workload: KubeObject, labels: Readonly<Record<string, string>>, index: ObjectIndex): boolean {
  const selector = recordAt(term, 'labelSelector');
  if (selector === undefined) return false;
  if (workload.namespace !== null && !coversNamespace(term, workload.namespace, index)) return false;
  return matches(withoutGeneratedLabels(parseLabelSelector(selector)), labels);
}

export default defineObjectRule({
  meta: {
    id: 'reliability/no-pod-spread',
    category: 'reliability',
    severity: 'info',
    description: 'A replicated Deployment or StatefulSet has no pod anti-affinity or topology spread constraint that keeps its own replicas apart.',
    rationale:
      'Replicas only protect against a node or zone failure if they run on different nodes or zones. The scheduler\'s built-in default spreading is best-effort and is often outweighed by resource scoring, so all replicas can land on one node and go down together. A `podAntiAffinity` term or a `topologySpreadConstraints` entry whose labelSelector matches the workload\'s own pods makes the intent explicit; one whose selector does not match its own pods, or an anti-affinity term whose `namespaces` or `namespaceSelector` leave out the workload\'s namespace, spreads nothing and is reported too. Only workloads with two or more replicas (or an autoscaler that may scale to two or more) are checked; DaemonSets (one pod per node already), Jobs and Helm hooks are skipped.',
    fix: 'Add `topologySpreadConstraints` with `topologyKey: kubernetes.io/hostname` (and `topology.kubernetes.io/zone`), `whenUnsatisfiable: ScheduleAnyway` (or DoNotSchedule) and a labelSelector matching the pod labels; or a preferred podAntiAffinity on `kubernetes.io/hostname`.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels: {app: web}\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: { 'kube-linter': 'no-anti-affinity', Polaris: 'topologySpreadConstraint', 'kube-score': 'deployment-has-host-podantiaffinity, statefulset-has-host-podantiaffinity' },
  },
  appliesTo: (object) => isReplicatedWorkload(object) && !isHelmHook(object),
  check(object, context) {
    const range = replicaRange(context.run, object);
    if (range === undefined || range.max < 2) return;
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const labels = podLabels(object);
    const antiAffinity = recordAt(recordAt(pod.spec, 'affinity'), 'podAntiAffinity');
    const terms = [
      ...listAt(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
      ...listAt(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').map((weighted) => recordAt(weighted, 'podAffinityTerm')),
      ...listAt(pod.spec, 'topologySpreadConstraints'),
    ];
    if (terms.some((term) => selectsOwn(term, object, labels, context.run.index))) return;
    const written = terms.length > 0;
    context.report({
      path: written ? (antiAffinity !== undefined ? [...pod.path, 'affinity', 'podAntiAffinity'] : [...pod.path, 'topologySpreadConstraints']) : pod.path,
      target: 'key',
      message: written
        ? `the anti-affinity and topology spread rules of ${object.kind} \`${object.name}\` do not select its own pods (their labelSelectors miss the pod labels, or their namespaces leave out \`${object.namespace ?? ''}\`), so nothing keeps its ${range.max} replicas apart: make a labelSelector match the pod template labels in the workload's own namespace`
        : `nothing keeps the ${range.max} replicas of ${object.kind} \`${object.name}\` on different nodes, so one node failure or drain can take them all down: add topologySpreadConstraints (topologyKey: kubernetes.io/hostname) or a podAntiAffinity matching its own pods`,
    });
  },
});
