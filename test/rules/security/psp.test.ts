/** security/psp-admission, security/psp-invalid-policy and security/psp-unsafe-policy on manifests. */
import { EMPTY_CONFIG } from '../../../src/engine/config';
import { runEngine } from '../../../src/engine/run';
import { loadText, SourceText, type LoadResult } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';
import { KubeObject } from '../../../src/model/object';
import { BUILTIN_RULES } from '../../../rules';
import { findingsOf, testRule } from '../../helpers/rule-tester';

function psp(name: string, spec: string, annotations = ''): string {
  return [
    'apiVersion: policy/v1beta1',
    'kind: PodSecurityPolicy',
    'metadata:',
    `  name: ${name}`,
    ...(annotations === '' ? [] : ['  annotations:', annotations]),
    'spec:',
    '  seLinux: {rule: RunAsAny}',
    '  supplementalGroups: {rule: RunAsAny}',
    '  fsGroup: {rule: RunAsAny}',
    spec,
    '---',
    '',
  ].join('\n');
}

const RESTRICTED = psp('restricted', '  allowPrivilegeEscalation: false\n  runAsUser: {rule: MustRunAsNonRoot}\n  volumes: [configMap, secret, emptyDir]');
const HOSTY = psp('host', '  allowPrivilegeEscalation: false\n  runAsUser: {rule: MustRunAsNonRoot}\n  hostNetwork: true\n  hostPorts: [{min: 9100, max: 9100}]\n  volumes: [configMap]');

const DEPLOYMENT = (podSpec: string): string =>
  ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}', '    spec:', podSpec].join('\n') + '\n';

testRule('security/psp-admission', {
  valid: [
    // No policy: nothing to check.
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: true\n',
    // Defaults make the pod pass: runAsNonRoot and allowPrivilegeEscalation are filled in.
    RESTRICTED + DEPLOYMENT('      containers:\n        - name: app\n          image: nginx:1.27\n'),
    // One of two policies admits it.
    RESTRICTED + HOSTY + DEPLOYMENT('      hostNetwork: true\n      containers:\n        - name: exporter\n          image: node-exporter:1\n          ports:\n            - containerPort: 9100\n'),
    // Not a workload.
    RESTRICTED + 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  privileged: "true"\n',
  ],
  invalid: [
    {
      name: 'a field no policy allows, in a Deployment, naming the policy and its field',
      code: RESTRICTED + DEPLOYMENT('      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext:\n            privileged: true\n'),
      errors: [
        {
          line: 26,
          column: 25,
          path: 'spec.template.spec.containers[0].securityContext.privileged',
          message: 'container "app": Privileged containers are not allowed (policy "restricted": spec.privileged); no PodSecurityPolicy admits this pod',
        },
      ],
    },
    {
      name: 'two policies reject for different reasons: one finding per field, each naming its policies',
      code: RESTRICTED + HOSTY + DEPLOYMENT('      hostNetwork: true\n      containers:\n        - name: exporter\n          image: node-exporter:1\n          ports:\n            - containerPort: 9100\n          securityContext:\n            runAsUser: 0\n'),
      errors: [
        { line: 36, path: 'spec.template.spec.hostNetwork', message: /^Host network is not allowed to be used \(policy "restricted": spec\.hostNetwork\); no PodSecurityPolicy admits this pod; the closest is "host" with 1 violation$/ },
        { line: 41, path: 'spec.template.spec.containers[0].ports[0].containerPort', message: /Host port 9100 is not allowed to be used. Allowed ports: \[\] \(with hostNetwork, the containerPort is also the hostPort\) \(policy "restricted": spec\.hostPorts\)/ },
        { line: 43, path: 'spec.template.spec.containers[0].securityContext.runAsUser', message: /^container "exporter": running with the root UID is forbidden \(policies "host", "restricted": spec\.runAsUser\)/ },
      ],
    },
    {
      name: 'a seccomp annotation on the pod template',
      code:
        psp('strict', '  allowPrivilegeEscalation: false\n  runAsUser: {rule: RunAsAny}\n  volumes: ["*"]', '    seccomp.security.alpha.kubernetes.io/allowedProfileNames: runtime/default') +
        ['apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: nightly', 'spec:', '  schedule: "0 1 * * *"', '  jobTemplate:', '    spec:', '      template:', '        metadata:', '          annotations:', '            seccomp.security.alpha.kubernetes.io/pod: unconfined', '        spec:', '          restartPolicy: Never', '          containers:', '            - name: job', '              image: busybox', ''].join('\n'),
      errors: [{ line: 26, path: 'spec.jobTemplate.spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]', message: /^unconfined is not an allowed seccomp profile\. Valid values are runtime\/default \(policy "strict": metadata\.annotations\["seccomp\.security\.alpha\.kubernetes\.io\/allowedProfileNames"\]\)/ }],
    },
    {
      name: 'every policy invalid: one finding on the pod spec',
      code: psp('broken', '  runAsUser: {rule: MustRunAs}') + 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n',
      errors: [{ line: 15, path: 'spec', message: 'no PodSecurityPolicy can admit this pod: every policy given is invalid ("broken"; see security/psp-invalid-policy)' }],
    },
  ],
});

