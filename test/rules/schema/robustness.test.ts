/**
 * Manifests are untrusted: every field may hold any type. The schema rules must never throw
 * (a throw becomes an internal error of the run) whatever the shape of the object.
 */
import fc from 'fast-check';
import type { AnyRule } from '../../../src/engine/rule';
import { lintTexts } from '../../engine/helpers';
import duplicateEnv from '../../../rules/schema/duplicate-env';
import duplicateName from '../../../rules/schema/duplicate-name';
import duplicatePort from '../../../rules/schema/duplicate-port';
import ingressRule from '../../../rules/schema/ingress-rule';
import invalidAnnotation from '../../../rules/schema/invalid-annotation';
import invalidCronSchedule from '../../../rules/schema/invalid-cron-schedule';
import invalidEnum from '../../../rules/schema/invalid-enum';
import invalidLabel from '../../../rules/schema/invalid-label';
import invalidName from '../../../rules/schema/invalid-name';
import invalidPodField from '../../../rules/schema/invalid-pod-field';
import invalidResources from '../../../rules/schema/invalid-resources';
import pdbConflict from '../../../rules/schema/pdb-conflict';
import selectorMismatch from '../../../rules/schema/selector-mismatch';

const RULES: AnyRule[] = [duplicateEnv, duplicateName, duplicatePort, ingressRule, invalidAnnotation, invalidCronSchedule, invalidEnum, invalidLabel, invalidName, invalidPodField, invalidResources, pdbConflict, selectorMismatch];

/** Field names the rules look at, so random objects reach deep into the walkers. */
const KEYS = [
  'spec', 'template', 'metadata', 'labels', 'annotations', 'name', 'generateName', 'namespace', 'selector', 'matchLabels', 'matchExpressions',
  'key', 'operator', 'values', 'containers', 'initContainers', 'ephemeralContainers', 'ports', 'containerPort', 'hostPort', 'protocol',
  'env', 'envFrom', 'prefix', 'volumeMounts', 'mountPath', 'subPath', 'volumes', 'resources', 'limits', 'requests', 'cpu', 'memory',
  'nvidia.com/gpu', 'hugepages-2Mi', 'restartPolicy', 'tolerations', 'effect', 'affinity', 'nodeAffinity', 'securityContext',
  'seccompProfile', 'type', 'localhostProfile', 'rules', 'http', 'paths', 'path', 'pathType', 'backend', 'service', 'port', 'number',
  'host', 'tls', 'hosts', 'defaultBackend', 'schedule', 'timeZone', 'jobTemplate', 'minAvailable', 'maxUnavailable', 'strategy',
  'rollingUpdate', 'manualSelector', 'nodePort', 'targetPort', 'livenessProbe', 'httpGet', 'volumeClaimTemplates', 'emptyDir', 'sizeLimit',
];

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 70000, 1.5, '', 'Always', '*/5 * * * *', 'TCP', '1Gi', '-1', 'In', 'Exists', '/', '..', 'a=b'),
    fc.string(),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
  ),
}));

const KINDS: [string, string][] = [
  ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'ReplicationController'], ['v1', 'PersistentVolumeClaim'], ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['policy/v1', 'PodDisruptionBudget'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'], ['example.com/v1', 'Widget'],
];

test('no schema rule throws on objects of arbitrary shape', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), value, value, ([apiVersion, kind], metadata, spec) => {
      const text = JSON.stringify({ apiVersion, kind, metadata, spec });
      const result = lintTexts({ 'm.yaml': text }, { rules: RULES });
      expect(result.internalErrors.filter((e) => !e.includes('unregistered rule id'))).toEqual([]);
    }),
    { numRuns: 400 },
  );
});

test('no schema rule throws on well-nested pod specs with arbitrary leaves', () => {
  fc.assert(
    fc.property(fc.constantFrom(...KINDS), value, value, value, (([apiVersion, kind], container, podSpec, selector) => {
      const pod = { ...(typeof podSpec === 'object' && podSpec !== null && !Array.isArray(podSpec) ? podSpec : {}), containers: [container, { name: 'x', ...(typeof container === 'object' && container !== null && !Array.isArray(container) ? container : {}) }] };
      const template = { metadata: { labels: selector }, spec: pod };
      const spec = kind === 'Pod' ? pod : kind === 'CronJob' ? { jobTemplate: { spec: { template, selector } } } : { selector, template };
      const text = JSON.stringify({ apiVersion, kind, metadata: { name: 'x' }, spec });
      const result = lintTexts({ 'm.yaml': text }, { rules: RULES });
      expect(result.internalErrors.filter((e) => !e.includes('unregistered rule id'))).toEqual([]);
    })),
    { numRuns: 400 },
  );
});
