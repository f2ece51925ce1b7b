import { containerEntries } from '../../src/analysis/security-context';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

/** Capabilities that amount to (or quickly lead to) root on the node, and what each enables. */
export const DANGEROUS_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ['ALL', 'every capability: the container is nearly privileged'],
  ['SYS_ADMIN', 'mounting filesystems, cgroup manipulation and many other operations; the classic container escape (e.g. the cgroup release_agent)'],
  ['NET_ADMIN', 'reconfiguring the pod\'s network: interfaces, routes, iptables rules (bypassing NetworkPolicy enforcement inside the pod, intercepting traffic)'],
  ['NET_RAW', 'raw and packet sockets: spoofing packets, ARP and DNS poisoning of neighbours on the node'],
  ['SYS_PTRACE', 'tracing and reading the memory of other processes it can see (with hostPID, the node\'s)'],
  ['SYS_MODULE', 'loading kernel modules: arbitrary code in the node\'s kernel'],
  ['BPF', 'loading eBPF programs, which can read kernel memory and other processes\' data'],
  ['PERFMON', 'performance monitoring and, together with BPF, tracing programs that read kernel memory'],
  ['DAC_READ_SEARCH', 'reading any file by handle, which escapes bind mounts (the "shocker" exploit)'],
  ['SYS_RAWIO', 'raw I/O on devices and ports, i.e. reading and writing disks and memory directly'],
  ['SYS_BOOT', 'rebooting the node and loading a new kernel'],
  ['SYS_TIME', 'setting the node\'s clock, which breaks certificates, tokens and leases cluster-wide'],
  ['MAC_ADMIN', 'changing the AppArmor/SELinux policy that confines the container'],
  ['MAC_OVERRIDE', 'bypassing the AppArmor/SELinux policy that confines the container'],
  ['SYSLOG', 'reading the kernel log, which leaks kernel addresses used by exploits'],
]);

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
        const name = cap.trim().toUpperCase().replace(/^CAP_/, '');
        const why = DANGEROUS_CAPABILITIES.get(name);
        if (why === undefined) return;
        context.report({ path: [...pod.path, ...setting.path, 'add', i], message: `container ${entry.name} adds ${name}, which allows ${why}` });
      });
    }
  },
});
