/**
 * Linux capabilities that amount to (or quickly lead to) root on the node, and what each
 * enables: one table for the rule on workloads (security/dangerous-capability) and the one on
 * policies that allow them (security/psp-unsafe-policy).
 */
const DANGEROUS_CAPABILITIES: ReadonlyMap<string, string> = new Map([
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

/** `cap_sys_admin`, ` SYS_ADMIN` → `SYS_ADMIN`. */
export function capabilityName(cap: string): string {
  return cap.trim().toUpperCase().replace(/^CAP_/, '');
}

/** The capability's name and what it enables, when it is a dangerous one. */
export function dangerousCapability(cap: string): { name: string; why: string } | undefined {
  const name = capabilityName(cap);
  const why = DANGEROUS_CAPABILITIES.get(name);
  return why === undefined ? undefined : { name, why };
}
