import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf, type ContainerView } from '../../src/model/workload';

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile',
  'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume',
  'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

/** The keys of `record` (in the order written) that are among `keys` and set. */
function present(record: Record<string, unknown>, keys: readonly string[]): string[] {
  return Object.keys(record).filter((k) => keys.includes(k) && record[k] !== undefined && record[k] !== null);
}

function checkMetadata(object: KubeObject, context: RuleContext): void {
  const metadata = object.raw.metadata;
  const named = isRecord(metadata) && ((typeof metadata.name === 'string' && metadata.name !== '') || (typeof metadata.generateName === 'string' && metadata.generateName !== ''));
  if (!named) {
    context.report({ path: isRecord(metadata) ? ['metadata'] : ['kind'], target: 'key', message: `this ${object.kind} has neither \`metadata.name\` nor \`metadata.generateName\`; the API server requires one of them ("name or generateName is required")` });
  }
}

function checkHandlers(context: RuleContext, view: ContainerView): void {
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = view.container[probe];
    if (isRecord(value)) checkExactlyOne(context, value, PROBE_HANDLERS, [...view.path, probe], `${probe} of container "${view.name}"`);
  }
  const lifecycle = view.container.lifecycle;
  if (!isRecord(lifecycle)) return;
  for (const hook of ['postStart', 'preStop']) {
    const value = lifecycle[hook];
    if (isRecord(value)) checkExactlyOne(context, value, LIFECYCLE_HANDLERS, [...view.path, 'lifecycle', hook], `${hook} hook of container "${view.name}"`);
  }
}

function checkExactlyOne(context: RuleContext, record: Record<string, unknown>, keys: readonly string[], path: FieldPath, what: string): void {
  const set = present(record, keys);
  if (set.length === 0) {
    context.report({ path, target: 'key', message: `the ${what} has no handler; the API server requires exactly one of ${keys.map((k) => `\`${k}\``).join(', ')} ("must specify a handler type")` });
  } else if (set.length > 1) {
    context.report({ path: [...path, set[1]], target: 'key', message: `the ${what} sets ${set.map((k) => `\`${k}\``).join(' and ')}; the API server allows exactly one handler ("may not specify more than 1 handler type"): keep one` });
  }
}

function checkPod(object: KubeObject, context: RuleContext): void {
  const pod = podSpecOf(object);
  if (pod === undefined) return;
  for (const view of containersOf(pod)) {
    // Container.image is optional in pod templates (controllers may default it) but required in Pods.
    if (!pod.template && (typeof view.container.image !== 'string' || view.container.image.trim() === '')) {
      context.report({ path: [...view.path, 'name'], target: 'key', message: `container "${view.name}" has no \`image\`; a Pod's containers need one (the API server rejects it: "image: Required value")` });
    }
    checkHandlers(context, view);
  }
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return;
  volumes.forEach((volume, i) => {
    if (!isRecord(volume)) return;
    const sources = present(volume, VOLUME_SOURCES);
    if (sources.length > 1) {
      context.report({ path: [...pod.path, 'volumes', i, sources[1]], target: 'key', message: `volume "${String(volume.name)}" sets ${sources.map((s) => `\`${s}\``).join(' and ')}; a volume has exactly one source ("may not specify more than 1 volume type"): split it into separate volumes` });
    }
  });
}

/** `ValidatePersistentVolumeClaimSpec`: at least one access mode and a storage request. */
function checkClaimSpec(context: RuleContext, spec: unknown, path: FieldPath, what: string): void {
  if (!isRecord(spec)) return;
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) {
    context.report({ path: [...path, 'accessModes'], target: 'key', message: `${what} has no \`accessModes\`; the API server requires at least one ("at least 1 access mode is required"): add e.g. \`accessModes: [ReadWriteOnce]\`` });
  }
  const requests = isRecord(spec.resources) ? spec.resources.requests : undefined;
  if (!isRecord(requests) || requests.storage === undefined || requests.storage === null) {
    context.report({ path: [...path, 'resources'], target: 'key', message: `${what} requests no storage; the API server rejects a claim without \`resources.requests.storage\` ("spec.resources[storage]: Required value"): add the size, e.g. \`resources: {requests: {storage: 10Gi}}\`` });
  }
}

