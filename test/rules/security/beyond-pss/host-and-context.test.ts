import { testRule } from '../../../helpers/rule-tester';
import { NEW_RULES } from './rules';

/** A Pod with the given spec lines (indented under `spec:`); spec starts on line 5. */
function pod(spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n${spec}`;
}

const HOST_POD = (path: string, readOnly = ''): string =>
  pod(`  containers:\n    - name: app\n      image: nginx:1.27\n      volumeMounts:\n        - name: host\n          mountPath: /host\n${readOnly}  volumes:\n    - name: host\n      hostPath:\n        path: ${path}\n`);

testRule(
  'security/sensitive-host-mount',
  {
    valid: [HOST_POD('/var/log', '          readOnly: true\n'), HOST_POD('/etc/ssl/certs'), HOST_POD('/sys/fs/cgroup'), HOST_POD('/var/lib/docker/containers'), HOST_POD('relative/path'), pod('  volumes:\n    - name: x\n      hostPath: {}\n    - 7\n')],
    invalid: [
      { name: 'docker socket', code: HOST_POD('/var/run/docker.sock'), errors: [{ line: 15, message: 'container runtime socket' }] },
      { name: 'containerd socket', code: HOST_POD('/run/containerd/containerd.sock'), errors: [{ line: 15, message: 'runtime socket' }] },
      { name: 'crio socket', code: HOST_POD('/var/run/crio/crio.sock'), errors: [{ line: 15 }] },
      { name: 'root, with trailing slash and dots', code: HOST_POD('//./'), errors: [{ line: 15, message: 'whole node filesystem' }] },
      { name: 'etc', code: HOST_POD('/etc/'), errors: [{ line: 15, message: 'node configuration' }] },
      { name: 'proc', code: HOST_POD('/proc'), errors: [{ line: 15, message: 'core_pattern' }] },
      { name: 'kubelet', code: HOST_POD('/var/lib/kubelet'), errors: [{ line: 15, message: 'Secrets' }] },
      { name: 'below a subtree', code: HOST_POD('/etc/kubernetes/pki'), errors: [{ line: 15, message: 'part of /etc/kubernetes' }] },
      { name: 'parent of the socket', code: HOST_POD('/var/run'), errors: [{ line: 15, message: 'contains the container runtime socket' }] },
      { name: 'docker state', code: HOST_POD('/var/lib/docker'), errors: [{ line: 15 }] },
      { name: 'read-only still reported', code: HOST_POD('/root', '          readOnly: true\n'), errors: [{ line: 16 }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'security/writable-host-mount',
  {
    valid: [HOST_POD('/var/log', '          readOnly: true\n'), pod('  containers:\n    - name: app\n      image: nginx:1.27\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n')],
    invalid: [
      { name: 'no readOnly', code: HOST_POD('/var/log'), errors: [{ line: 10, message: 'mounts host path /var/log (volume host) writable' }] },
      { name: 'readOnly: false', code: HOST_POD('/var/log', '          readOnly: false\n'), errors: [{ line: 12 }] },
      {
        name: 'init container too',
        code: pod('  initContainers:\n    - name: setup\n      image: busybox:1.36\n      volumeMounts:\n        - name: host\n          mountPath: /host\n  containers:\n    - name: app\n      image: nginx:1.27\n  volumes:\n    - name: host\n      hostPath:\n        path: /data\n'),
        errors: [{ line: 10, message: 'container setup' }],
      },
    ],
  },
  NEW_RULES,
);

testRule(
  'security/share-process-namespace',
  {
    valid: [pod('  shareProcessNamespace: false\n  containers:\n    - name: app\n      image: nginx:1.27\n')],
    invalid: [{ code: pod('  shareProcessNamespace: true\n  containers:\n    - name: app\n      image: nginx:1.27\n'), errors: [{ line: 6, message: 'share one process namespace' }] }],
  },
  NEW_RULES,
);

const CAPS = (caps: string): string => pod(`  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: ${caps}\n`);

testRule(
  'security/dangerous-capability',
  {
    valid: [CAPS('["NET_BIND_SERVICE", "CHOWN"]'), CAPS('"SYS_ADMIN"'), CAPS('[7, null]'), pod('  securityContext:\n    capabilities:\n      add: ["SYS_ADMIN"]\n  containers:\n    - name: app\n      image: nginx:1.27\n')],
    invalid: [
      { name: 'SYS_ADMIN', code: CAPS('["SYS_ADMIN"]'), errors: [{ line: 11, message: 'adds SYS_ADMIN, which allows mounting' }] },
      { name: 'several, with CAP_ prefix and lower case', code: CAPS('["cap_net_raw", "NET_BIND_SERVICE", "BPF", "ALL"]'), errors: [{ line: 11, message: 'NET_RAW' }, { line: 11, message: 'BPF' }, { line: 11, message: 'ALL' }] },
      { name: 'SYS_MODULE, SYS_PTRACE, NET_ADMIN', code: CAPS('[SYS_MODULE, SYS_PTRACE, NET_ADMIN]'), errors: [{ line: 11, message: 'kernel modules' }, { line: 11, message: 'memory' }, { line: 11, message: 'network' }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'security/writable-root-filesystem',
  {
    valid: [
      pod('  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n'),
      pod('  os:\n    name: windows\n  containers:\n    - name: app\n      image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n'),
      pod('  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n'),
    ],
    invalid: [
      { name: 'unset', code: pod('  containers:\n    - name: app\n      image: nginx:1.27\n'), errors: [{ line: 7, message: 'container app can write' }] },
      { name: 'false', code: pod('  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: false\n'), errors: [{ line: 10 }] },
      { name: 'pod-level field is not inherited', code: pod('  securityContext:\n    readOnlyRootFilesystem: true\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n'), errors: [{ line: 11 }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'security/root-group',
  {
    valid: [
      pod('  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001\n    supplementalGroups: [10002]\n  containers:\n    - name: app\n      image: nginx:1.27\n'),
      pod('  hostUsers: false\n  securityContext:\n    runAsGroup: 0\n  containers:\n    - name: app\n      image: nginx:1.27\n'),
      pod('  securityContext:\n    runAsGroup: 0\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsGroup: 1000\n'),
    ],
    invalid: [
      {
        name: 'pod level reported once for two containers',
        code: pod('  securityContext:\n    runAsGroup: 0\n  containers:\n    - name: a\n      image: nginx:1.27\n    - name: b\n      image: nginx:1.27\n'),
        errors: [{ line: 7, message: 'the pod\'s containers run with primary group 0' }],
      },
      { name: 'container level', code: pod('  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsGroup: 0\n'), errors: [{ line: 10, message: 'container app runs' }] },
      { name: 'fsGroup and supplementalGroups', code: pod('  securityContext:\n    fsGroup: 0\n    supplementalGroups: [1000, 0]\n  containers:\n    - name: app\n      image: nginx:1.27\n'), errors: [{ line: 7, message: 'fsGroup 0' }, { line: 8, message: 'supplementalGroups' }] },
    ],
  },
  NEW_RULES,
);

const SA = (spec: string, extra = ''): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n${spec}      containers:\n        - name: app\n          image: nginx:1.27\n${extra}`;

testRule(
  'security/default-service-account',
  {
    valid: [
      SA('      serviceAccountName: web\n'),
      SA('      automountServiceAccountToken: false\n'),
      SA('', '---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n'),
    ],
    invalid: [
      { name: 'nothing set', code: SA(''), errors: [{ line: 8, message: 'runs as the default ServiceAccount' }] },
      { name: 'named default', code: SA('      serviceAccountName: default\n'), errors: [{ line: 9 }] },
      {
        name: 'the pod overrides the ServiceAccount',
        code: SA('      automountServiceAccountToken: true\n', '---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n'),
        errors: [{ line: 8 }],
      },
      { name: 'a ServiceAccount in another namespace does not count', code: SA('', '---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: other\nautomountServiceAccountToken: false\n'), errors: [{ line: 8 }] },
    ],
  },
  NEW_RULES,
);
