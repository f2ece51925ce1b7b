/** --policy, --use-manifest-psps and the `policies:`/`useManifestPsps:` configuration keys, end to end. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeShared, sharedPath } from '../helpers/shared';
import { runCli } from './run-cli';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-policy-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function policy(apiVersion: string, name: string, extra = ''): string {
  return `apiVersion: ${apiVersion}
kind: PodSecurityPolicy
metadata:
  name: ${name}
spec:
  allowPrivilegeEscalation: false
  runAsUser:
    rule: MustRunAsNonRoot
  seLinux:
    rule: RunAsAny
  supplementalGroups:
    rule: RunAsAny
  fsGroup:
    rule: RunAsAny
  volumes: [configMap, secret, emptyDir]
${extra}`;
}

const LEGACY = policy('policy/v1beta1', 'restricted');
const OWN = policy('kubevet.dev/v1alpha1', 'own-restricted');
const PRIVILEGED_POLICY = policy('kubevet.dev/v1alpha1', 'node-agents', '  privileged: true # kubevet-ignore security/psp-unsafe-policy -- agents\n');

const POD = (securityContext: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  automountServiceAccountToken: false
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${securityContext}`;
const PRIVILEGED_POD = POD('        privileged: true\n');
const PLAIN_POD = POD('        runAsNonRoot: true\n');

/** Findings of the psp rules as `file:line rule`, from the JSON report. */
function pspFindings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { findings: { file: string; line: number; ruleId: string }[] };
  return report.findings.filter((f) => f.ruleId.startsWith('security/psp-')).map((f) => `${f.file}:${f.line} ${f.ruleId}`);
}

const JSON_ONLY_PSP = ['--format', 'json', '--rule', '*=off', '--rule', 'security/psp-admission=error', '--rule', 'security/psp-invalid-policy=error', '--rule', 'security/psp-unsafe-policy=warning'];