/** Claims, StatefulSet claim templates and generic ephemeral volumes. */
function checkClaims(object: KubeObject, context: RuleContext): void {
  if (object.kind === 'PersistentVolumeClaim' && object.group === '') checkClaimSpec(context, object.raw.spec, ['spec'], `PersistentVolumeClaim "${object.name}"`);
  if (object.kind === 'StatefulSet' && object.group === 'apps') {
    const templates = object.get(['spec', 'volumeClaimTemplates']);
    if (Array.isArray(templates)) {
      templates.forEach((template, i) => {
        if (!isRecord(template)) return;
        const name = isRecord(template.metadata) && typeof template.metadata.name === 'string' ? template.metadata.name : `#${i}`;
        checkClaimSpec(context, template.spec, ['spec', 'volumeClaimTemplates', i, 'spec'], `volume claim template "${name}" (each pod's claim)`);
      });
    }
  }
  const pod = podSpecOf(object);
  if (pod === undefined || !Array.isArray(pod.spec.volumes)) return;
  pod.spec.volumes.forEach((volume, i) => {
    if (!isRecord(volume) || !isRecord(volume.ephemeral) || !isRecord(volume.ephemeral.volumeClaimTemplate)) return;
    checkClaimSpec(context, volume.ephemeral.volumeClaimTemplate.spec, [...pod.path, 'volumes', i, 'ephemeral', 'volumeClaimTemplate', 'spec'], `ephemeral volume "${String(volume.name)}"`);
  });
}

/** `ValidateHorizontalPodAutoscalerSpec`: 1 <= minReplicas <= maxReplicas (minReplicas defaults to 1). */
function checkAutoscaler(object: KubeObject, context: RuleContext): void {
  if (object.kind !== 'HorizontalPodAutoscaler' || object.group !== 'autoscaling') return;
  const min = object.get(['spec', 'minReplicas']);
  const max = object.get(['spec', 'maxReplicas']);
  if (typeof min === 'number' && Number.isInteger(min) && min < 1) {
    context.report({ path: ['spec', 'minReplicas'], message: `minReplicas ${min} is below 1; the API server rejects it ("must be greater than or equal to 1"; scaling to zero needs the alpha HPAScaleToZero feature): use 1 or more` });
    return;
  }
  const lower = typeof min === 'number' && Number.isInteger(min) ? min : 1;
  if (typeof max === 'number' && Number.isInteger(max) && max < lower) {
    context.report({ path: ['spec', 'maxReplicas'], message: `maxReplicas ${max} is below minReplicas ${lower}${min === undefined ? ' (the default)' : ''}; the API server rejects it ("must be greater than or equal to \`minReplicas\`"): raise maxReplicas or lower minReplicas` });
  }
}

function checkService(object: KubeObject, context: RuleContext): void {
  if (object.kind !== 'Service' || object.group !== '' || !isRecord(object.raw.spec)) return;
  const spec = object.raw.spec;
  const ports = spec.ports;
  const headless = spec.clusterIP === 'None';
  if ((ports === undefined || (Array.isArray(ports) && ports.length === 0)) && !headless && spec.type !== 'ExternalName') {
    context.report({ path: ['spec'], target: 'key', message: 'this Service has no `ports`; only headless (`clusterIP: None`) and ExternalName Services may omit them (the API server rejects it: "spec.ports: Required value")' });
  }
}

export default defineObjectRule({
  meta: {
    id: 'schema/api-required',
    category: 'schema',
    severity: 'error',
    description: 'Something the API server requires in code, not in its schema, is missing or doubled: a name (or generateName), a Pod container\'s image, exactly one handler per probe or lifecycle hook, at most one source per volume, ports on a Service, access modes and a storage request on a volume claim (or claim template), an autoscaler\'s minReplicas of at least 1 and not above maxReplicas.',
    rationale: 'The OpenAPI schema marks these fields optional, so schema-only validators such as kubeconform accept the manifest, and the apply then fails on the API server. Catching them before the merge saves a broken deploy.',
    fix: 'Add the missing field, or keep only one of the handlers or volume sources named in the message. (A volume with only a name is valid: the API server defaults it to `emptyDir`.)',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /, port: 80}\n        tcpSocket: {port: 80}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      readinessProbe:\n        httpGet: {path: /, port: 80}\n',
    },
    equivalents: { kubeconform: '(not checked: schema only)', kubesec: 'VolumeClaimRequestsStorage' },
  },
  check(object, context) {
    checkMetadata(object, context);
    checkPod(object, context);
    checkService(object, context);
    checkClaims(object, context);
    checkAutoscaler(object, context);
  },
});
