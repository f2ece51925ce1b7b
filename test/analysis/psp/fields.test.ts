/** Every PodSecurityPolicy field against pods: what admission rejected, where, and in which words. */
import { admits, evaluate, pod, violations } from './helpers';

const SECCOMP_ALLOWED = 'seccomp.security.alpha.kubernetes.io/allowedProfileNames';
const SECCOMP_DEFAULT = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';
const APPARMOR_ALLOWED = 'apparmor.security.beta.kubernetes.io/allowedProfileNames';
const APPARMOR_DEFAULT = 'apparmor.security.beta.kubernetes.io/defaultProfileName';

describe('privileged', () => {
  test('a privileged container needs privileged: true', () => {
    const input = pod({}, { securityContext: { privileged: true } });
    expect(violations({}, input)).toEqual(['containers[0].securityContext.privileged: Privileged containers are not allowed [spec.privileged]']);
    expect(admits({ privileged: true }, input)).toBe(true);
  });

  test('privileged: false and init and ephemeral containers are judged too', () => {
    expect(admits({}, pod({}, { securityContext: { privileged: false } }))).toBe(true);
    const input = { spec: { initContainers: [{ name: 'init', securityContext: { privileged: true } }], ephemeralContainers: [{ name: 'dbg', securityContext: { privileged: true } }], containers: [{ name: 'app' }] }, metadata: {} };
    expect(violations({}, input)).toEqual([
      'initContainers[0].securityContext.privileged: Privileged containers are not allowed [spec.privileged]',
      'ephemeralContainers[0].securityContext.privileged: Privileged containers are not allowed [spec.privileged]',
    ]);
  });
});

describe('host namespaces', () => {
  test.each([
    ['hostNetwork', 'Host network is not allowed to be used'],
    ['hostPID', 'Host PID is not allowed to be used'],
    ['hostIPC', 'Host IPC is not allowed to be used'],
  ])('%s', (key, message) => {
    expect(violations({}, pod({ [key]: true }))).toEqual([`${key}: ${message} [spec.${key}]`]);
    expect(admits({ [key]: true }, pod({ [key]: true }))).toBe(true);
    expect(admits({}, pod({ [key]: false }))).toBe(true);
  });
});

describe('hostPorts', () => {
  const withPort = (port: Record<string, unknown>) => pod({}, { ports: [{ containerPort: 8080, ...port }] });

  test('a host port must fall in an allowed range; container ports alone need none', () => {
    expect(admits({}, withPort({}))).toBe(true);
    expect(violations({}, withPort({ hostPort: 80 }))).toEqual(['containers[0].ports[0].hostPort: Host port 80 is not allowed to be used. Allowed ports: [] [spec.hostPorts]']);
    expect(admits({ hostPorts: [{ min: 80, max: 80 }] }, withPort({ hostPort: 80 }))).toBe(true);
    expect(violations({ hostPorts: [{ min: 8000, max: 9000 }, { min: 443, max: 443 }] }, withPort({ hostPort: 80 }))).toEqual([
      'containers[0].ports[0].hostPort: Host port 80 is not allowed to be used. Allowed ports: [8000-9000,443] [spec.hostPorts]',
    ]);
  });

  test('with hostNetwork, the containerPort is the hostPort', () => {
    const input = pod({ hostNetwork: true }, { ports: [{ containerPort: 9100 }] });
    expect(violations({ hostNetwork: true }, input)).toEqual([
      'containers[0].ports[0].containerPort: Host port 9100 is not allowed to be used. Allowed ports: [] (with hostNetwork, the containerPort is also the hostPort) [spec.hostPorts]',
    ]);
    expect(admits({ hostNetwork: true, hostPorts: [{ min: 9000, max: 9999 }] }, input)).toBe(true);
  });
});

