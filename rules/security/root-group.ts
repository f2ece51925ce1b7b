import { containerEntries } from '../../src/analysis/security-context';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

function isZero(value: unknown): boolean {
  return value === 0 || value === '0';
}

export default defineObjectRule({
  meta: {
    id: 'security/root-group',
    category: 'security',
    severity: 'warning',
    description: 'A pod or container runs with the root group: `runAsGroup`, `fsGroup` or `supplementalGroups` is 0.',
    rationale:
      'Group 0 owns many files on the node and in images (`/etc`, sockets, device nodes), so a process in it can read or write them once it reaches them through a mount or an escape, even as a non-root user. Pod Security Admission does not check groups (the old "non-root groups" control was never enforced). Pods with `hostUsers: false` are skipped: there group 0 is an unprivileged group on the node. Windows pods are skipped too.',
    fix: 'Use a non-zero group (ideally above 10000) in `runAsGroup` and `fsGroup`, and remove 0 from `supplementalGroups`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 0\n  containers:\n    - name: app\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n    fsGroup: 10001\n  containers:\n    - name: app\n      image: nginx:1.27\n',
    },
    equivalents: { Trivy: 'KSV-0116', 'kube-linter': 'run-as-non-root' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined || pod.spec.hostUsers === false) return;
    if (isRecord(pod.spec.os) && pod.spec.os.name === 'windows') return;
    const reported = new Set<string>();
    for (const entry of containerEntries(pod.spec)) {
      const setting = entry.effective.runAsGroup;
      if (setting === undefined || !isZero(setting.value)) continue;
      const key = JSON.stringify(setting.path);
      if (reported.has(key)) continue;
      reported.add(key);
      const who = setting.source === 'pod' ? 'the pod\'s containers run' : `container ${entry.name} runs`;
      context.report({ path: [...pod.path, ...setting.path], message: `${who} with primary group 0 (root): use a non-zero runAsGroup` });
    }
    const sc = pod.spec.securityContext;
    if (!isRecord(sc)) return;
    if (isZero(sc.fsGroup)) context.report({ path: [...pod.path, 'securityContext', 'fsGroup'], message: 'fsGroup 0 gives the root group ownership of the pod\'s volumes and adds it to every container: use a non-zero fsGroup' });
    if (Array.isArray(sc.supplementalGroups)) {
      sc.supplementalGroups.forEach((group: unknown, i) => {
        if (isZero(group)) context.report({ path: [...pod.path, 'securityContext', 'supplementalGroups', i], message: 'supplementalGroups adds the root group (0) to every container: remove it' });
      });
    }
  },
});
