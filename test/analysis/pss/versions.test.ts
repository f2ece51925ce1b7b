/** Policy-version boundaries, including pinned versions older than the supported clusters. */
import { checksFor, effectiveMinor, evaluatePodSecurity, parseLabelVersion, parseVersion } from '../../../src/analysis/pss';
import { check, hardenedPod, VERSIONS } from './pods';

const controls = (spec: unknown, level: 'baseline' | 'restricted', version: string, metadata: unknown = {}): string[] => check(spec, level, version, metadata).map((v) => v.control);

describe('user namespaces (hostUsers: false)', () => {
  const rootInUserNamespace = hardenedPod({ pod: { hostUsers: false, securityContext: { runAsNonRoot: null, runAsUser: 0 } }, container: { securityContext: { procMount: 'Unmasked' } } });

  test.each([
    ['1.33', ['procMount'], ['runAsNonRoot', 'runAsUser', 'procMount']],
    ['1.34', ['procMount'], ['runAsNonRoot', 'runAsUser', 'procMount']],
    ['1.35', [], ['procMount_restricted']],
    ['1.36', [], ['procMount_restricted']],
  ])('v%s: baseline %j, restricted %j', (version, baseline, restricted) => {
    expect(controls(rootInUserNamespace, 'baseline', version)).toEqual(baseline);
    expect(controls(rootInUserNamespace, 'restricted', version).sort()).toEqual([...restricted].sort());
  });

  test('hostUsers: true or unset relaxes nothing', () => {
    for (const hostUsers of [true, null, 'false']) {
      const spec = hardenedPod({ pod: { hostUsers, securityContext: { runAsUser: 0 } } });
      expect(controls(spec, 'restricted', '1.36')).toEqual(['runAsUser']);
    }
  });

  test('capabilities are not relaxed for user-namespace pods', () => {
    const spec = hardenedPod({ pod: { hostUsers: false }, container: { securityContext: { capabilities: { add: ['SYS_ADMIN'] } } } });
    expect(controls(spec, 'baseline', '1.36')).toEqual(['capabilities_baseline']);
  });
});

describe('windows pods (spec.os.name: windows)', () => {
  const windows = { os: { name: 'windows' }, containers: [{ name: 'app', image: 'mcr.microsoft.com/windows/nanoserver' }] };

  test.each(VERSIONS)('v%s: privilege escalation, seccomp and capabilities are skipped; runAsNonRoot is not', (version) => {
    expect(controls(windows, 'restricted', version)).toEqual(['runAsNonRoot']);
  });

  test('a pinned v1.24 policy still checks them', () => {
    expect(controls(windows, 'restricted', 'v1.24').sort()).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
  });

  test('hostProcess is still baseline', () => {
    const spec = { ...windows, securityContext: { windowsOptions: { hostProcess: true } } };
    expect(controls(spec, 'baseline', '1.36')).toEqual(['windowsHostProcess']);
  });
});

describe('sysctls by policy version', () => {
  const withSysctl = (name: string): unknown => hardenedPod({ pod: { securityContext: { sysctls: [{ name, value: '1' }] } } });
  test.each([
    ['net.ipv4.ip_unprivileged_port_start', 0],
    ['net.ipv4.ip_local_reserved_ports', 27],
    ['net.ipv4.tcp_keepalive_time', 29],
    ['net.ipv4.tcp_fin_timeout', 29],
    ['net.ipv4.tcp_keepalive_intvl', 29],
    ['net.ipv4.tcp_keepalive_probes', 29],
    ['net.ipv4.tcp_rmem', 32],
    ['net.ipv4.tcp_wmem', 32],
  ])('%s is safe from v1.%i', (name, since) => {
    if (since > 0) expect(controls(withSysctl(name), 'baseline', `v1.${since - 1}`)).toEqual(['sysctls']);
    expect(controls(withSysctl(name), 'baseline', `v1.${since}`)).toEqual([]);
    for (const version of VERSIONS) expect(controls(withSysctl(name), 'baseline', version)).toEqual([]);
  });

  test.each(['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat', 'kernel.shm', 'net.core.somaxconn', ''])('%j is not safe at any supported version', (name) => {
    for (const version of VERSIONS) expect(controls(withSysctl(name), 'baseline', version)).toEqual(['sysctls']);
  });

  test('a sysctl without a readable name is forbidden', () => {
    const spec = hardenedPod({ pod: { securityContext: { sysctls: [{ value: '1' }, 'kernel.shm_rmid_forced'] } } });
    expect(check(spec, 'baseline', '1.36').map((v) => v.path)).toEqual(['securityContext.sysctls[0].name', 'securityContext.sysctls[1].name']);
  });
});

describe('SELinux types', () => {
  const withType = (type: string): unknown => hardenedPod({ container: { securityContext: { seLinuxOptions: { type } } } });
  test('container_engine_t is allowed from v1.31', () => {
    expect(controls(withType('container_engine_t'), 'baseline', 'v1.30')).toEqual(['seLinuxOptions']);
    for (const version of ['v1.31', ...VERSIONS]) expect(controls(withType('container_engine_t'), 'baseline', version)).toEqual([]);
  });
  test.each(['', 'container_t', 'container_init_t', 'container_kvm_t'])('%j is allowed', (type) => {
    expect(controls(withType(type), 'baseline', 'v1.0')).toEqual([]);
  });
});