describe('--policy', () => {
  test('a legacy policy/v1beta1 PodSecurityPolicy file: the pod it rejects fails the run, the policy file is not linted', () => {
    const dir = workspace({ 'policies/restricted.yaml': LEGACY, 'app/pod.yaml': PRIVILEGED_POD });
    const result = runCli(['--policy', 'policies/restricted.yaml', '--format', 'json', 'app/'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; file: string; message: string; path: string }[] };
    const admission = report.findings.filter((f) => f.ruleId === 'security/psp-admission');
    expect(admission).toEqual([expect.objectContaining({ file: 'app/pod.yaml', path: 'spec.containers[0].securityContext.privileged', message: expect.stringContaining('Privileged containers are not allowed (policy "restricted": spec.privileged)') })]);
    // The policy is read, not linted: no removed-API finding for it.
    expect(report.findings.some((f) => f.file.startsWith('policies/'))).toBe(false);
  });

  test('kubevet\'s own kind, and several policies of which one admits the pod', () => {
    const dir = workspace({ 'own.yaml': OWN, 'agents.yaml': PRIVILEGED_POLICY, 'pod.yaml': PRIVILEGED_POD, 'plain.yaml': PLAIN_POD });
    expect(pspFindings(runCli(['--policy', 'own.yaml', ...JSON_ONLY_PSP, 'plain.yaml'], dir).stdout)).toEqual([]);
    expect(pspFindings(runCli(['--policy', 'own.yaml', ...JSON_ONLY_PSP, 'pod.yaml'], dir).stdout)).toEqual(['pod.yaml:12 security/psp-admission']);
    const both = runCli(['--policy', 'own.yaml', '--policy', 'agents.yaml', ...JSON_ONLY_PSP, 'pod.yaml'], dir);
    expect(both.code).toBe(0);
    expect(pspFindings(both.stdout)).toEqual([]);
  });

  test('a folder of policies and a kubectl-style List', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${[LEGACY, PRIVILEGED_POLICY.replace('kubevet.dev/v1alpha1', 'policy/v1beta1')].map((p) => `  - ${p.trimEnd().split('\n').join('\n    ')}`).join('\n')}\n`;
    const dir = workspace({ 'policies/all.yaml': list, 'pod.yaml': PRIVILEGED_POD });
    const result = runCli(['--policy', 'policies', ...JSON_ONLY_PSP, 'pod.yaml'], dir);
    expect(result.stderr).toBe('');
    expect(pspFindings(result.stdout)).toEqual([]);
  });

  test('findings about the policy itself are reported in the policy file', () => {
    const broken = policy('policy/v1beta1', 'ranges', '  hostPorts:\n    - min: 9000\n      max: 8000\n  allowedCapabilities: ["*"]\n');
    const dir = workspace({ 'p.yaml': broken, 'pod.yaml': PLAIN_POD });
    expect(pspFindings(runCli(['--policy', 'p.yaml', ...JSON_ONLY_PSP, 'pod.yaml'], dir).stdout)).toEqual(['p.yaml:17 security/psp-invalid-policy', 'p.yaml:19 security/psp-unsafe-policy']);
  });
});

describe('the example policy', () => {
  test('the hardened examples/good pass it cleanly (no psp finding at all), examples/bad/privileged-deployment does not', () => {
    const good = runCli(['--policy', 'examples/policies/restricted-psp.yaml', ...JSON_ONLY_PSP, 'examples/good/']);
    expect([good.code, good.stderr, pspFindings(good.stdout)]).toEqual([0, '', []]);
    const bad = runCli(['--policy', 'examples/policies/restricted-psp.yaml', ...JSON_ONLY_PSP, 'examples/bad/privileged-deployment.yaml']);
    expect(pspFindings(bad.stdout)).toEqual([
      'examples/bad/privileged-deployment.yaml:27 security/psp-admission',
      'examples/bad/privileged-deployment.yaml:28 security/psp-admission',
      'examples/bad/privileged-deployment.yaml:34 security/psp-admission',
    ]);
  });
});

describe('broken policy files are usage errors with a position (exit 2)', () => {
  const dir = workspace({
    'pod.yaml': PLAIN_POD,
    'wrong-type.yaml': policy('kubevet.dev/v1alpha1', 'bad', '  privileged: maybe\n'),
    'bad-rule.yaml': policy('policy/v1beta1', 'bad').replace('MustRunAsNonRoot', 'NonRoot'),
    'unknown-field.yaml': policy('policy/v1beta1', 'bad', '  hostNetwrk: true\n'),
    'missing.yaml': policy('policy/v1beta1', 'bad').replace('  fsGroup:\n    rule: RunAsAny\n', ''),
    'syntax.yaml': 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: x\n',
    'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    'empty.yaml': '# nothing here\n',
  });

  test.each([
    ['wrong-type.yaml', 'kubevet: --policy wrong-type.yaml:16:3: invalid PodSecurityPolicy "bad": `spec.privileged` must be boolean'],
    ['bad-rule.yaml', 'kubevet: --policy bad-rule.yaml:8:5: invalid PodSecurityPolicy "bad": `spec.runAsUser.rule` must be one of "MustRunAs", "MustRunAsNonRoot", "RunAsAny"'],
    ['unknown-field.yaml', 'kubevet: --policy unknown-field.yaml:16:3: invalid PodSecurityPolicy "bad": unknown key `hostNetwrk` at `spec`'],
    ['missing.yaml', 'kubevet: --policy missing.yaml:5:1: invalid PodSecurityPolicy "bad": `spec` needs `fsGroup`'],
    ['syntax.yaml', 'kubevet: --policy syntax.yaml:'],
    ['deployment.yaml', 'kubevet: --policy deployment.yaml:1:1: expected a PodSecurityPolicy (apiVersion policy/v1beta1, extensions/v1beta1, kubevet.dev/v1alpha1), found apps/v1 Deployment'],
    ['empty.yaml', 'kubevet: --policy empty.yaml: no PodSecurityPolicy found'],
    ['nowhere.yaml', 'kubevet: --policy nowhere.yaml: no such file or directory'],
  ])('%s', (file, message) => {
    const result = runCli(['--policy', file, 'pod.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
    expect(result.stderr).not.toMatch(/internal error| {4}at /);
    expect(result.stdout).toBe('');
  });
});

describe('--use-manifest-psps', () => {
  const manifests = `${LEGACY}---\n${PRIVILEGED_POD}`;

  test('PodSecurityPolicies in the input are used only with the flag', () => {
    const dir = workspace({ 'all.yaml': manifests });
    expect(pspFindings(runCli([...JSON_ONLY_PSP, 'all.yaml'], dir).stdout)).toEqual([]);
    expect(pspFindings(runCli(['--use-manifest-psps', ...JSON_ONLY_PSP, 'all.yaml'], dir).stdout)).toEqual(['all.yaml:28 security/psp-admission']);
    // The removed API is still reported as before.
    const plain = JSON.parse(runCli(['--use-manifest-psps', '--format', 'json', 'all.yaml'], dir).stdout) as { findings: { ruleId: string; line: number }[] };
    expect(plain.findings.filter((f) => f.ruleId === 'deprecation/removed-api').map((f) => f.line)).toEqual([1]);
  });

  test('a malformed PodSecurityPolicy in the input is a usage error with its position', () => {
    const dir = workspace({ 'all.yaml': `${policy('policy/v1beta1', 'bad', '  hostPorts: [{min: 1}]\n')}---\n${PLAIN_POD}` });
    const result = runCli(['--use-manifest-psps', 'all.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('kubevet: --use-manifest-psps all.yaml:16:15: invalid PodSecurityPolicy "bad": `spec.hostPorts[0]` needs `max`');
  });
});

describe('configuration', () => {
  test('policies: paths are relative to the configuration file; useManifestPsps: true', () => {
    const dir = workspace({
      'deploy/.kubevet.yaml': 'policies: ["../policies/"]\n',
      'policies/restricted.yaml': LEGACY,
      'deploy/pod.yaml': PRIVILEGED_POD,
      'manifest/.kubevet.yaml': 'useManifestPsps: true\n',
      'manifest/all.yaml': `${OWN.replace('kubevet.dev/v1alpha1', 'policy/v1beta1')}---\n${PRIVILEGED_POD}`,
    });
    expect(pspFindings(runCli([...JSON_ONLY_PSP, 'pod.yaml'], join(dir, 'deploy')).stdout)).toEqual(['pod.yaml:12 security/psp-admission']);
    expect(pspFindings(runCli([...JSON_ONLY_PSP, 'all.yaml'], join(dir, 'manifest')).stdout)).toEqual(['all.yaml:28 security/psp-admission']);
  });

  test('the keys are validated like the rest of the configuration', () => {
    const dir = workspace({ '.kubevet.yaml': 'useManifestPsps: "yes"\n', 'pod.yaml': PLAIN_POD });
    const result = runCli(['pod.yaml'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.kubevet.yaml:1:1: invalid configuration: `useManifestPsps` must be boolean');
  });
});

test('--help lists the flags', () => {
  const { stdout } = runCli(['--help']);
  expect(stdout).toContain('--policy <file|dir>');
  expect(stdout).toContain('--use-manifest-psps');
});

describeShared('real PodSecurityPolicies from ../shared', () => {
  const files = [
    'corpus/real/kubernetes-examples/_archived/podsecuritypolicy/rbac/policies.yaml',
    'corpus/real/flannel/Documentation/kube-flannel.yml',
    'conformance/kubesec/test/asset/score-0-podsecuritypolicy-permissive.yml',
    'conformance/rbac/rbac-tool/testdata/viz/rbac-with-psp.yaml',
  ];

  test.each(files)('%s is accepted by the schema and evaluated', (file) => {
    const result = runCli(['--use-manifest-psps', ...JSON_ONLY_PSP, sharedPath(file)]);
    expect(result.stderr).toBe('');
    expect(result.code).not.toBe(2);
    // Every file holds permissive policies (node agents, examples): each gets unsafe-policy warnings.
    expect(pspFindings(result.stdout).some((f) => f.endsWith('security/psp-unsafe-policy'))).toBe(true);
  });

  test('flannel\'s DaemonSet is admitted by its own PodSecurityPolicy', () => {
    const result = runCli(['--use-manifest-psps', ...JSON_ONLY_PSP, sharedPath(files[1])]);
    expect(pspFindings(result.stdout).filter((f) => f.endsWith('security/psp-admission'))).toEqual([]);
  });
});
