/**
 * What a valid policy lets pods do that amounts to control of the node or of other pods:
 * privileged containers, host namespaces, every or dangerous capabilities, writable sensitive
 * host paths, root, privilege escalation, unsafe sysctls, unmasked /proc, no seccomp.
 */
import type { FieldPath } from '../../model/path';
import { dangerousCapability } from '../capabilities';
import { recordAt, valueAt } from '../security-context';
import { APPARMOR_ALLOWED_ANNOTATION, readPolicy, SECCOMP_ALLOWED_ANNOTATION } from './parse';
import { inAnyRange } from './ranges';
import type { PolicyProblem, Psp } from './types';
import { hasPathPrefix } from './volumes';

/**
 * Host paths that give the node away when writable: everything below a `subtree` path, only the
 * path itself for the others (/etc/cni/net.d or /run/flannel are a node agent's own files, /etc
 * and /run are not). A prefix above any of them (/var, /) contains it.
 */
const WRITABLE_SENSITIVE: readonly { path: string; subtree: boolean }[] = [
  ...['/root', '/boot', '/dev', '/proc', '/sys', '/usr', '/lib', '/bin', '/sbin', '/etc/kubernetes', '/etc/shadow', '/etc/sudoers', '/etc/ssh', '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd', '/var/lib/etcd', '/run/containerd', '/var/run/containerd', '/run/crio', '/var/run/crio', '/run/docker.sock', '/var/run/docker.sock'].map((path) => ({ path, subtree: true })),
  ...['/etc', '/run', '/var/run', '/var/lib'].map((path) => ({ path, subtree: false })),
];
/** Host paths that leak credentials or hand over the node even read-only (a socket works read-only). */
const READABLE_SENSITIVE: readonly { path: string; subtree: boolean }[] = ['/etc/kubernetes', '/etc/shadow', '/root', '/var/lib/kubelet', '/var/lib/etcd', '/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/run/crio/crio.sock', '/var/run/crio/crio.sock'].map((path) => ({ path, subtree: true }));

function unsafe(path: FieldPath, message: string): PolicyProblem {
  return { path, message, kind: 'unsafe', blocking: false };
}

/** The sensitive path a prefix is, lies inside of, or contains. */
function sensitiveOverlap(prefix: string, sensitive: readonly { path: string; subtree: boolean }[]): string | undefined {
  const p = prefix.replace(/\/+$/, '');
  if (p === '') return '/';
  return sensitive.find((s) => hasPathPrefix(s.path, p) || (s.subtree && hasPathPrefix(p, s.path)))?.path;
}

function hostPathReason(prefix: string, sensitive: string): string {
  const p = prefix.replace(/\/+$/, '') || '/';
  if (sensitive === '/') return 'the whole node filesystem';
  return p === sensitive || hasPathPrefix(p, sensitive) ? p : `${p}, which contains ${sensitive}`;
}

/** Unsafe settings of a policy, in field order (one problem per field or list entry). */
export function unsafePolicyProblems(raw: Record<string, unknown>): PolicyProblem[] {
  const policy = readPolicy(raw);
  const spec = recordAt(raw, 'spec') ?? {};
  const out: PolicyProblem[] = [];
  if (policy.privileged) out.push(unsafe(['spec', 'privileged'], 'allows privileged containers, which have every capability and all devices of the node: a container escape is one command away'));
  for (const [key, what] of [['hostNetwork', 'the node\'s network: it can sniff traffic and reach services bound to localhost'], ['hostPID', 'the node\'s processes: it can inspect and signal them'], ['hostIPC', 'the node\'s shared memory']] as const) {
    if (policy[key]) out.push(unsafe(['spec', key], `allows ${key}: pods see ${what}`));
  }
  capabilities(spec, out);
  volumes(policy, spec, out);
  if (policy.allowPrivilegeEscalation) {
    const path: FieldPath = valueAt(spec, 'allowPrivilegeEscalation') === undefined ? ['spec'] : ['spec', 'allowPrivilegeEscalation'];
    out.push(unsafe(path, `allows privilege escalation${path.length === 1 ? ' (allowPrivilegeEscalation is unset, which means true)' : ''}: setuid binaries and file capabilities can make a process root; set allowPrivilegeEscalation: false`));
  }
  runAsUser(policy.runAsUser.rule, policy.runAsUser.ranges, spec, out);
  strings(spec.allowedUnsafeSysctls).forEach((sysctl, index) => {
    if (sysctl === '*') out.push(unsafe(['spec', 'allowedUnsafeSysctls', index], 'allows every unsafe sysctl: kernel settings that affect every pod on the node'));
  });
  strings(spec.allowedProcMountTypes).forEach((type, index) => {
    if (type === 'Unmasked') out.push(unsafe(['spec', 'allowedProcMountTypes', index], 'allows an unmasked /proc, which exposes kernel interfaces the runtime hides from containers'));
  });
  if (policy.seccomp.allowAny) out.push(unsafe(['metadata', 'annotations', SECCOMP_ALLOWED_ANNOTATION], 'allows any seccomp profile (*), including unconfined: containers may run without a syscall filter'));
  else if (policy.seccomp.allowed?.has('unconfined') === true) out.push(unsafe(['metadata', 'annotations', SECCOMP_ALLOWED_ANNOTATION], 'allows the unconfined seccomp profile: containers may run without a syscall filter'));
  if (policy.appArmor.allowed?.has('unconfined') === true) out.push(unsafe(['metadata', 'annotations', APPARMOR_ALLOWED_ANNOTATION], 'allows the unconfined AppArmor profile: containers may run without AppArmor confinement'));
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v : '')) : [];
}

