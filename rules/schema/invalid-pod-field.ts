import {
  DNS1123_LABEL_RULE,
  PORT_NAME_RULE,
  dns1123LabelProblem,
  envVarNameProblem,
  isInteger,
  localDescendingPathProblem,
  portNameProblem,
  suggestName,
} from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf, type ContainerView, type PodSpecView } from '../../src/model/workload';

const PORT_RANGE = 'between 1 and 65535';

function eg(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `, e.g. \`${suggestion}\``;
}

function checkLabelName(context: RuleContext, value: unknown, path: FieldPath, what: string): void {
  if (typeof value !== 'string' || value === '') return;
  const problem = dns1123LabelProblem(value);
  if (problem === undefined) return;
  context.report({
    path,
    message: `${what} \`${value}\` is not a valid DNS-1123 label (${DNS1123_LABEL_RULE}): it ${problem}; the API server rejects it: rename it${eg(suggestName(value, 'dns1123-label'))}`,
  });
}

/** A port given as number or IANA name (probes, Service targetPort); `allowZero` for fields where 0 means unset. */
function checkPortNumberOrName(context: RuleContext, value: unknown, path: FieldPath, what: string, allowZero: boolean): void {
  if (isInteger(value)) {
    if ((value === 0 && allowZero) || (value >= 1 && value <= 65535)) return;
    context.report({ path, message: `${what} ${value} is not a port number ${PORT_RANGE}; the API server rejects it: use a port ${PORT_RANGE} or a named container port` });
    return;
  }
  if (typeof value !== 'string' || (value === '' && allowZero)) return;
  const problem = portNameProblem(value);
  if (problem === undefined) return;
  const numeric = /^\d+$/.test(value) ? `; to give a number, write it without quotes: ${value}` : '';
  context.report({
    path,
    message: `${what} \`${value}\` is a string, so it must name a container port, but it is not a valid port name (${PORT_NAME_RULE}): it ${problem}; the API server rejects it${numeric}`,
  });
}

function checkContainerPorts(context: RuleContext, view: ContainerView, hostNetwork: boolean): void {
  const ports = view.container.ports;
  if (!Array.isArray(ports)) return;
  ports.forEach((port, i) => {
    if (!isRecord(port)) return;
    const at = [...view.path, 'ports', i];
    if (typeof port.name === 'string' && port.name !== '') {
      const problem = portNameProblem(port.name);
      if (problem !== undefined) {
        context.report({ path: [...at, 'name'], message: `container port name \`${port.name}\` is not a valid port name (${PORT_NAME_RULE}): it ${problem}; the API server rejects it: rename it${eg(suggestPortName(port.name))}` });
      }
    }
    if (isInteger(port.containerPort) && (port.containerPort < 1 || port.containerPort > 65535)) {
      context.report({ path: [...at, 'containerPort'], message: `containerPort ${port.containerPort} is not a port number ${PORT_RANGE}; the API server rejects it: use the port the process listens on` });
    }
    if (isInteger(port.hostPort) && port.hostPort !== 0) {
      if (port.hostPort < 1 || port.hostPort > 65535) {
        context.report({ path: [...at, 'hostPort'], message: `hostPort ${port.hostPort} is not a port number ${PORT_RANGE} (or 0 for none); the API server rejects it: fix or remove it` });
      } else if (hostNetwork && view.list === 'containers' && isInteger(port.containerPort) && port.hostPort !== port.containerPort) {
        context.report({ path: [...at, 'hostPort'], message: `hostPort ${port.hostPort} differs from containerPort ${port.containerPort}, but with hostNetwork: true they are the same port; the API server rejects it: remove hostPort or set it to ${port.containerPort}` });
      }
    }
  });
}

function suggestPortName(name: string): string | undefined {
  const fixed = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+/g, '-').slice(0, 15).replace(/^-+|-+$/g, '');
  return fixed !== '' && fixed !== name && portNameProblem(fixed) === undefined ? fixed : undefined;
}

function checkEnv(context: RuleContext, view: ContainerView, version: string): void {
  const env = view.container.env;
  if (Array.isArray(env)) {
    env.forEach((item, i) => {
      if (!isRecord(item) || typeof item.name !== 'string' || item.name === '') return;
      const problem = envVarNameProblem(item.name, version);
      if (problem !== undefined) {
        context.report({ path: [...view.path, 'env', i, 'name'], message: `environment variable name \`${item.name}\` is invalid for Kubernetes ${version}: it ${problem}; the API server rejects it: rename the variable` });
      }
    });
  }
  const envFrom = view.container.envFrom;
  if (Array.isArray(envFrom)) {
    envFrom.forEach((item, i) => {
      if (!isRecord(item) || typeof item.prefix !== 'string' || item.prefix === '') return;
      const problem = envVarNameProblem(item.prefix, version);
      if (problem !== undefined) {
        context.report({ path: [...view.path, 'envFrom', i, 'prefix'], message: `envFrom prefix \`${item.prefix}\` is invalid for Kubernetes ${version}: it ${problem}; the API server rejects it: change the prefix` });
      }
    });
  }
}

