import { containerEntries } from '../../src/analysis/security-context';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'security/writable-root-filesystem',
    category: 'security',
    severity: 'info',
    description: 'A container does not set `readOnlyRootFilesystem: true`.',
    rationale:
      'With a read-only root filesystem an intruder cannot drop tools or modify the application\'s binaries and configuration, and the container cannot fill the node\'s disk through its writable layer. It is hardening rather than a vulnerability, and many images write to /tmp, caches or their own directories, so turning it on needs an emptyDir for each such path: the anchors that report it by default (kube-linter, Trivy at High) are among the most suppressed checks. Hence info. Ephemeral (debug) containers and Windows pods, where the field is not supported, are skipped.',
    fix: 'Set `securityContext.readOnlyRootFilesystem: true` on the container and mount an `emptyDir` at every path it writes to (often /tmp).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n',
    },
    equivalents: { 'kube-linter': 'no-read-only-root-fs', Polaris: 'notReadOnlyRootFilesystem', 'kube-score': 'container-security-context-readonlyrootfilesystem', kubesec: 'ReadOnlyRootFilesystem', checkov: 'CKV_K8S_22', kubeaudit: 'rootfs:ReadOnlyRootFilesystemNil', Trivy: 'KSV-0014' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    if (isRecord(pod.spec.os) && pod.spec.os.name === 'windows') return;
    for (const entry of containerEntries(pod.spec)) {
      if (entry.list === 'ephemeralContainers') continue;
      const setting = entry.effective.readOnlyRootFilesystem;
      if (setting?.value === true) continue;
      const path = setting !== undefined ? setting.path : isRecord(entry.container.securityContext) ? [...entry.path, 'securityContext'] : entry.path;
      context.report({ path: [...pod.path, ...path], message: `container ${entry.name} can write to its root filesystem: set readOnlyRootFilesystem: true and mount an emptyDir where it must write` });
    }
  },
});
