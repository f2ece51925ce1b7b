/** Problems of the policies themselves: what the API server refused (invalid) and what is unsafe. */
import { invalidPolicyProblems, unsafePolicyProblems } from '../../../src/analysis/psp';
import { formatPath } from '../../../src/model/path';
import { OPEN_SPEC, policyObject, type Json } from './helpers';

const RESTRICTED: Json = {
  allowPrivilegeEscalation: false,
  requiredDropCapabilities: ['ALL'],
  runAsUser: { rule: 'MustRunAsNonRoot' },
  volumes: ['configMap', 'secret', 'emptyDir', 'projected'],
};

function invalid(spec: Json, annotations?: Record<string, string>): string[] {
  return invalidPolicyProblems(policyObject(spec, { annotations })).map((p) => `${formatPath(p.path)}: ${p.message}${p.blocking ? '' : ' (accepted)'}`);
}

function unsafe(spec: Json, annotations?: Record<string, string>): string[] {
  return unsafePolicyProblems(policyObject({ ...RESTRICTED, ...spec }, { annotations })).map((p) => `${formatPath(p.path)}: ${p.message}`);
}

describe('invalid policies', () => {
  test('a valid policy has no problem', () => {
    expect(invalid(RESTRICTED)).toEqual([]);
    expect(invalid({})).toEqual([]);
  });

  test('ID ranges: negative or min above max', () => {
    expect(invalid({ runAsUser: { rule: 'MustRunAs', ranges: [{ min: 2000, max: 1000 }] } })).toEqual(['spec.runAsUser.ranges[0].min: min cannot be greater than max (range 2000-1000)']);
    expect(invalid({ fsGroup: { rule: 'MayRunAs', ranges: [{ min: -1, max: 10 }] } })).toEqual(['spec.fsGroup.ranges[0].min: min cannot be negative (range -1-10)']);
    expect(invalid({ supplementalGroups: { rule: 'RunAsAny', ranges: [{ min: 1, max: -10 }] } })).toEqual(['spec.supplementalGroups.ranges[0].max: max cannot be negative (range 1--10)']);
  });

  test('strategies that need settings they lack', () => {
    expect(invalid({ runAsUser: { rule: 'MustRunAs' } })).toEqual(['spec.runAsUser: runAsUser MustRunAs requires at least one range']);
    expect(invalid({ runAsGroup: { rule: 'MayRunAs', ranges: [] } })).toEqual(['spec.runAsGroup: runAsGroup MayRunAs requires at least one range']);
    expect(invalid({ fsGroup: { rule: 'MustRunAs' }, supplementalGroups: { rule: 'MustRunAs' } })).toHaveLength(2);
    expect(invalid({ seLinux: { rule: 'MustRunAs' } })).toEqual(['spec.seLinux: seLinux MustRunAs requires seLinuxOptions']);
    expect(invalid({ runAsUser: { rule: 'MayRunAs' } })).toEqual(['spec.runAsUser.rule: runAsUser.rule must be one of MustRunAs, MustRunAsNonRoot, RunAsAny']);
  });

  test('host port ranges were not validated: only min above max is reported (it matches no port)', () => {
    expect(invalid({ hostPorts: [{ min: 9000, max: 8000 }, { min: 1, max: 65536 }, { min: 0, max: 65535 }] })).toEqual([
      'spec.hostPorts[0].min: min cannot be greater than max (range 9000-8000 matches no port) (accepted)',
    ]);
  });

  test('capabilities allowed or default-added and also required to drop', () => {
    expect(invalid({ allowedCapabilities: ['NET_ADMIN'], requiredDropCapabilities: ['NET_ADMIN'] })).toEqual([
      'spec.allowedCapabilities[0]: capability NET_ADMIN is listed in allowedCapabilities and requiredDropCapabilities',
    ]);
    expect(invalid({ defaultAddCapabilities: ['CHOWN'], requiredDropCapabilities: ['CHOWN'] })).toEqual(['spec.defaultAddCapabilities[0]: capability CHOWN is listed in defaultAddCapabilities and requiredDropCapabilities']);
    expect(invalid({ allowedCapabilities: ['*'], requiredDropCapabilities: ['ALL'] })).toEqual([
      'spec.requiredDropCapabilities: requiredDropCapabilities must be empty when all capabilities are allowed by a wildcard (allowedCapabilities: ["*"])',
    ]);
    // The API server compared names exactly.
    expect(invalid({ allowedCapabilities: ['net_admin'], requiredDropCapabilities: ['NET_ADMIN'] })).toEqual([]);
  });

  test('privilege escalation, host paths, sysctls, RuntimeClass, profile names', () => {
    expect(invalid({ allowPrivilegeEscalation: false, defaultAllowPrivilegeEscalation: true })).toEqual([
      'spec.defaultAllowPrivilegeEscalation: Cannot set DefaultAllowPrivilegeEscalation to true without also setting AllowPrivilegeEscalation to true',
    ]);
    expect(invalid({ allowedHostPaths: [{ pathPrefix: '' }, { pathPrefix: '/var/../etc' }] })).toEqual([
      'spec.allowedHostPaths[0].pathPrefix: pathPrefix is required',
      'spec.allowedHostPaths[1].pathPrefix: pathPrefix "/var/../etc" must not contain \'..\'',
    ]);
    expect(invalid({ allowedUnsafeSysctls: ['a.*.b'] })[0]).toMatch(/^spec\.allowedUnsafeSysctls\[0\]: "a\.\*\.b" must have at most 253 characters/);
    expect(invalid({ forbiddenSysctls: ['*', 'net.core.somaxconn'] })).toEqual(["spec.forbiddenSysctls: if '*' is present in forbiddenSysctls, it must be the only entry"]);
    expect(invalid({ allowedUnsafeSysctls: ['kernel.shmmax'], forbiddenSysctls: ['kernel.*'] })).toEqual(['spec.allowedUnsafeSysctls[0]: sysctl kernel.shmmax overlaps with forbidden kernel.*']);
    expect(invalid({ allowedUnsafeSysctls: ['net.*'], forbiddenSysctls: ['net.core.somaxconn'] })).toEqual(['spec.forbiddenSysctls[0]: sysctl net.core.somaxconn overlaps with allowed net.*']);
    expect(invalid({ runtimeClass: { allowedRuntimeClassNames: ['gvisor'], defaultRuntimeClassName: 'kata' } })).toEqual([
      'spec.runtimeClass.defaultRuntimeClassName: the default "kata" must be allowed by allowedRuntimeClassNames',
    ]);
    expect(invalid({ runtimeClass: { allowedRuntimeClassNames: ['*', 'gvisor', 'Bad_Name'] } })).toHaveLength(2);
    expect(invalid({}, { 'seccomp.security.alpha.kubernetes.io/allowedProfileNames': 'runtime/default,not-good', 'seccomp.security.alpha.kubernetes.io/defaultProfileName': '*' })).toHaveLength(2);
    expect(invalid({}, { 'seccomp.security.alpha.kubernetes.io/allowedProfileNames': 'runtime/default,docker/default,unconfined,localhost/a/b.json,*' })).toEqual([]);
    expect(invalid({}, { 'apparmor.security.beta.kubernetes.io/allowedProfileNames': 'runtime/default,not-good' })).toEqual([
      'metadata.annotations["apparmor.security.beta.kubernetes.io/allowedProfileNames"]: invalid AppArmor profile name: "not-good" (use runtime/default, unconfined or localhost/<name>)',
    ]);
  });

  test('odd input never throws', () => {
    for (const spec of [{ runAsUser: 'x' }, { hostPorts: [null, { min: 'a' }] }, { allowedHostPaths: 'x', runtimeClass: [] }, { allowedCapabilities: [1, null] }]) {
      expect(() => invalidPolicyProblems({ spec: { ...OPEN_SPEC, ...spec }, metadata: null })).not.toThrow();
      expect(() => unsafePolicyProblems({ spec: { ...OPEN_SPEC, ...spec } })).not.toThrow();
    }
  });
});

