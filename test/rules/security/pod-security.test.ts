import { testRule } from '../../helpers/rule-tester';
import { brief, lintPss, PSS_RULES } from './pss-helpers';

const POD_HEAD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n';

testRule(
  'security/pod-security',
  {
    valid: [
      POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n',
      POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: false\n        capabilities:\n          add: [NET_BIND_SERVICE, CHOWN]\n',
      POD_HEAD + '  hostNetwork: false\n  securityContext:\n    seccompProfile:\n      type: Localhost\n      localhostProfile: p.json\n  containers:\n    - name: app\n      image: nginx\n',
      // not a workload
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  hostNetwork: "true"\n',
      // a custom resource with a pod-like spec is not evaluated
      'apiVersion: example.com/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      hostNetwork: true\n',
    ],
    invalid: [
      {
        name: 'privileged init container in a Pod',
        code: POD_HEAD + '  initContainers:\n    - name: setup\n      image: busybox\n      securityContext:\n        privileged: true\n  containers:\n    - name: app\n      image: nginx\n',
        errors: [
          {
            line: 10,
            column: 21,
            path: 'spec.initContainers[0].securityContext.privileged',
            message: 'violates PodSecurity "baseline:v1.36": privileged (container "setup" must not set securityContext.privileged=true)',
          },
        ],
      },
      {
        name: 'privileged ephemeral container in a Pod',
        code: POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext:\n        privileged: true\n',
        errors: [{ line: 13, column: 21, path: 'spec.ephemeralContainers[0].securityContext.privileged', message: '(container "debug" must not set securityContext.privileged=true)' }],
      },
      {
        name: 'Deployment: host network and a host port, at their fields',
        code: [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: web',
          'spec:',
          '  template:',
          '    spec:',
          '      hostNetwork: true',
          '      containers:',
          '        - name: app',
          '          image: nginx',
          '          ports:',
          '            - containerPort: 80',
          '              hostPort: 80',
          '',
        ].join('\n'),
        errors: [
          { line: 8, column: 20, path: 'spec.template.spec.hostNetwork', message: 'host namespaces (hostNetwork=true)' },
          { line: 14, column: 25, path: 'spec.template.spec.containers[0].ports[0].hostPort', message: 'hostPort (container "app" uses hostPort 80)' },
        ],
      },
      {
        name: 'CronJob: hostPath volume and an added capability',
        code: [
          'apiVersion: batch/v1',
          'kind: CronJob',
          'metadata:',
          '  name: backup',
          'spec:',
          '  schedule: "0 1 * * *"',
          '  jobTemplate:',
          '    spec:',
          '      template:',
          '        spec:',
          '          restartPolicy: OnFailure',
          '          containers:',
          '            - name: backup',
          '              image: busybox',
          '              securityContext:',
          '                capabilities:',
          '                  add: ["NET_ADMIN"]',
          '          volumes:',
          '            - name: host',
          '              hostPath:',
          '                path: /var/lib',
          '',
        ].join('\n'),
        errors: [
          { line: 17, column: 25, path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.add[0]', message: 'non-default capabilities (container "backup" must not include "NET_ADMIN" in securityContext.capabilities.add)' },
          { line: 20, column: 15, path: 'spec.jobTemplate.spec.template.spec.volumes[0].hostPath', message: 'hostPath volumes (volume "host")' },
        ],
      },
      {
        name: 'AppArmor annotation on a Deployment template',
        code: [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: web',
          'spec:',
          '  template:',
          '    metadata:',
          '      annotations:',
          '        container.apparmor.security.beta.kubernetes.io/app: unconfined',
          '    spec:',
          '      containers:',
          '        - name: app',
          '          image: nginx',
          '',
        ].join('\n'),
        errors: [{ line: 9, column: 61, path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]', message: 'forbidden AppArmor profile (annotation must not set AppArmor profile type to' }],
      },
      {
        name: 'probe host (1.34+) and pod-level Unconfined seccomp',
        code: POD_HEAD + '  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: app\n      image: nginx\n      readinessProbe:\n        httpGet:\n          port: 80\n          host: 169.254.169.254\n',
        errors: [
          { line: 8, column: 13, path: 'spec.securityContext.seccompProfile.type', message: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")' },
          { line: 15, column: 17, path: 'spec.containers[0].readinessProbe.httpGet.host', message: 'probe or lifecycle host (container "app" uses probe or lifecycle host "169.254.169.254")' },
        ],
      },
      {
        name: 'one finding per control per container (all hostPorts in one)',
        code: POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n      ports:\n        - {containerPort: 80, hostPort: 80}\n        - {containerPort: 443, hostPort: 443}\n    - name: side\n      image: nginx\n      ports:\n        - {containerPort: 9000, hostPort: 9000}\n',
        errors: [
          { line: 10, message: 'container "app" uses hostPorts 443, 80' },
          { line: 15, message: 'container "side" uses hostPort 9000' },
        ],
      },
    ],
  },
  PSS_RULES,
);

describe('security/pod-security: level and version', () => {
  const probeHost = POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n      livenessProbe:\n        tcpSocket:\n          port: 5432\n          host: db\n';

  test('the probe-host control applies from Kubernetes 1.34', () => {
    expect(lintPss({ 'p.yaml': probeHost }, { version: '1.33', rule: 'security/pod-security' })).toEqual([]);
    for (const version of ['1.34', '1.35', '1.36']) {
      expect(brief(lintPss({ 'p.yaml': probeHost }, { version, rule: 'security/pod-security' }))).toEqual([
        `12:17 pod-security spec.containers[0].livenessProbe.tcpSocket.host violates PodSecurity "baseline:v${version}": probe or lifecycle host (container "app" uses probe or lifecycle host "db")`,
      ]);
    }
  });

  test('procMount is relaxed for user-namespace pods from 1.35 at baseline', () => {
    const code = POD_HEAD + '  hostUsers: false\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        procMount: Unmasked\n';
    expect(brief(lintPss({ 'p.yaml': code }, { version: '1.34', rule: 'security/pod-security' }))).toEqual([
      '11:20 pod-security spec.containers[0].securityContext.procMount violates PodSecurity "baseline:v1.34": procMount (container "app" must not set securityContext.procMount to "Unmasked")',
    ]);
    expect(lintPss({ 'p.yaml': code }, { version: '1.35', rule: 'security/pod-security' })).toEqual([]);
    expect(brief(lintPss({ 'p.yaml': code }, { version: '1.35', level: 'restricted', rule: 'security/pod-security' }))).toEqual([
      expect.stringContaining('10:7 pod-security spec.containers[0].securityContext.allowPrivilegeEscalation violates PodSecurity "restricted:v1.35": allowPrivilegeEscalation != false'),
      expect.stringContaining('10:7 pod-security spec.containers[0].securityContext.seccompProfile violates PodSecurity "restricted:v1.35": seccompProfile (pod or container "app" must set'),
      expect.stringContaining('10:7 pod-security spec.containers[0].securityContext.capabilities.drop violates PodSecurity "restricted:v1.35": unrestricted capabilities'),
      '11:20 pod-security spec.containers[0].securityContext.procMount violates PodSecurity "restricted:v1.35": procMount (container "app" must not set securityContext.procMount to "Unmasked")',
    ]);
  });

  test('option level: restricted reports at the field or where it belongs; privileged reports nothing', () => {
    const code = POD_HEAD + '  containers:\n    - name: app\n      image: nginx\n';
    expect(brief(lintPss({ 'p.yaml': code }, { level: 'restricted', rule: 'security/pod-security' }))).toEqual([
      '7:7 pod-security spec.containers[0].securityContext.allowPrivilegeEscalation violates PodSecurity "restricted:v1.36": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
      '7:7 pod-security spec.containers[0].securityContext.runAsNonRoot violates PodSecurity "restricted:v1.36": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)',
      '7:7 pod-security spec.containers[0].securityContext.seccompProfile violates PodSecurity "restricted:v1.36": seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
      '7:7 pod-security spec.containers[0].securityContext.capabilities.drop violates PodSecurity "restricted:v1.36": unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])',
    ]);
    const privileged = POD_HEAD + '  hostPID: true\n  containers:\n    - name: app\n      image: nginx\n      securityContext: {privileged: true}\n';
    expect(lintPss({ 'p.yaml': privileged }, { level: 'privileged' })).toEqual([]);
  });
});

describe('security/pod-security: namespace labels', () => {
  const ns = (name: string, labels: Record<string, string>): string =>
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${Object.entries(labels)
      .map(([k, v]) => `    ${k}: "${v}"`)
      .join('\n')}\n`;
  const pod = (namespace: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  containers:\n    - name: app\n      image: nginx\n      livenessProbe:\n        httpGet: {port: 80, host: example.com}\n`;
  const messages = (files: Record<string, string>, level?: 'privileged' | 'baseline' | 'restricted'): string[] =>
    lintPss(files, { rule: 'security/pod-security', level }).map((f) => `${f.file}:${f.line} ${f.message.replace(/ \(.*/, '')}`);

  test('the enforce label of the Namespace in the run wins over the option', () => {
    const files = { 'ns.yaml': ns('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }), 'pod.yaml': pod('shop'), 'other.yaml': pod('other') };
    expect(messages(files)).toEqual([
      'other.yaml:11 violates PodSecurity "baseline:v1.36": probe or lifecycle host',
      'pod.yaml:8 violates PodSecurity "restricted:v1.36": allowPrivilegeEscalation != false',
      'pod.yaml:8 violates PodSecurity "restricted:v1.36": runAsNonRoot != true',
      'pod.yaml:8 violates PodSecurity "restricted:v1.36": seccompProfile',
      'pod.yaml:8 violates PodSecurity "restricted:v1.36": unrestricted capabilities',
      'pod.yaml:11 violates PodSecurity "restricted:v1.36": probe or lifecycle host',
    ]);
  });

  test('enforce-version pins the policy version (and is printed as written)', () => {
    const pinned = { 'ns.yaml': ns('shop', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.33' }), 'pod.yaml': pod('shop') };
    expect(messages(pinned)).toEqual([]);
    const latest = { 'ns.yaml': ns('shop', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'latest' }), 'pod.yaml': pod('shop') };
    expect(messages(latest)).toEqual(['pod.yaml:11 violates PodSecurity "baseline:latest": probe or lifecycle host']);
  });

  test('a privileged namespace enforces nothing, even with level: restricted', () => {
    const files = { 'ns.yaml': ns('kube-system', { 'pod-security.kubernetes.io/enforce': 'privileged' }), 'pod.yaml': pod('kube-system') };
    expect(messages(files, 'restricted')).toEqual([]);
  });

  test('an unreadable enforce level fails closed (restricted); an unreadable version means latest', () => {
    const files = { 'ns.yaml': ns('shop', { 'pod-security.kubernetes.io/enforce': 'Restricted', 'pod-security.kubernetes.io/enforce-version': '1.30' }), 'pod.yaml': pod('shop') };
    expect(messages(files)[0]).toBe('pod.yaml:8 violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false');
  });

  test('warn and audit labels alone do not change what is enforced', () => {
    const files = { 'ns.yaml': ns('shop', { 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' }), 'pod.yaml': pod('shop') };
    expect(messages(files)).toEqual(['pod.yaml:11 violates PodSecurity "baseline:v1.36": probe or lifecycle host']);
  });

  test('a Namespace without labels leaves the option in force; workloads default to the default namespace', () => {
    const files = { 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n', 'pod.yaml': pod('default').replace('  namespace: default\n', '') };
    expect(messages(files, 'baseline')).toEqual(['pod.yaml:10 violates PodSecurity "baseline:v1.36": probe or lifecycle host']);
  });
});
