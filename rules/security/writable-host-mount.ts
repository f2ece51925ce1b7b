import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { containersOf, isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'security/writable-host-mount',
    category: 'security',
    severity: 'warning',
    description: 'A container mounts a hostPath volume without `readOnly: true`.',
    rationale:
      'A writable hostPath lets the container change files on the node, which outlive the pod and are seen by the kubelet, other pods and the node\'s own services: planting a binary, a cron job or a static pod manifest, or filling the node\'s disk. Most agents that need host files (log shippers, monitoring) only read them.',
    fix: 'Add `readOnly: true` to the volumeMount. Where the container must write, prefer an emptyDir or a PersistentVolumeClaim; if it must write to the node, narrow the hostPath to a directory reserved for it.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n    - name: shipper\n      image: fluent/fluent-bit:3.1.9\n      volumeMounts:\n        - name: varlog\n          mountPath: /var/log\n  volumes:\n    - name: varlog\n      hostPath:\n        path: /var/log\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: logs\nspec:\n  containers:\n    - name: shipper\n      image: fluent/fluent-bit:3.1.9\n      volumeMounts:\n        - name: varlog\n          mountPath: /var/log\n          readOnly: true\n  volumes:\n    - name: varlog\n      hostPath:\n        path: /var/log\n',
    },
    equivalents: { 'kube-linter': 'writable-host-mount' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined || !Array.isArray(pod.spec.volumes)) return;
    const hostPaths = new Map<string, string>();
    for (const volume of pod.spec.volumes as unknown[]) {
      if (isRecord(volume) && typeof volume.name === 'string' && isRecord(volume.hostPath)) {
        hostPaths.set(volume.name, typeof volume.hostPath.path === 'string' ? volume.hostPath.path : '?');
      }
    }
    if (hostPaths.size === 0) return;
    for (const c of containersOf(pod)) {
      const mounts = c.container.volumeMounts;
      if (!Array.isArray(mounts)) continue;
      mounts.forEach((mount: unknown, j) => {
        if (!isRecord(mount) || typeof mount.name !== 'string' || mount.readOnly === true) return;
        const hostPath = hostPaths.get(mount.name);
        if (hostPath === undefined) return;
        const path = mount.readOnly === undefined || mount.readOnly === null ? [...c.path, 'volumeMounts', j] : [...c.path, 'volumeMounts', j, 'readOnly'];
        context.report({ path, message: `container ${c.name} mounts host path ${hostPath} (volume ${mount.name}) writable: add readOnly: true unless it must change files on the node` });
      });
    }
  },
});