describe('unsafe policies', () => {
  test('a restricted policy is not unsafe', () => {
    expect(unsafe({})).toEqual([]);
    expect(unsafe({ allowedCapabilities: ['NET_BIND_SERVICE'], volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/var/log', readOnly: true }, { pathPrefix: '/data' }] })).toEqual([]);
  });

  test('privileged, host namespaces, capabilities', () => {
    expect(unsafe({ privileged: true, hostNetwork: true, hostPID: true, hostIPC: true }).map((p) => p.split(':')[0])).toEqual(['spec.privileged', 'spec.hostNetwork', 'spec.hostPID', 'spec.hostIPC']);
    expect(unsafe({ allowedCapabilities: ['*'] })).toEqual(['spec.allowedCapabilities[0]: allows adding every capability (*): containers can be made nearly privileged; list the few capabilities workloads need']);
    expect(unsafe({ allowedCapabilities: ['NET_BIND_SERVICE', 'SYS_ADMIN'], defaultAddCapabilities: ['CAP_NET_RAW'] }).map((p) => p.split(':')[0])).toEqual(['spec.allowedCapabilities[1]', 'spec.defaultAddCapabilities[0]']);
    // The same table as security/dangerous-capability: what a policy allows is judged like what a container adds.
    expect(unsafe({ allowedCapabilities: ['SYSLOG'] })).toEqual(['spec.allowedCapabilities[0]: allows adding SYSLOG to every container it admits (reading the kernel log, which leaks kernel addresses used by exploits)']);
  });

  test('host paths: any path, / and sensitive prefixes', () => {
    expect(unsafe({ volumes: ['*'] })[0]).toMatch(/^spec\.volumes\[0\]: allows every volume type, including hostPath volumes of any host path/);
    expect(unsafe({ volumes: ['secret', 'hostPath'] })[0]).toMatch(/^spec\.volumes\[1\]: allows hostPath volumes of any host path/);
    expect(unsafe({ volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/' }] })).toEqual([
      'spec.allowedHostPaths[0].pathPrefix: allows writable mounts of the whole node filesystem: a pod can take over the node; narrow the prefix or set readOnly: true',
    ]);
    expect(unsafe({ volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/var' }, { pathPrefix: '/etc/ssl', readOnly: true }, { pathPrefix: '/var/run', readOnly: true }] })).toEqual([
      'spec.allowedHostPaths[0].pathPrefix: allows writable mounts of /var, which contains /var/lib/kubelet: a pod can take over the node; narrow the prefix or set readOnly: true',
      'spec.allowedHostPaths[2].pathPrefix: allows mounting /var/run, which contains /var/run/docker.sock even read-only: it holds node credentials or the container runtime socket',
    ]);
    // A node agent's own directories under /etc and /run are not the node's system.
    expect(unsafe({ volumes: ['hostPath'], allowedHostPaths: [{ pathPrefix: '/etc/cni/net.d' }, { pathPrefix: '/run/flannel' }, { pathPrefix: '/etc' }, { pathPrefix: '/etc/kubernetes/pki' }] }).map((p) => p.split(':')[0])).toEqual([
      'spec.allowedHostPaths[2].pathPrefix',
      'spec.allowedHostPaths[3].pathPrefix',
    ]);
    // allowedHostPaths without hostPath volumes has no effect.
    expect(unsafe({ allowedHostPaths: [{ pathPrefix: '/' }] })).toEqual([]);
  });

  test('root, privilege escalation, sysctls, /proc, seccomp, AppArmor', () => {
    expect(unsafe({ runAsUser: { rule: 'RunAsAny' } })[0]).toMatch(/^spec\.runAsUser\.rule: allows containers to run as root/);
    expect(unsafe({ runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 2000 }, { min: 0, max: 0 }] } })[0]).toMatch(/^spec\.runAsUser\.ranges\[1\]: allows containers to run as root/);
    expect(unsafe({ allowPrivilegeEscalation: true })[0]).toMatch(/^spec\.allowPrivilegeEscalation: allows privilege escalation:/);
    const { allowPrivilegeEscalation: _unset, ...withoutApe } = RESTRICTED;
    expect(unsafePolicyProblems(policyObject(withoutApe)).map((p) => `${formatPath(p.path)}: ${p.message}`)[0]).toMatch(/^spec: allows privilege escalation \(allowPrivilegeEscalation is unset, which means true\)/);
    expect(unsafe({ allowedUnsafeSysctls: ['*'], allowedProcMountTypes: ['Default', 'Unmasked'] }).map((p) => p.split(':')[0])).toEqual(['spec.allowedUnsafeSysctls[0]', 'spec.allowedProcMountTypes[1]']);
    expect(unsafe({}, { 'seccomp.security.alpha.kubernetes.io/allowedProfileNames': '*' })).toHaveLength(1);
    expect(unsafe({}, { 'seccomp.security.alpha.kubernetes.io/allowedProfileNames': 'runtime/default,unconfined' })).toHaveLength(1);
    expect(unsafe({}, { 'apparmor.security.beta.kubernetes.io/allowedProfileNames': 'unconfined' })).toHaveLength(1);
  });
});
