/**
 * Every Pod Security Admission control, for each supported Kubernetes version, at both levels,
 * and (for container controls) in each of the three container lists.
 */
import { evaluatePodSecurity } from '../../../src/analysis/pss';
import { CONTAINER_LISTS } from '../../../src/model/workload';
import { CASES, runs } from './cases';
import { check, hardenedPod, VERSIONS } from './pods';

describe.each(CASES)('$name', (testCase) => {
  const rows = VERSIONS.flatMap((version) => runs(testCase).map((list) => [version, list] as const));
  test.each(rows)('v%s, %s', (version, list) => {
    const minor = Number(version.split('.')[1]);
    const active = testCase.since === undefined || minor >= testCase.since;
    const spec = testCase.pod(list);
    expect(check(spec, 'baseline', version, testCase.metadata)).toEqual(active ? testCase.baseline(list, minor) : []);
    expect(check(spec, 'restricted', version, testCase.metadata)).toEqual(active ? testCase.restricted(list, minor) : []);
  });
});

describe('the hardened pod', () => {
  test.each(VERSIONS.flatMap((v) => CONTAINER_LISTS.map((l) => [v, l] as const)))('passes restricted at v%s with a container in %s', (version, list) => {
    expect(check(hardenedPod({ list }), 'restricted', version)).toEqual([]);
  });
});

describe('messages', () => {
  test('are the API server’s, with the level and version', () => {
    const [v] = evaluatePodSecurity(hardenedPod({ container: { securityContext: { allowPrivilegeEscalation: true } } }), {}, 'restricted', '1.36');
    expect(v.message).toBe('violates PodSecurity "restricted:v1.36": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)');
    expect(v.controlLevel).toBe('restricted');
    expect(v.container).toEqual({ list: 'containers', index: 0, name: 'app' });
  });

  test('warn mode and latest', () => {
    const [v] = evaluatePodSecurity(hardenedPod({ pod: { hostPID: true } }), {}, 'baseline', 'latest', { mode: 'warn' });
    expect(v.message).toBe('would violate PodSecurity "baseline:latest": host namespaces (hostPID=true)');
  });

  test('a container without a name is named by its position', () => {
    const spec = { containers: [{ image: 'x', securityContext: { privileged: true } }] };
    expect(check(spec, 'baseline', '1.36')[0].detail).toBe('container "containers[0]" must not set securityContext.privileged=true');
  });
});
