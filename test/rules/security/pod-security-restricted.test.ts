import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testRule } from '../../helpers/rule-tester';
import { brief, lintPss, PSS_RULES } from './pss-helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'pss');
const fixture = (name: string): Record<string, string> => ({ [name]: readFileSync(join(FIXTURES, name), 'utf8') });

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n';
const HARDENED =
  POD_HEAD +
  '  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop: [ALL]\n          add: [NET_BIND_SERVICE]\n';

testRule(
  'security/pod-security-restricted',
  {
    valid: [
      HARDENED,
      // a pod-level runAsNonRoot and seccompProfile cover the init and ephemeral containers too
      HARDENED +
        '  initContainers:\n    - name: init\n      image: busybox\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
      // Windows pods are exempt from the Linux-only controls, and run as non-root through the pod
      POD_HEAD + '  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
    ],
    invalid: [
      {
        name: 'a bare container: four restricted controls, at the container',
        code: POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n',
        errors: [
          { line: 7, column: 7, path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', message: 'would violate PodSecurity "restricted:v1.36": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)' },
          { line: 7, column: 7, path: 'spec.containers[0].securityContext.runAsNonRoot', message: '(pod or container "app" must set securityContext.runAsNonRoot=true)' },
          { line: 7, column: 7, path: 'spec.containers[0].securityContext.seccompProfile', message: 'seccompProfile (pod or container "app"' },
          { line: 7, column: 7, path: 'spec.containers[0].securityContext.capabilities.drop', message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])' },
        ],
      },
      {
        name: 'the pod-level value is reported once, not per container',
        code: HARDENED.replace('runAsNonRoot: true', 'runAsNonRoot: false') + '    - name: side\n      image: nginx\n      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n',
        errors: [{ line: 7, column: 19, path: 'spec.securityContext.runAsNonRoot', message: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)' }],
      },
      {
        name: 'a container overriding a good pod-level value is flagged at its own field',
        code: HARDENED.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n        runAsNonRoot: false\n        runAsUser: 0'),
        errors: [
          { line: 15, column: 23, path: 'spec.containers[0].securityContext.runAsNonRoot', message: '(container "app" must not set securityContext.runAsNonRoot=false)' },
          { line: 16, column: 20, path: 'spec.containers[0].securityContext.runAsUser', message: 'runAsUser=0 (container "app" must not set runAsUser=0)' },
        ],
      },
      {
        name: 'a restricted volume type and an init container without capabilities dropped',
        code:
          HARDENED +
          '  initContainers:\n    - name: init\n      image: busybox\n      securityContext: {allowPrivilegeEscalation: false}\n  volumes:\n    - name: data\n      nfs: {server: nfs.example, path: /exports}\n',
        errors: [
          { line: 21, column: 7, path: 'spec.initContainers[0].securityContext.capabilities.drop', message: '(container "init" must set securityContext.capabilities.drop=["ALL"])' },
          { line: 24, column: 7, path: 'spec.volumes[0].nfs', message: 'restricted volume types (volume "data" uses restricted volume type "nfs")' },
        ],
      },
    ],
  },
  PSS_RULES,
);

describe('security/pod-security-restricted: no duplicates with security/pod-security', () => {
  test('a control family already enforced for a container is not repeated as advice', () => {
    const code = POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        seccompProfile: {type: Unconfined}\n        capabilities: {add: [SYS_ADMIN]}\n  volumes:\n    - name: host\n      hostPath: {path: /}\n';
    expect(brief(lintPss({ 'p.yaml': code }))).toEqual([
      '9:7 pod-security-restricted spec.containers[0].securityContext.allowPrivilegeEscalation would violate PodSecurity "restricted:v1.36": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
      '9:7 pod-security-restricted spec.containers[0].securityContext.runAsNonRoot would violate PodSecurity "restricted:v1.36": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
      '10:32 pod-security spec.containers[0].securityContext.seccompProfile.type violates PodSecurity "baseline:v1.36": seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")',
      '11:30 pod-security spec.containers[0].securityContext.capabilities.add[0] violates PodSecurity "baseline:v1.36": non-default capabilities (container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
      '14:7 pod-security spec.volumes[0].hostPath violates PodSecurity "baseline:v1.36": hostPath volumes (volume "host")',
    ]);
  });

  test('nothing is advised where restricted is enforced, or where privileged is the default', () => {
    const code = POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n';
    expect(lintPss({ 'p.yaml': code }, { level: 'restricted', rule: 'security/pod-security-restricted' })).toEqual([]);
    expect(lintPss({ 'p.yaml': code }, { level: 'privileged', rule: 'security/pod-security-restricted' })).toEqual([]);
  });
});

describe('namespace labels, end to end (test/fixtures/pss)', () => {
  test('enforce, enforce-version, warn and audit labels', () => {
    const files = { ...fixture('namespaces.yaml'), ...fixture('workloads.yaml') };
    expect(lintPss(files).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message.replace(/ \(.*/, '')}`)).toEqual([
      'workloads.yaml:10:11 error violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
      'workloads.yaml:10:11 error violates PodSecurity "restricted:latest": runAsNonRoot != true',
      'workloads.yaml:10:11 error violates PodSecurity "restricted:latest": seccompProfile',
      'workloads.yaml:10:11 error violates PodSecurity "restricted:latest": unrestricted capabilities',
      'workloads.yaml:13:41 error violates PodSecurity "restricted:latest": probe or lifecycle host',
      'workloads.yaml:24:11 warning would violate PodSecurity "restricted:v1.33": allowPrivilegeEscalation != false',
      'workloads.yaml:24:11 warning would violate PodSecurity "restricted:v1.33": runAsNonRoot != true',
      'workloads.yaml:24:11 warning would violate PodSecurity "restricted:v1.33": seccompProfile',
      'workloads.yaml:24:11 warning would violate PodSecurity "restricted:v1.33": unrestricted capabilities',
      'workloads.yaml:27:41 warning would violate PodSecurity "baseline:latest": probe or lifecycle host',
      'workloads.yaml:37:20 warning would violate PodSecurity "baseline:v1.36": host namespaces',
      'workloads.yaml:38:16 warning would violate PodSecurity "baseline:v1.36": host namespaces',
    ]);
  });

  test('user namespaces: the 1.35 relaxations', () => {
    const files = fixture('user-namespace.yaml');
    const run = (version: string): string[] => lintPss(files, { version, level: 'restricted' }).map((f) => `${f.line} ${f.message.replace(/ \(.*/, '')}`);
    expect(run('1.34')).toEqual([
      '12 violates PodSecurity "restricted:v1.34": runAsUser=0',
      '18 violates PodSecurity "restricted:v1.34": runAsNonRoot != true',
      '22 violates PodSecurity "restricted:v1.34": procMount',
    ]);
    expect(run('1.35')).toEqual(['22 violates PodSecurity "restricted:v1.35": procMount']);
    expect(lintPss(files, { version: '1.35', level: 'baseline', rule: 'security/pod-security' })).toEqual([]);
  });
});
