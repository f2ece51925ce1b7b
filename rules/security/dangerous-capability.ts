import { dangerousCapability } from '../../src/analysis/capabilities';
import { containerEntries } from '../../src/analysis/security-context';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'security/dangerous-capability',
    category: 'security',
    severity: 'warning',
    description: 'A container adds a Linux capability that gives it control over the node or its neighbours, such as SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, SYS_MODULE or BPF.',
    rationale:
      'Pod Security (baseline) already refuses capabilities outside its default set; this rule names what each dangerous one enables so the risk can be weighed. SYS_ADMIN and ALL make a container nearly privileged, SYS_MODULE loads code into the kernel, BPF and PERFMON read kernel memory, DAC_READ_SEARCH escapes bind mounts, NET_ADMIN and NET_RAW attack the network of the pod and its neighbours, SYS_PTRACE reads other processes\' memory.',
    fix: 'Remove the capability from `securityContext.capabilities.add` and keep `drop: ["ALL"]`. If the workload really needs it (a CNI plugin, a network or eBPF agent), run it in a namespace reserved for node agents and suppress the finding there with a reason.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: ["SYS_ADMIN"]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: ["ALL"]\n          add: ["NET_BIND_SERVICE"]\n',
    },
    equivalents: { Polaris: 'dangerousCapabilities', kubesec: 'CapSysAdmin', checkov: 'CKV_K8S_39', Trivy: 'KSV-0005, KSV-0119, KSV-0120', 'kube-linter': 'privilege-escalation-container, drop-net-raw-capability' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const entry of containerEntries(pod.spec)) {
      const setting = entry.effective.capabilities;
      if (setting === undefined || !isRecord(setting.value) || !Array.isArray(setting.value.add)) continue;
      setting.value.add.forEach((cap: unknown, i) => {
        if (typeof cap !== 'string') return;
        const dangerous = dangerousCapability(cap);
        if (dangerous === undefined) return;
        context.report({ path: [...pod.path, ...setting.path, 'add', i], message: `container ${entry.name} adds ${dangerous.name}, which allows ${dangerous.why}` });
      });
    }
  },
});