describe('volumes', () => {
  const withVolumes = (...volumes: Record<string, unknown>[]) => pod({ volumes });

  test('only listed types; * allows all; an empty list allows none', () => {
    const input = withVolumes({ name: 'data', persistentVolumeClaim: { claimName: 'data' } }, { name: 'cfg', configMap: { name: 'cfg' } });
    expect(violations({ volumes: ['configMap'] }, input)).toEqual(['volumes[0].persistentVolumeClaim: persistentVolumeClaim volumes are not allowed to be used (volume "data") [spec.volumes]']);
    expect(admits({ volumes: ['configMap', 'persistentVolumeClaim'] }, input)).toBe(true);
    expect(admits({ volumes: ['*'] }, input)).toBe(true);
    expect(violations({ volumes: [] }, input)).toHaveLength(2);
  });

  test('a volume without a source is an emptyDir; cephfs is cephFS', () => {
    expect(violations({ volumes: ['secret'] }, withVolumes({ name: 'scratch' }))).toEqual(['volumes[0]: emptyDir volumes are not allowed to be used (volume "scratch") [spec.volumes]']);
    expect(admits({ volumes: ['cephFS'] }, withVolumes({ name: 'c', cephfs: { monitors: ['m'] } }))).toBe(true);
  });

  test('the service account token projection counts as a secret volume', () => {
    const token = { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } };
    expect(admits({ volumes: ['secret'] }, withVolumes(token))).toBe(true);
    const other = { name: 'p', projected: { sources: [{ configMap: { name: 'app-config' } }] } };
    expect(admits({ volumes: ['secret'] }, withVolumes(other))).toBe(false);
    expect(admits({ volumes: ['secret'] }, withVolumes({ name: 'aud', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault' } }] } }))).toBe(false);
  });
});

describe('allowedHostPaths', () => {
  const hostPathPod = (path: string, readOnly?: boolean) =>
    pod({ volumes: [{ name: 'logs', hostPath: { path } }] }, { volumeMounts: [{ name: 'logs', mountPath: '/logs', ...(readOnly === undefined ? {} : { readOnly }) }] });

  test('no list allows any path; a prefix matches at path boundaries', () => {
    expect(admits({ volumes: ['hostPath'] }, hostPathPod('/etc'))).toBe(true);
    const spec = { volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/var/log' }] };
    expect(admits(spec, hostPathPod('/var/log'))).toBe(true);
    expect(admits(spec, hostPathPod('/var/log/pods/'))).toBe(true);
    expect(violations(spec, hostPathPod('/var/logs'))).toEqual(['volumes[0].hostPath.path: host path "/var/logs" is not allowed to be used (allowed: /var/log) [spec.allowedHostPaths]']);
  });

  test('readOnly prefixes need every mount of the volume read-only', () => {
    const spec = { volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/var/log', readOnly: true }] };
    expect(admits(spec, hostPathPod('/var/log', true))).toBe(true);
    expect(violations(spec, hostPathPod('/var/log'))).toEqual(['containers[0].volumeMounts[0].readOnly: must be read-only: host path "/var/log" is allowed read-only only [spec.allowedHostPaths]']);
    expect(evaluate(spec, hostPathPod('/var/log', false)).violations[0].container).toBe('app');
  });

  test('a writable entry matching the path wins over a read-only one', () => {
    const spec = { volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/var', readOnly: true }, { pathPrefix: '/var/log' }] };
    expect(admits(spec, hostPathPod('/var/log/app'))).toBe(true);
    expect(admits(spec, hostPathPod('/var/lib'))).toBe(false);
  });
});

describe('allowedFlexVolumes and allowedCSIDrivers', () => {
  test('an empty list allows every driver; otherwise it must be listed', () => {
    const flex = pod({ volumes: [{ name: 'f', flexVolume: { driver: 'acme/nfs' } }] });
    expect(admits({ volumes: ['flexVolume'] }, flex)).toBe(true);
    expect(violations({ volumes: ['flexVolume'], allowedFlexVolumes: [{ driver: 'acme/cifs' }] }, flex)).toEqual([
      'volumes[0].flexVolume.driver: Flexvolume driver "acme/nfs" is not allowed to be used [spec.allowedFlexVolumes]',
    ]);
    const csi = pod({ volumes: [{ name: 'c', csi: { driver: 'secrets-store.csi.k8s.io' } }] });
    expect(admits({ volumes: ['csi'], allowedCSIDrivers: [{ name: 'secrets-store.csi.k8s.io' }] }, csi)).toBe(true);
    expect(violations({ volumes: ['csi'], allowedCSIDrivers: [{ name: 'other' }] }, csi)).toEqual([
      'volumes[0].csi.driver: Inline CSI driver "secrets-store.csi.k8s.io" is not allowed to be used [spec.allowedCSIDrivers]',
    ]);
  });
});

describe('runAsUser', () => {
  const mustRunAs = { runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }] } };
  const nonRoot = { runAsUser: { rule: 'MustRunAsNonRoot' } };

  test('MustRunAs: unset gets the first min (admitted, mutated); set must be in a range', () => {
    const unset = evaluate(mustRunAs, pod());
    expect(unset.violations).toEqual([]);
    expect(unset.mutated).toBe(true);
    expect(violations(mustRunAs, pod({}, { securityContext: { runAsUser: 0 } }))).toEqual(['containers[0].securityContext.runAsUser: runAsUser 0 must be in the ranges: [1000-2000] [spec.runAsUser]']);
    expect(admits(mustRunAs, pod({}, { securityContext: { runAsUser: 1500 } }))).toBe(true);
  });

  test('a pod-level runAsUser is inherited and reported where it is written', () => {
    const input = { spec: { securityContext: { runAsUser: 5 }, containers: [{ name: 'a' }, { name: 'b' }] }, metadata: {} };
    const result = evaluate(mustRunAs, input);
    expect(result.violations.map((v) => [v.path.join('.'), v.container])).toEqual([['securityContext.runAsUser', undefined]]);
    // A container's own value wins over the pod's.
    expect(admits(mustRunAs, { spec: { securityContext: { runAsUser: 5 }, containers: [{ name: 'a', securityContext: { runAsUser: 1000 } }] }, metadata: {} })).toBe(true);
  });

  test('MustRunAsNonRoot: nothing set is defaulted; runAsNonRoot false or UID 0 are rejected', () => {
    const unset = evaluate(nonRoot, pod());
    expect([unset.violations, unset.mutated]).toEqual([[], true]);
    expect(violations(nonRoot, pod({}, { securityContext: { runAsNonRoot: false } }))).toEqual(['containers[0].securityContext.runAsNonRoot: runAsNonRoot must be true [spec.runAsUser]']);
    expect(violations(nonRoot, pod({}, { securityContext: { runAsUser: 0 } }))).toEqual(['containers[0].securityContext.runAsUser: running with the root UID is forbidden [spec.runAsUser]']);
    expect(admits(nonRoot, pod({}, { securityContext: { runAsUser: 10001 } }))).toBe(true);
    expect(admits(nonRoot, pod({ securityContext: { runAsNonRoot: true } }))).toBe(true);
  });

  test('RunAsAny allows root', () => {
    expect(admits({}, pod({}, { securityContext: { runAsUser: 0 } }))).toBe(true);
  });
});

describe('runAsGroup, fsGroup, supplementalGroups', () => {
  const ranges = [{ min: 1000, max: 1999 }];

  test('runAsGroup: absent or RunAsAny allows any; MustRunAs defaults; MayRunAs checks only what is set', () => {
    const root = pod({}, { securityContext: { runAsGroup: 0 } });
    expect(admits({}, root)).toBe(true);
    expect(admits({ runAsGroup: { rule: 'RunAsAny' } }, root)).toBe(true);
    expect(violations({ runAsGroup: { rule: 'MustRunAs', ranges } }, root)).toEqual(['containers[0].securityContext.runAsGroup: group 0 must be in the ranges: [1000-1999] [spec.runAsGroup]']);
    expect(evaluate({ runAsGroup: { rule: 'MustRunAs', ranges } }, pod()).mutated).toBe(true);
    const may = evaluate({ runAsGroup: { rule: 'MayRunAs', ranges } }, pod());
    expect([may.violations, may.mutated]).toEqual([[], false]);
    expect(admits({ runAsGroup: { rule: 'MayRunAs', ranges } }, root)).toBe(false);
  });

  test('fsGroup', () => {
    expect(violations({ fsGroup: { rule: 'MustRunAs', ranges } }, pod({ securityContext: { fsGroup: 0 } }))).toEqual(['securityContext.fsGroup: group 0 must be in the ranges: [1000-1999] [spec.fsGroup]']);
    expect(evaluate({ fsGroup: { rule: 'MustRunAs', ranges } }, pod())).toMatchObject({ violations: [], mutated: true });
    expect(evaluate({ fsGroup: { rule: 'MayRunAs', ranges } }, pod())).toMatchObject({ violations: [], mutated: false });
    expect(admits({ fsGroup: { rule: 'MayRunAs', ranges } }, pod({ securityContext: { fsGroup: 1500 } }))).toBe(true);
  });

  test('supplementalGroups: each group is checked', () => {
    const input = pod({ securityContext: { supplementalGroups: [1000, 5, 1001] } });
    expect(violations({ supplementalGroups: { rule: 'MustRunAs', ranges } }, input)).toEqual(['securityContext.supplementalGroups[1]: group 5 must be in the ranges: [1000-1999] [spec.supplementalGroups]']);
    expect(violations({ supplementalGroups: { rule: 'MayRunAs', ranges } }, input)).toHaveLength(1);
    expect(evaluate({ supplementalGroups: { rule: 'MustRunAs', ranges } }, pod())).toMatchObject({ violations: [], mutated: true });
  });
});

describe('capabilities', () => {
  const adding = (...add: string[]) => pod({}, { securityContext: { capabilities: { add, drop: ['ALL'] } } });

  test('added capabilities must be allowed or default-added; * allows all', () => {
    expect(violations({}, adding('NET_ADMIN'))).toEqual(['containers[0].securityContext.capabilities.add[0]: capability NET_ADMIN may not be added [spec.allowedCapabilities]']);
    expect(admits({ allowedCapabilities: ['NET_ADMIN'] }, adding('NET_ADMIN'))).toBe(true);
    expect(admits({ defaultAddCapabilities: ['NET_ADMIN'] }, adding('NET_ADMIN'))).toBe(true);
    expect(admits({ allowedCapabilities: ['*'] }, adding('SYS_ADMIN', 'NET_RAW'))).toBe(true);
  });

  test('names compare exactly, as admission compared them', () => {
    expect(admits({ allowedCapabilities: ['NET_ADMIN'] }, adding('net_admin'))).toBe(false);
    expect(admits({ allowedCapabilities: ['NET_ADMIN'] }, adding('CAP_NET_ADMIN'))).toBe(false);
  });

  test('requiredDropCapabilities and defaultAddCapabilities are defaults: they change the pod, never reject it', () => {
    expect(evaluate({ requiredDropCapabilities: ['ALL'] }, pod())).toMatchObject({ violations: [], mutated: true });
    expect(evaluate({ requiredDropCapabilities: ['ALL'] }, adding())).toMatchObject({ violations: [], mutated: false });
    expect(evaluate({ defaultAddCapabilities: ['CHOWN'] }, pod())).toMatchObject({ violations: [], mutated: true });
    // A container dropping a default-added capability does not get it.
    expect(evaluate({ defaultAddCapabilities: ['CHOWN'] }, pod({}, { securityContext: { capabilities: { drop: ['CHOWN'] } } }))).toMatchObject({ mutated: false });
  });
});

describe('readOnlyRootFilesystem', () => {
  test('unset is defaulted to true; false is rejected', () => {
    expect(evaluate({ readOnlyRootFilesystem: true }, pod())).toMatchObject({ violations: [], mutated: true });
    expect(violations({ readOnlyRootFilesystem: true }, pod({}, { securityContext: { readOnlyRootFilesystem: false } }))).toEqual([
      'containers[0].securityContext.readOnlyRootFilesystem: ReadOnlyRootFilesystem must be set to true [spec.readOnlyRootFilesystem]',
    ]);
    expect(admits({}, pod({}, { securityContext: { readOnlyRootFilesystem: false } }))).toBe(true);
  });
});

describe('allowPrivilegeEscalation and defaultAllowPrivilegeEscalation', () => {
  test('allowPrivilegeEscalation: false rejects only an explicit true (unset is defaulted to false)', () => {
    expect(evaluate({ allowPrivilegeEscalation: false }, pod())).toMatchObject({ violations: [], mutated: true });
    expect(violations({ allowPrivilegeEscalation: false }, pod({}, { securityContext: { allowPrivilegeEscalation: true } }))).toEqual([
      'containers[0].securityContext.allowPrivilegeEscalation: Allowing privilege escalation for containers is not allowed [spec.allowPrivilegeEscalation]',
    ]);
  });

  test('unset allowPrivilegeEscalation in the policy means true; the default fills unset containers', () => {
    expect(admits({}, pod({}, { securityContext: { allowPrivilegeEscalation: true } }))).toBe(true);
    expect(evaluate({ defaultAllowPrivilegeEscalation: false }, pod())).toMatchObject({ violations: [], mutated: true });
    expect(evaluate({}, pod())).toMatchObject({ violations: [], mutated: false });
  });
});

describe('seLinux', () => {
  const mustRunAs = { seLinux: { rule: 'MustRunAs', seLinuxOptions: { user: 'system_u', role: 'system_r', type: 'container_t', level: 's0:c1,c2' } } };
  const options = { user: 'system_u', role: 'system_r', type: 'container_t', level: 's0:c2,c1' };

  test('MustRunAs: unset is defaulted; set must match field by field (level categories in any order)', () => {
    expect(evaluate(mustRunAs, pod())).toMatchObject({ violations: [], mutated: true });
    expect(admits(mustRunAs, pod({ securityContext: { seLinuxOptions: options } }))).toBe(true);
    expect(violations(mustRunAs, pod({ securityContext: { seLinuxOptions: { ...options, type: 'spc_t' } } }))).toEqual([
      'securityContext.seLinuxOptions.type: seLinuxOptions.type must be container_t [spec.seLinux.seLinuxOptions.type]',
    ]);
    expect(violations(mustRunAs, pod({}, { securityContext: { seLinuxOptions: { level: 's1:c1,c2' } } }))).toEqual([
      'containers[0].securityContext.seLinuxOptions.level: seLinuxOptions.level must be s0:c1,c2 [spec.seLinux.seLinuxOptions.level]',
      'containers[0].securityContext.seLinuxOptions.role: seLinuxOptions.role must be system_r [spec.seLinux.seLinuxOptions.role]',
      'containers[0].securityContext.seLinuxOptions.type: seLinuxOptions.type must be container_t [spec.seLinux.seLinuxOptions.type]',
      'containers[0].securityContext.seLinuxOptions.user: seLinuxOptions.user must be system_u [spec.seLinux.seLinuxOptions.user]',
    ]);
  });

  test('RunAsAny allows any options', () => {
    expect(admits({}, pod({ securityContext: { seLinuxOptions: { type: 'spc_t' } } }))).toBe(true);
  });
});

describe('allowedProcMountTypes', () => {
  test('empty means Default only', () => {
    const unmasked = pod({}, { securityContext: { procMount: 'Unmasked' } });
    expect(violations({}, unmasked)).toEqual(['containers[0].securityContext.procMount: ProcMountType Unmasked is not allowed [spec.allowedProcMountTypes]']);
    expect(admits({ allowedProcMountTypes: ['Default', 'Unmasked'] }, unmasked)).toBe(true);
    expect(admits({}, pod({}, { securityContext: { procMount: 'Default' } }))).toBe(true);
  });
});

describe('sysctls', () => {
  const withSysctls = (...names: string[]) => pod({ securityContext: { sysctls: names.map((name) => ({ name, value: '1' })) } });

  test('safe sysctls pass; unsafe ones need allowedUnsafeSysctls; forbiddenSysctls wins', () => {
    expect(admits({}, withSysctls('net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced'))).toBe(true);
    expect(violations({}, withSysctls('net.core.somaxconn'))).toEqual(['securityContext.sysctls[0].name: unsafe sysctl "net.core.somaxconn" is not allowed [spec.allowedUnsafeSysctls]']);
    expect(admits({ allowedUnsafeSysctls: ['net.core.*'] }, withSysctls('net.core.somaxconn'))).toBe(true);
    expect(admits({ allowedUnsafeSysctls: ['*'] }, withSysctls('kernel.msgmax'))).toBe(true);
    expect(violations({ forbiddenSysctls: ['net.ipv4.*'] }, withSysctls('net.ipv4.ip_local_port_range'))).toEqual([
      'securityContext.sysctls[0].name: sysctl "net.ipv4.ip_local_port_range" is not allowed [spec.forbiddenSysctls]',
    ]);
  });
});

describe('runtimeClass', () => {
  const strategy = { runtimeClass: { allowedRuntimeClassNames: ['gvisor'], defaultRuntimeClassName: 'gvisor' } };

  test('unset is allowed (and defaulted); set must be listed; * allows all; no strategy: anything', () => {
    expect(evaluate(strategy, pod())).toMatchObject({ violations: [], mutated: true });
    expect(admits(strategy, pod({ runtimeClassName: 'gvisor' }))).toBe(true);
    expect(violations(strategy, pod({ runtimeClassName: 'kata' }))).toEqual(['runtimeClassName: RuntimeClass "kata" is not allowed (allowed: gvisor) [spec.runtimeClass.allowedRuntimeClassNames]']);
    expect(admits({ runtimeClass: { allowedRuntimeClassNames: ['*'] } }, pod({ runtimeClassName: 'kata' }))).toBe(true);
    expect(admits({}, pod({ runtimeClassName: 'kata' }))).toBe(true);
    expect(admits({ runtimeClass: { allowedRuntimeClassNames: [] } }, pod({ runtimeClassName: 'kata' }))).toBe(false);
  });
});

describe('seccomp annotations', () => {
  const runtimeDefault = { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } };

  test('without allowedProfileNames a pod may set no profile (annotation or field)', () => {
    expect(admits({}, pod())).toBe(true);
    expect(violations({}, pod(runtimeDefault))).toEqual([
      'securityContext.seccompProfile: seccomp may not be set: the policy allows no seccomp profile, and runtime/default is set [metadata.annotations["seccomp.security.alpha.kubernetes.io/allowedProfileNames"]]',
    ]);
    expect(violations({}, pod({}, {}, { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' }))[0]).toMatch(/^metadata\.annotations\["seccomp\.security\.alpha\.kubernetes\.io\/pod"\]: seccomp may not be set/);
  });

  test('allowed profiles, the wildcard, and the default profile', () => {
    const allowed = { annotations: { [SECCOMP_ALLOWED]: 'runtime/default,localhost/audit.json' } };
    expect(admits({}, pod(runtimeDefault), allowed)).toBe(true);
    expect(admits({}, pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'audit.json' } } }), allowed)).toBe(true);
    expect(violations({}, pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }), allowed)).toEqual([
      'securityContext.seccompProfile: unconfined is not an allowed seccomp profile. Valid values are runtime/default,localhost/audit.json [metadata.annotations["seccomp.security.alpha.kubernetes.io/allowedProfileNames"]]',
    ]);
    // With an allowed list and no default, a pod must set a profile.
    expect(violations({}, pod(), allowed)[0]).toContain('no profile is not an allowed seccomp profile');
    expect(evaluate({}, pod(), { annotations: { ...allowed.annotations, [SECCOMP_DEFAULT]: 'runtime/default' } })).toMatchObject({ violations: [], mutated: true });
    expect(admits({}, pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }), { annotations: { [SECCOMP_ALLOWED]: '*' } })).toBe(true);
  });

  test('a container profile (annotation or own field) is judged for the container', () => {
    const allowed = { annotations: { [SECCOMP_ALLOWED]: 'runtime/default', [SECCOMP_DEFAULT]: 'runtime/default' } };
    expect(violations({}, pod({}, { securityContext: { seccompProfile: { type: 'Unconfined' } } }), allowed)).toEqual([
      'containers[0].securityContext.seccompProfile: unconfined is not an allowed seccomp profile. Valid values are runtime/default [metadata.annotations["seccomp.security.alpha.kubernetes.io/allowedProfileNames"]]',
    ]);
    expect(violations({}, pod({}, {}, { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' }), allowed)).toHaveLength(1);
  });
});

describe('AppArmor annotations', () => {
  test('without allowedProfileNames anything goes', () => {
    expect(admits({}, pod({}, { securityContext: { appArmorProfile: { type: 'Unconfined' } } }))).toBe(true);
  });

  test('allowed profiles, must be set, the default, the field and the annotation', () => {
    const allowed = { annotations: { [APPARMOR_ALLOWED]: 'runtime/default' } };
    expect(violations({}, pod(), allowed)).toEqual(['containers[0].securityContext.appArmorProfile: AppArmor profile must be set [metadata.annotations["apparmor.security.beta.kubernetes.io/allowedProfileNames"]]']);
    expect(admits({}, pod({}, { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }), allowed)).toBe(true);
    expect(admits({}, pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }), allowed)).toBe(true);
    expect(violations({}, pod({}, {}, { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }), allowed)).toEqual([
      'metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]: unconfined is not an allowed profile. Allowed values: "runtime/default" [metadata.annotations["apparmor.security.beta.kubernetes.io/allowedProfileNames"]]',
    ]);
    expect(evaluate({}, pod(), { annotations: { ...allowed.annotations, [APPARMOR_DEFAULT]: 'runtime/default' } })).toMatchObject({ violations: [], mutated: true });
  });
});

describe('odd input never throws', () => {
  test.each([
    [{ containers: 'none' }],
    [{ containers: [null, 3, { securityContext: 'x' }] }],
    [{ securityContext: { sysctls: [null, { name: 3 }], supplementalGroups: ['a'] }, volumes: [null, { hostPath: 'x' }], containers: [{ ports: [null, { hostPort: '80' }] }] }],
  ])('%j', (spec) => {
    expect(() => evaluate({ allowedHostPaths: [{ pathPrefix: '/x' }], runAsUser: { rule: 'MustRunAsNonRoot' } }, { spec, metadata: { annotations: null } })).not.toThrow();
  });
});
