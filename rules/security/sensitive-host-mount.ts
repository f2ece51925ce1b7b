import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

/** Host paths that hand over the node, with what each one gives away. `subtree`: everything below is as bad. */
const SENSITIVE: ReadonlyMap<string, { why: string; subtree?: boolean }> = new Map([
  ['/', { why: 'the whole node filesystem' }],
  ['/etc', { why: 'the node configuration (users, sudoers, SSH, kubelet and runtime settings)' }],
  ['/etc/shadow', { why: 'the node\'s password hashes', subtree: true }],
  ['/etc/sudoers', { why: 'who may become root on the node', subtree: true }],
  ['/etc/ssh', { why: 'the node\'s SSH configuration and host keys', subtree: true }],
  ['/etc/kubernetes', { why: 'the kubelet and control-plane credentials and static pod manifests', subtree: true }],
  ['/root', { why: 'root\'s home directory (SSH keys, cloud and cluster credentials)', subtree: true }],
  ['/boot', { why: 'the node\'s kernel and boot loader', subtree: true }],
  ['/dev', { why: 'every device of the node, including its disks' }],
  ['/proc', { why: 'the node\'s processes and kernel settings (e.g. /proc/sys/kernel/core_pattern runs a program as root on the host)' }],
  ['/sys', { why: 'kernel parameters, cgroups and devices of the node' }],
  ['/lib', { why: 'the node\'s libraries (replacing one runs code as root on the host)' }],
  ['/usr', { why: 'the node\'s programs and libraries (replacing one runs code as root on the host)' }],
  ['/bin', { why: 'the node\'s programs (replacing one runs code as root on the host)' }],
  ['/sbin', { why: 'the node\'s system programs (replacing one runs code as root on the host)' }],
  ['/var/lib/kubelet', { why: 'the kubelet\'s state: every pod\'s volumes and Secrets on the node, and the kubelet credentials' }],
  ['/var/lib/kubelet/pods', { why: 'every pod\'s volumes and Secrets on the node', subtree: true }],
  ['/var/lib/kubelet/pki', { why: 'the kubelet\'s client and serving keys', subtree: true }],
  ['/var/lib/docker', { why: 'Docker\'s state: the filesystem and configuration (including environment) of every container' }],
  ['/var/lib/containerd', { why: 'containerd\'s state: the filesystem of every container', subtree: true }],
  ['/var/lib/etcd', { why: 'the etcd data, i.e. every object and Secret of the cluster', subtree: true }],
]);

const RUNTIME_SOCKETS = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock', 'podman.sock']);
const SOCKET_WHY = 'the container runtime socket: whoever can reach it starts privileged containers on the node';

/** Normalises a host path: collapses `//`, resolves `.` and `..`, drops a trailing `/`. */
export function normalizeHostPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Why mounting this host path is dangerous, or undefined. */
export function sensitiveHostPath(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const p = normalizeHostPath(path);
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (RUNTIME_SOCKETS.has(base)) return SOCKET_WHY;
  const exact = SENSITIVE.get(p);
  if (exact !== undefined) return exact.why;
  for (const [sensitive, { why, subtree }] of SENSITIVE) {
    if (subtree === true && p.startsWith(`${sensitive}/`)) return `part of ${sensitive}: ${why}`;
  }
  // Ancestors of sensitive paths expose them: /var/run holds the runtime socket.
  if (['/var', '/run', '/var/run', '/var/lib', '/run/containerd', '/var/run/containerd', '/run/crio', '/var/run/crio', '/run/docker'].includes(p)) {
    return `a directory that contains ${p === '/var/lib' ? 'the kubelet and container runtime state' : SOCKET_WHY}`;
  }
  return undefined;
}

export default defineObjectRule({
  meta: {
    id: 'security/sensitive-host-mount',
    category: 'security',
    severity: 'error',
    description: 'A hostPath volume exposes a host path that gives control of the node, such as a container runtime socket, /etc, /proc or the kubelet directory.',
    rationale:
      'Pod Security (baseline) already refuses every hostPath volume; this rule says why a particular one matters. Through the container runtime socket (`docker.sock`, `containerd.sock`, `crio.sock`) a container starts privileged containers on the node; through `/`, `/etc`, `/root` or the binary directories it rewrites the node; `/proc` and `/sys` reach kernel settings (a write to `/proc/sys/kernel/core_pattern` runs a program as root on the host); `/var/lib/kubelet` holds every other pod\'s Secrets on the node and the kubelet\'s credentials. Parent directories of these paths (`/var/run`, `/var/lib`) are reported too. A read-only mount still discloses everything, and a socket works read-only.',
    fix: 'Remove the volume. If a node agent really needs the path, run it in a dedicated namespace that allows privileged pods, mount the narrowest path with `readOnly: true`, and suppress this finding for that workload with a reason.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: app\n      image: docker:27.3\n      volumeMounts:\n        - name: docker\n          mountPath: /var/run/docker.sock\n  volumes:\n    - name: docker\n      hostPath:\n        path: /var/run/docker.sock\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: app\n      image: docker:27.3\n      volumeMounts:\n        - name: work\n          mountPath: /work\n  volumes:\n    - name: work\n      emptyDir: {}\n',
    },
    equivalents: { 'kube-linter': 'sensitive-host-mounts, docker-sock', kubeaudit: 'mounts:SensitivePathsMounted', Trivy: 'KSV-0121, KSV-0006', checkov: 'CKV_K8S_27', kubesec: 'DockerSock, ProcMount' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined || !Array.isArray(pod.spec.volumes)) return;
    pod.spec.volumes.forEach((volume: unknown, i) => {
      if (!isRecord(volume) || !isRecord(volume.hostPath) || typeof volume.hostPath.path !== 'string') return;
      const why = sensitiveHostPath(volume.hostPath.path);
      if (why === undefined) return;
      const name = typeof volume.name === 'string' ? volume.name : `volumes[${i}]`;
      context.report({ path: [...pod.path, 'volumes', i, 'hostPath', 'path'], message: `volume ${name} mounts ${volume.hostPath.path} from the node, ${why}` });
    });
  },
});