describe('older pinned policy versions', () => {
  test('seccomp annotations before v1.19, fields from v1.19', () => {
    const annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/p.json' };
    const unconfinedField = hardenedPod({ container: { securityContext: { seccompProfile: { type: 'Unconfined' } } } });
    const v118 = check(unconfinedField, 'baseline', 'v1.18', { annotations });
    expect(v118).toEqual([
      { control: 'seccompProfile_baseline', path: 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]', detail: 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"' },
    ]);
    expect(controls(unconfinedField, 'baseline', 'v1.19', { annotations })).toEqual(['seccompProfile_baseline']);
    expect(check(unconfinedField, 'baseline', 'v1.19', { annotations })[0].path).toBe('containers[0].securityContext.seccompProfile.type');
  });

  test('restricted checks appear at their versions', () => {
    const bare = { containers: [{ name: 'app', image: 'x', securityContext: { runAsUser: 0 } }] };
    expect(controls(bare, 'restricted', 'v1.0')).toEqual(['runAsNonRoot']);
    expect(controls(bare, 'restricted', 'v1.8')).toEqual(['allowPrivilegeEscalation', 'runAsNonRoot']);
    expect(controls(bare, 'restricted', 'v1.19').sort()).toEqual(['allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_restricted']);
    expect(controls(bare, 'restricted', 'v1.22').sort()).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    expect(controls(bare, 'restricted', 'v1.23').sort()).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']);
  });

  test('before v1.22 restricted checks added capabilities with the baseline list', () => {
    const spec = hardenedPod({ container: { securityContext: { capabilities: { drop: [], add: ['CHOWN', 'SYS_ADMIN'] } } } });
    expect(check(spec, 'restricted', 'v1.21').map((v) => [v.control, v.detail])).toEqual([['capabilities_baseline', 'container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add']]);
    expect(controls(spec, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
  });

  test('the probe-host control does not exist before v1.34, even on a 1.36 cluster', () => {
    const spec = hardenedPod({ container: { startupProbe: { tcpSocket: { port: 1, host: 'db' } } } });
    expect(controls(spec, 'baseline', 'v1.33')).toEqual([]);
    expect(controls(spec, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
  });
});

describe('version resolution', () => {
  test('a newer policy than the cluster is evaluated as the cluster', () => {
    const spec = hardenedPod({ container: { livenessProbe: { httpGet: { port: 1, host: 'x' } } } });
    expect(evaluatePodSecurity(spec, {}, 'baseline', 'v1.40', { clusterVersion: '1.33' })).toEqual([]);
    expect(evaluatePodSecurity(spec, {}, 'baseline', 'latest', { clusterVersion: '1.33' })).toEqual([]);
    expect(evaluatePodSecurity(spec, {}, 'baseline', 'latest', { clusterVersion: '1.34' })).toHaveLength(1);
    expect(evaluatePodSecurity(spec, {}, 'baseline', 'v1.34', { clusterVersion: '1.36' })[0].message).toContain('"baseline:v1.34"');
  });

  test('parsing', () => {
    expect(parseLabelVersion('v1.30')).toBe(30);
    expect(parseLabelVersion('latest')).toBe('latest');
    for (const bad of ['1.30', 'v1.030', 'v2.0', 'v1.', '', 'LATEST', 3, null]) expect(parseLabelVersion(bad)).toBeUndefined();
    expect(parseVersion('1.36')).toBe(36);
    expect(parseVersion('v1.33.2')).toBe(33);
    expect(effectiveMinor('nonsense', '1.34')).toBe(34);
    expect(effectiveMinor('v1.99')).toBe(36);
    expect(effectiveMinor('v1.2', '1.34')).toBe(2);
  });

  test('each level has one implementation per check; restricted drops what it overrides', () => {
    const ids = (level: 'baseline' | 'restricted', minor: number): string[] => checksFor(level, minor).map((c) => c.id);
    expect(ids('baseline', 36)).toHaveLength(12);
    expect(ids('baseline', 33)).toHaveLength(11);
    const restricted = ids('restricted', 36);
    expect(restricted).toHaveLength(12 - 4 + 7);
    for (const gone of ['hostPathVolumes', 'seccompProfile_baseline', 'capabilities_baseline', 'procMount']) expect(restricted).not.toContain(gone);
    expect(ids('restricted', 34)).toContain('procMount');
    expect(new Set(restricted).size).toBe(restricted.length);
  });
});

describe('odd input', () => {
  const odd: unknown[] = [
    null,
    'pod',
    42,
    [],
    { containers: 'x' },
    { containers: [null, 'x', 3, { securityContext: 'x', ports: 'x', livenessProbe: 'x', lifecycle: { preStop: 3 } }] },
    { securityContext: { sysctls: 'x', seLinuxOptions: 'x', appArmorProfile: 3, windowsOptions: [] }, volumes: [null, 'x', { hostPath: null }], hostNetwork: 'true' },
    { containers: [{ securityContext: { capabilities: { add: 'SYS_ADMIN', drop: 'ALL' }, seLinuxOptions: { type: 7 }, procMount: null } }] },
  ];
  test.each(odd.map((o, i) => [i, o] as const))('#%i never throws at any level and version', (_i, spec) => {
    for (const version of [...VERSIONS, 'v1.0', 'latest', 'garbage']) {
      for (const level of ['baseline', 'restricted'] as const) {
        expect(() => evaluatePodSecurity(spec, spec, level, version)).not.toThrow();
      }
    }
  });

  test('a profile written as a string counts as set, with a forbidden type', () => {
    const spec = hardenedPod({ pod: { securityContext: { seccompProfile: 'RuntimeDefault' } } });
    expect(check(spec, 'restricted', '1.36')).toEqual([
      { control: 'seccompProfile_restricted', path: 'securityContext.seccompProfile.type', detail: 'pod must not set securityContext.seccompProfile.type to ""' },
    ]);
  });
});