function checkMounts(context: RuleContext, view: ContainerView, volumes: ReadonlySet<string>): void {
  const mounts = view.container.volumeMounts;
  if (Array.isArray(mounts)) {
    mounts.forEach((mount, i) => {
      if (!isRecord(mount)) return;
      const at = [...view.path, 'volumeMounts', i];
      if (typeof mount.name === 'string' && mount.name !== '' && !volumes.has(mount.name)) {
        context.report({ path: [...at, 'name'], message: `volumeMount refers to volume \`${mount.name}\`, which the pod does not define${listVolumes(volumes)}; the API server rejects it: add the volume to spec.volumes or fix the name` });
      }
      for (const field of ['subPath', 'subPathExpr'] as const) {
        const value = mount[field];
        if (typeof value !== 'string' || value === '') continue;
        const problem = localDescendingPathProblem(value);
        if (problem !== undefined) {
          context.report({ path: [...at, field], message: `${field} \`${value}\` ${problem}: it is resolved inside the volume, so it may not be absolute or climb out with '..'; the API server rejects it: use a relative path inside the volume` });
        }
      }
      if (mount.mountPropagation === 'Bidirectional' && !isPrivileged(view.container)) {
        context.report({ path: [...at, 'mountPropagation'], message: 'mountPropagation Bidirectional is only allowed in privileged containers; the API server rejects it: use HostToContainer, or make the container privileged if it really must propagate mounts to the host' });
      }
    });
  }
  const devices = view.container.volumeDevices;
  if (Array.isArray(devices)) {
    devices.forEach((device, i) => {
      if (!isRecord(device) || typeof device.name !== 'string' || device.name === '' || volumes.has(device.name)) return;
      context.report({ path: [...view.path, 'volumeDevices', i, 'name'], message: `volumeDevice refers to volume \`${device.name}\`, which the pod does not define${listVolumes(volumes)}; the API server rejects it: add a PersistentVolumeClaim volume or fix the name` });
    });
  }
}