function capabilities(spec: Record<string, unknown>, out: PolicyProblem[]): void {
  for (const field of ['allowedCapabilities', 'defaultAddCapabilities'] as const) {
    const verb = field === 'allowedCapabilities' ? 'allows adding' : 'adds';
    strings(spec[field]).forEach((cap, index) => {
      if (cap === '*') {
        out.push(unsafe(['spec', field, index], `${verb} every capability (*): containers can be made nearly privileged; list the few capabilities workloads need`));
        return;
      }
      const dangerous = dangerousCapability(cap);
      if (dangerous !== undefined) out.push(unsafe(['spec', field, index], `${verb} ${dangerous.name} to every container it admits (${dangerous.why})`));
    });
  }
}

function volumes(policy: Psp, spec: Record<string, unknown>, out: PolicyProblem[]): void {
  const allowsAll = policy.volumes.includes('*');
  const allowsHostPath = allowsAll || policy.volumes.includes('hostPath');
  if (!allowsHostPath) return;
  if (policy.allowedHostPaths.length === 0) {
    const index = policy.volumes.indexOf(allowsAll ? '*' : 'hostPath');
    const what = allowsAll ? 'allows every volume type, including hostPath volumes of any host path' : 'allows hostPath volumes of any host path';
    out.push(unsafe(['spec', 'volumes', index], `${what}: a pod can mount / or the container runtime socket and take over the node; list allowedHostPaths (readOnly where possible)`));
    return;
  }
  const entries = Array.isArray(spec.allowedHostPaths) ? spec.allowedHostPaths : [];
  entries.forEach((entry: unknown, index) => {
    const prefix = valueAt(entry, 'pathPrefix');
    if (typeof prefix !== 'string' || prefix === '') return;
    const readOnly = valueAt(entry, 'readOnly') === true;
    const sensitive = sensitiveOverlap(prefix, readOnly ? READABLE_SENSITIVE : WRITABLE_SENSITIVE);
    if (sensitive === undefined) return;
    const what = hostPathReason(prefix, sensitive);
    out.push(
      unsafe(
        ['spec', 'allowedHostPaths', index, 'pathPrefix'],
        readOnly ? `allows mounting ${what} even read-only: it holds node credentials or the container runtime socket` : `allows writable mounts of ${what}: a pod can take over the node; narrow the prefix or set readOnly: true`,
      ),
    );
  });
}

function runAsUser(rule: string, ranges: readonly { min: number; max: number }[], spec: Record<string, unknown>, out: PolicyProblem[]): void {
  if (rule === 'RunAsAny') out.push(unsafe(['spec', 'runAsUser', 'rule'], 'allows containers to run as root (UID 0): use MustRunAsNonRoot, or MustRunAs with ranges above 0'));
  else if (rule === 'MustRunAs' && inAnyRange(0, ranges)) {
    const index = ranges.findIndex((range) => range.min <= 0 && range.max >= 0);
    const rawRanges = valueAt(spec.runAsUser, 'ranges');
    out.push(unsafe(Array.isArray(rawRanges) ? ['spec', 'runAsUser', 'ranges', index] : ['spec', 'runAsUser'], 'allows containers to run as root: a runAsUser range includes UID 0'));
  }
}