testRule('security/psp-invalid-policy', {
  valid: [RESTRICTED, psp('ok', '  runAsUser:\n    rule: MustRunAs\n    ranges: [{min: 1000, max: 1000}]\n  hostPorts: [{min: 80, max: 80}]')],
  invalid: [
    {
      name: 'range with min above max, on the policy\'s own field',
      code: psp('r', '  runAsUser:\n    rule: MustRunAs\n    ranges:\n      - {min: 2000, max: 1000}'),
      errors: [{ line: 12, column: 15, path: 'spec.runAsUser.ranges[0].min', message: 'min cannot be greater than max (range 2000-1000): PodSecurityPolicy "r" cannot admit any pod until this is fixed' }],
    },
    {
      name: 'a capability both allowed and required to drop',
      code: psp('c', '  runAsUser: {rule: RunAsAny}\n  allowedCapabilities: [NET_ADMIN]\n  requiredDropCapabilities: [NET_ADMIN]'),
      errors: [{ line: 10, path: 'spec.allowedCapabilities[0]', message: /^capability NET_ADMIN is listed in allowedCapabilities and requiredDropCapabilities/ }],
    },
    {
      name: 'a host port range that matches nothing is accepted but reported',
      code: psp('h', '  runAsUser: {rule: RunAsAny}\n  hostPorts: [{min: 9000, max: 8000}]'),
      errors: [{ line: 10, path: 'spec.hostPorts[0].min', message: 'min cannot be greater than max (range 9000-8000 matches no port)' }],
    },
  ],
});

testRule('security/psp-unsafe-policy', {
  valid: [RESTRICTED],
  invalid: [
    {
      name: 'allowedCapabilities ["*"] and privileged',
      code: psp('open', '  allowPrivilegeEscalation: false\n  privileged: true\n  runAsUser: {rule: MustRunAsNonRoot}\n  allowedCapabilities: ["*"]'),
      errors: [
        { line: 10, path: 'spec.privileged', message: /^PodSecurityPolicy "open" allows privileged containers/ },
        { line: 12, path: 'spec.allowedCapabilities[0]', message: /^PodSecurityPolicy "open" allows adding every capability/ },
      ],
    },
    {
      name: 'hostPath allowed with / and root allowed',
      code: psp('node', '  allowPrivilegeEscalation: false\n  runAsUser: {rule: RunAsAny}\n  volumes: [hostPath]\n  allowedHostPaths:\n    - pathPrefix: /'),
      errors: [
        { line: 10, path: 'spec.runAsUser.rule', message: /allows containers to run as root/ },
        { line: 13, path: 'spec.allowedHostPaths[0].pathPrefix', message: /allows writable mounts of the whole node filesystem/ },
      ],
    },
  ],
});

describe('policies from --policy files', () => {
  const POLICY_FILE = [
    'apiVersion: kubevet.dev/v1alpha1',
    'kind: PodSecurityPolicy',
    'metadata:',
    '  name: own',
    'spec:',
    '  privileged: true   # kubevet-ignore security/psp-unsafe-policy -- node agents',
    '  allowPrivilegeEscalation: false',
    '  runAsUser: {rule: MustRunAsNonRoot}',
    '  seLinux: {rule: RunAsAny}',
    '  supplementalGroups: {rule: RunAsAny}',
    '  fsGroup:',
    '    rule: MustRunAs',
    '    ranges: [{min: 10, max: 5}]',
    '',
  ].join('\n');
  const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext:\n        privileged: true\n';

  function lint(policyText: string | undefined, manifest: string) {
    const load: LoadResult = { files: 1, sources: [], documents: [], problems: [] };
    const source = new SourceText('app.yaml', manifest);
    load.sources.push(source);
    load.documents.push(...loadText(source).documents);
    const build = buildObjects(load.documents, { defaultNamespace: 'default' });
    const policies = policyText === undefined ? [] : loadText(new SourceText('policies/own.yaml', policyText)).documents.map((d) => new KubeObject(d.value as Record<string, unknown>, d, [], true, ''));
    return runEngine(load, build, {
      rules: BUILTIN_RULES,
      policies,
      config: EMPTY_CONFIG,
      overrides: new Map([['*', 'off'], ['security/psp-admission', 'error'], ['security/psp-invalid-policy', 'error'], ['security/psp-unsafe-policy', 'warning'], ['metadata/unused-suppression', 'info']]),
      settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld: false },
    });
  }

  test('findings about a policy sit in its file; comments there suppress', () => {
    const result = lint(POLICY_FILE, POD);
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.path}`)).toEqual([
      'app.yaml:5 security/psp-admission spec',
      'policies/own.yaml:13 security/psp-invalid-policy spec.fsGroup.ranges[0].min',
    ]);
    expect(result.suppressed.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['policies/own.yaml:6 security/psp-unsafe-policy']);
  });

  test('without policies the three rules say nothing', () => {
    expect(lint(undefined, POD).findings).toEqual([]);
    expect(findingsOf('security/psp-admission', POD)).toEqual([]);
  });
});