function listVolumes(volumes: ReadonlySet<string>): string {
  if (volumes.size === 0) return ' (it has no volumes)';
  return ` (it has ${[...volumes].slice(0, 5).map((v) => `\`${v}\``).join(', ')}${volumes.size > 5 ? ', …' : ''})`;
}

function isPrivileged(container: Record<string, unknown>): boolean {
  return isRecord(container.securityContext) && container.securityContext.privileged === true;
}

function checkProbePorts(context: RuleContext, view: ContainerView): void {
  const handlers: [string[], string][] = [
    [['livenessProbe'], 'livenessProbe'],
    [['readinessProbe'], 'readinessProbe'],
    [['startupProbe'], 'startupProbe'],
    [['lifecycle', 'postStart'], 'postStart hook'],
    [['lifecycle', 'preStop'], 'preStop hook'],
  ];
  for (const [sub, what] of handlers) {
    let handler: unknown = view.container;
    for (const key of sub) handler = isRecord(handler) ? handler[key] : undefined;
    if (!isRecord(handler)) continue;
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      const spec = handler[action];
      if (isRecord(spec)) checkPortNumberOrName(context, spec.port, [...view.path, ...sub, action, 'port'], `${what} ${action} port`, false);
    }
    if (isRecord(handler.grpc) && isInteger(handler.grpc.port)) checkPortNumberOrName(context, handler.grpc.port, [...view.path, ...sub, 'grpc', 'port'], `${what} grpc port`, false);
  }
}

function volumeNames(pod: PodSpecView, object: KubeObject): Set<string> {
  const names = new Set<string>();
  if (Array.isArray(pod.spec.volumes)) {
    for (const volume of pod.spec.volumes) if (isRecord(volume) && typeof volume.name === 'string') names.add(volume.name);
  }
  if (object.kind === 'StatefulSet') {
    const templates = object.get(['spec', 'volumeClaimTemplates']);
    if (Array.isArray(templates)) {
      for (const t of templates) if (isRecord(t) && isRecord(t.metadata) && typeof t.metadata.name === 'string') names.add(t.metadata.name);
    }
  }
  return names;
}

/** `validateTopologySpreadConstraints`: maxSkew and minDomains must be positive, minDomains needs DoNotSchedule. */
function checkTopologySpread(context: RuleContext, pod: PodSpecView): void {
  const constraints = pod.spec.topologySpreadConstraints;
  if (!Array.isArray(constraints)) return;
  constraints.forEach((constraint, i) => {
    if (!isRecord(constraint)) return;
    const at = [...pod.path, 'topologySpreadConstraints', i];
    if (isInteger(constraint.maxSkew) && constraint.maxSkew <= 0) {
      context.report({ path: [...at, 'maxSkew'], message: `maxSkew ${constraint.maxSkew} must be greater than zero (the largest allowed difference in matching pods between two domains); the API server rejects it: use 1` });
    }
    if (!isInteger(constraint.minDomains)) return;
    if (constraint.minDomains <= 0) {
      context.report({ path: [...at, 'minDomains'], message: `minDomains ${constraint.minDomains} must be greater than zero; the API server rejects it: remove minDomains or set the number of domains the pods must spread over` });
    } else if (constraint.whenUnsatisfiable !== 'DoNotSchedule') {
      context.report({ path: [...at, 'minDomains'], message: `minDomains only works with whenUnsatisfiable: DoNotSchedule, not ${JSON.stringify(constraint.whenUnsatisfiable ?? null)}; the API server rejects it: remove minDomains or use DoNotSchedule` });
    }
  });
}

function checkPod(object: KubeObject, context: RuleContext): void {
  const pod = podSpecOf(object);
  if (pod === undefined) return;
  if (Array.isArray(pod.spec.volumes)) {
    pod.spec.volumes.forEach((volume, i) => {
      if (isRecord(volume)) checkLabelName(context, volume.name, [...pod.path, 'volumes', i, 'name'], 'volume name');
    });
  }
  checkTopologySpread(context, pod);
  const volumes = volumeNames(pod, object);
  const hostNetwork = pod.spec.hostNetwork === true;
  const version = context.settings.kubernetesVersion;
  for (const view of containersOf(pod)) {
    checkLabelName(context, view.container.name, [...view.path, 'name'], 'container name');
    checkContainerPorts(context, view, hostNetwork);
    checkEnv(context, view, version);
    checkMounts(context, view, volumes);
    checkProbePorts(context, view);
  }
}

function checkService(object: KubeObject, context: RuleContext): void {
  const ports = object.get(['spec', 'ports']);
  if (!Array.isArray(ports)) return;
  const type = object.get(['spec', 'type']);
  const clusterIP = type === undefined || type === null || type === 'ClusterIP';
  ports.forEach((port, i) => {
    if (!isRecord(port)) return;
    const at = ['spec', 'ports', i];
    checkLabelName(context, port.name, [...at, 'name'], 'Service port name');
    if (isInteger(port.port) && (port.port < 1 || port.port > 65535)) {
      context.report({ path: [...at, 'port'], message: `Service port ${port.port} is not a port number ${PORT_RANGE}; the API server rejects it: use a port ${PORT_RANGE}` });
    }
    checkPortNumberOrName(context, port.targetPort, [...at, 'targetPort'], 'targetPort', true);
    if (isInteger(port.nodePort) && port.nodePort !== 0) {
      if (port.nodePort < 1 || port.nodePort > 65535) {
        context.report({ path: [...at, 'nodePort'], message: `nodePort ${port.nodePort} is not a port number (by default node ports come from 30000-32767); the API server rejects it: pick a port in the cluster's node port range or omit nodePort` });
      } else if (clusterIP) {
        context.report({ path: [...at, 'nodePort'], message: `nodePort ${port.nodePort} is set on a ClusterIP Service; the API server rejects nodePort unless type is NodePort or LoadBalancer: remove nodePort or set spec.type: NodePort` });
      }
    }
  });
}

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-pod-field',
    category: 'schema',
    severity: 'error',
    description: 'A pod or Service field breaks a rule the API server checks in code: container, volume or port names, port numbers, environment variable names, volume mounts of undefined volumes, subPaths that escape the volume, or topology spread constraints with a maxSkew or minDomains the API refuses.',
    rationale: 'The OpenAPI schema types these fields as strings and integers but does not encode the API server\'s rules: container and volume names are DNS-1123 labels, container port names IANA service names, ports 1–65535, volumeMounts must name a volume of the pod, subPath must stay inside the volume, and a topology spread constraint needs a positive maxSkew and a positive minDomains used only with whenUnsatisfiable DoNotSchedule. Such manifests pass schema validation and are rejected on apply, or, for templates, when the controller creates pods.',
    fix: 'Rename to lowercase letters, digits and `-`; use port numbers 1–65535 (a numeric targetPort without quotes); declare every mounted volume under spec.volumes; use relative subPaths.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: Web_API\n      image: nginx:1.27\n      volumeMounts:\n        - {name: cache, mountPath: /cache}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web-api\n      image: nginx:1.27\n      volumeMounts:\n        - {name: cache, mountPath: /cache}\n  volumes:\n    - {name: cache, emptyDir: {}}\n',
    },
    equivalents: { 'kube-score': 'container-ports-check, pod-topology-spread-constraints', 'kube-linter': 'invalid-target-ports' },
  },
  check(object, context) {
    checkPod(object, context);
    if (object.kind === 'Service' && object.group === '') checkService(object, context);
  },
});
