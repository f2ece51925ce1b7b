/**
 * Polaris (FairwindsOps) per-check fixtures: `test/checks/<check>/{success,failure}*.yaml`,
 * each file run with only that check enabled. `failure*` must produce a finding, `success*` none.
 * The webhook cases are run with the kubevet equivalents of Polaris' danger-level checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { describeFindings, flagged, runFixture, type KubevetRun } from './engine';
import { customRule, none, pss, rule, rules } from './runs';
import { notCompared, type CaseResult, type CheckMapping, type Deviation, type Mapping, type PeerReport } from './types';

/** What a role lets its subjects do, as kubevet's RBAC findings word it. */
const EXEC_ATTACH = 'exec into or attach to Pods|do anything|write every resource';
const EVERYTHING = 'do anything|write every resource';
/** A binding finding through a Role, or through a ClusterRole (`(through ns/Role/name)` / `(through ClusterRole/name)`). */
/** The Polaris webhook cases, judged by the kubevet equivalents of the danger-level checks. */
export const WEBHOOK_CHECK = 'webhook (danger checks)';

const THROUGH_ROLE = String.raw`\(through [^)]*/Role/[^)]*\) `;
const THROUGH_CLUSTER_ROLE = String.raw`\(through ClusterRole/[^)]*\) `;
/** kubevet rates a permission by the scope it applies to: all three rules together say "the role allows it". */
const PERMISSION_RULES = ['rbac/critical-permission', 'rbac/high-risk-permission', 'rbac/sensitive-permission'];

function permission(kinds: readonly string[], pattern: string, extraRules: readonly string[] = []): CheckMapping {
  const what = pattern.includes('exec into') ? 'exec or attach (or everything)' : 'everything (cluster-admin, `*` on `*`)';
  const through = pattern.includes(THROUGH_ROLE) ? ' through a Role' : pattern.includes(THROUGH_CLUSTER_ROLE) ? ' through a ClusterRole' : '';
  const label = `kubevet's RBAC permission findings (${[...PERMISSION_RULES, ...extraRules].map((id) => `\`${id}\``).join(', ')}) granting ${what}${through}`;
  return { kind: 'rules', run: { rules: [...PERMISSION_RULES, ...extraRules], only: new RegExp(pattern), kinds }, label };
}

export const POLARIS_MAPPING: Mapping = {
  automountServiceAccountToken: rules('rbac/unused-token'),
  clusterrolePodExecAttach: permission(['ClusterRole'], EXEC_ATTACH),
  clusterrolebindingClusterAdmin: permission(['ClusterRoleBinding'], `cluster-admin|${EVERYTHING}`, ['rbac/cluster-admin-binding']),
  clusterrolebindingPodExecAttach: permission(['ClusterRoleBinding'], EXEC_ATTACH),
  cpuLimitsMissing: rule('reliability/missing-resources', { cpuRequest: false, memoryRequest: false, memoryLimit: false, cpuLimit: true }),
  cpuRequestsMissing: rule('reliability/missing-resources', { cpuRequest: true, memoryRequest: false, memoryLimit: false, cpuLimit: false }),
  dangerousCapabilities: rules('security/dangerous-capability'),
  deploymentMissingReplicas: rules('reliability/single-replica'),
  hostIPCSet: pss('host namespaces', 'hostIPC=true'),
  hostNetworkSet: pss('host namespaces', 'hostNetwork=true'),
  hostPIDSet: pss('host namespaces', 'hostPID=true'),
  hostPathSet: pss('restricted volume types', '"hostPath"'),
  hostPortSet: pss('hostPort'),
  hostProcess: pss('hostProcess'),
  hpaMaxAvailability: none('no kubevet rule: an HPA with maxReplicas equal to minReplicas is a legitimate way to pin a size while keeping the metrics pipeline; maxReplicas below minReplicas is rejected by the API server (schema/api-required)'),
  hpaMinAvailability: none('no kubevet rule: minReplicas 1 is an availability preference, not an error; kubevet reports single replicas on workloads (reliability/single-replica, info) where they are visible'),
  insecureCapabilities: pss('unrestricted capabilities'),
  linuxHardening: pss('seccompProfile'),
  livenessProbeMissing: rule('reliability/missing-probe', { readiness: false, liveness: true }),
  memoryLimitsMissing: rule('reliability/missing-resources', { cpuRequest: false, memoryRequest: false, memoryLimit: true, cpuLimit: false }),
  memoryRequestsMissing: rule('reliability/missing-resources', { cpuRequest: false, memoryRequest: true, memoryLimit: false, cpuLimit: false }),
  metadataAndInstanceMismatched: none('no kubevet rule: `app.kubernetes.io/instance` names a release of an application, which by the recommended-labels convention may differ from the object name (one instance has many objects)'),
  missingNetworkPolicy: rules('network/unprotected-workload'),
  missingPodDisruptionBudget: rules('reliability/missing-pdb'),
  nakedPod: customRule('test/fixtures/custom-rules/polaris/nakedPod.yaml'),
  notReadOnlyRootFilesystem: rules('security/writable-root-filesystem'),
  oneController: customRule('test/fixtures/custom-rules/polaris/oneController.yaml'),
  pdbDisruptionsIsZero: rules('reliability/pdb-blocks-eviction'),
  pdbMinAvailableGreaterThanHPAMinReplicas: rules('reliability/pdb-blocks-eviction'),
  priorityClassNotSet: none('no kubevet rule: most workloads rightly run at the default priority; kubevet checks that a named PriorityClass exists (reference rules), not that one is named'),
  privilegeEscalationAllowed: pss('allowPrivilegeEscalation != false'),
  procMount: pss('procMount'),
  pullPolicyNotAlways: rules('image/pull-policy'),
  readinessProbeMissing: rule('reliability/missing-probe', { readiness: true, liveness: false }),
  resourceRange: customRule('test/fixtures/custom-rules/polaris/resourceRange.yaml'),
  rolePodExecAttach: permission(['Role'], EXEC_ATTACH),
  rolebindingClusterAdminClusterRole: permission(['RoleBinding'], `cluster-admin|${THROUGH_CLUSTER_ROLE}(?:${EVERYTHING})`, ['rbac/cluster-admin-binding']),
  rolebindingClusterAdminRole: permission(['RoleBinding'], `${THROUGH_ROLE}(?:${EVERYTHING})`),
  rolebindingClusterRolePodExecAttach: permission(['RoleBinding'], `${THROUGH_CLUSTER_ROLE}(?:${EXEC_ATTACH})`),
  rolebindingRolePodExecAttach: permission(['RoleBinding'], `${THROUGH_ROLE}(?:${EXEC_ATTACH})`),
  runAsPrivileged: pss('privileged'),
  runAsRootAllowed: pss('runAsNonRoot != true'),
  sensitiveConfigmapContent: rules(['security/secret-in-configmap', 'security/private-key-in-config']),
  sensitiveContainerEnvVar: rules(['security/secret-in-env', 'security/private-key-in-config']),
  tagNotSpecified: rules('image/latest-tag'),
  tlsSettingsMissing: none('no kubevet rule: TLS is often terminated in front of the Ingress (load balancer, CDN, mesh) or by the controller\'s default certificate; an Ingress without `tls` is not a defect kubevet can see'),
  topologySpreadConstraint: rules('reliability/no-pod-spread'),
};

const GET_IS_NOT_EXEC =
  'the role grants only `get` on pods/exec or pods/attach (directly or through `*`): since Kubernetes 1.35 a WebSocket exec or attach also needs `create` (AuthorizePodWebsocketUpgradeCreatePermission), so at the target version 1.36 `get` opens no shell; with --kubernetes-version 1.34 or older kubevet counts `get` as exec, as Polaris does';
const NAME_IS_NOT_DEFAULT =
  'Polaris exempts roles and bindings by name (`system:*`, `admin`, `cluster-admin`, `gce:podsecuritypolicy:calico-sa`); any user can pick such a name, so kubevet judges what is granted and exempts only objects carrying the `kubernetes.io/bootstrapping: rbac-defaults` label the real defaults have (these fixtures carry none, and grant the permission to User testuser, which no default does)';
const UNKNOWN_ROLE =
  'the binding references a role that is not in the input: Polaris fails closed; kubevet treats it as unknown, not missing (rbac/role-outside-run, info), because roles often live outside the linted files; with `closedWorld: true` rbac/missing-role reports it';
const CORE_WILDCARD =
  'the role grants `*` verbs on every core resource: Secrets, pods/exec, serviceaccounts/token, nodes/proxy and hostPath PersistentVolumes each lead to cluster-admin, so kubevet rates it critical like a full wildcard (Polaris counts only a `*` API group as cluster-admin)';
const WRONG_API_VERSION =
  'the fixture uses `apiVersion: v1` for a kind that v1 does not serve: the API server rejects the object, kubevet reports schema/unknown-kind (with the right group) and its reliability rules do not take it for that kind (with the right apiVersion kubevet reports it)';
const SINGLE_REPLICA =
  'the workload runs one replica (replicas unset): kubevet reports missing PDBs and spreading only for replicated workloads, because one pod has nothing to spread and no PDB can protect it without blocking every eviction; the single replica itself is reliability/single-replica (info)';
const BARE_POD =
  'the fixture is a bare Pod: reliability/missing-probe covers Deployments, StatefulSets and DaemonSets only (documented in the rule), since bare Pods are one-off or debug pods nothing restarts or rolls out';
const PLACEHOLDER_VALUE =
  'the value `xxxxx` is a placeholder: kubevet reports a credential-like key only with a value that could be a credential (a real-looking value under these keys is reported, tested in test/conformance/polaris.test.ts)';
const EMPTY_KEY =
  'the "private key" has an 8-character body (or `---BEGIN` with three dashes, which is not PEM armour): kubevet reports PEM private keys with a key body; an empty template holds no secret';
const PSA_SECCOMP =
  'Pod Security restricted requires a seccomp profile (RuntimeDefault or Localhost) for every container and forbids an explicit pod-level Unconfined even when containers override it; Polaris passes a pod with any one of seccomp, SELinux options, AppArmor or dropped capabilities';
const PSA_DROP_ALL =
  'Pod Security restricted accepts only `drop: ["ALL"]`, spelt exactly so (the API server refuses `All` or a list of names at the restricted level); Polaris accepts any case and the full list of default capabilities';
const DEFAULT_PULL_POLICY =
  'kubevet follows the API server\'s defaulting: an untagged or `:latest` image defaults to imagePullPolicy Always, and a pinned tag needs none; image/pull-policy reports only a moving reference pulled with IfNotPresent or Never (Polaris requires the field to say Always)';

function cases(check: string, files: readonly string[], reason: string): Deviation[] {
  return files.map((file) => ({ check, case: `test/checks/${check}/${file}`, reason }));
}

/** Disagreements kept on purpose (the peer is opinionated or wrong), with the reason. */
export const POLARIS_DEVIATIONS: readonly Deviation[] = [
  ...cases('clusterrolePodExecAttach', ['failure.get_attach_and_exec_using_resource_wildcard.yaml', 'failure.get_attach_using_apigroup_wildcard.yaml', 'failure.get_exec_using_apigroup_wildcard.yaml'], GET_IS_NOT_EXEC),
  ...cases('clusterrolePodExecAttach', ['success.defaultclusterrole_admin.yaml', 'success.defaultclusterrole_clusteradmin.yaml', 'success.gce_calico_clusterrole.yaml', 'success.system_prefix.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('clusterrolebindingClusterAdmin', ['success.explicit_apigroups.yaml'], CORE_WILDCARD),
  ...cases('clusterrolebindingClusterAdmin', ['success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('clusterrolebindingPodExecAttach', ['failure.binding_points_to_missing_ref.yaml'], UNKNOWN_ROLE),
  ...cases('clusterrolebindingPodExecAttach', ['failure.get_attach_and_exec_using_resource_wildcard.yaml', 'failure.get_attach_using_apigroup_wildcard.yaml', 'failure.get_exec_using_apigroup_wildcard.yaml'], GET_IS_NOT_EXEC),
  ...cases('clusterrolebindingPodExecAttach', ['success.defaultclusterrolebinding_system-controller-generic-garbage-collector.yaml', 'success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('deploymentMissingReplicas', ['failure.yaml'], WRONG_API_VERSION),
  ...cases('insecureCapabilities', ['success.all.yaml', 'success.case.yaml', 'success.pod.yaml', 'success.yaml'], PSA_DROP_ALL),
  ...cases('linuxHardening', ['success.apparmor_2_containers.yaml', 'success.drop_capabilities.yaml', 'success.seccomp_profile_unconfined_for_pod_but_set_for_container.yaml', 'success.selinux_container.yaml', 'success.selinux_pod.yaml'], PSA_SECCOMP),
  ...cases('livenessProbeMissing', ['failure.yaml'], BARE_POD),
  ...cases('missingNetworkPolicy', ['failure.netpol_missing_egress_rules.yaml', 'failure.netpol_missing_ingress_rules.yaml'],
    'a policy that lists a type in policyTypes with no rules for it denies all of that traffic, the strongest isolation there is; Polaris requires at least one rule of each type'),
  ...cases('missingNetworkPolicy', ['failure.netpol_missing_egress_in_policytypes.yaml'],
    'the pod is isolated for ingress; egress isolation is the opt-in namespace rule network/missing-default-deny-egress, because default-deny egress breaks DNS and API access unless every allowance is written, which is a team decision'),
  ...cases('missingNetworkPolicy', ['failure.netpol_missing_ingress_in_policytypes.yaml'],
    'the pod is open for ingress (the only policy is Egress-only); kubevet says so once per namespace (network/missing-default-deny, info) and reports single workloads (network/unprotected-workload) only in namespaces whose ingress policies leave them out'),
  ...cases('missingPodDisruptionBudget', ['failure-bad-ns.yaml', 'failure.bad-name.yaml', 'failure.empty-labels.yaml', 'failure.no-labels.yaml', 'failure.no-metadata.yaml', 'failure.wrong-place.yaml', 'failure.yaml'], SINGLE_REPLICA),
  ...cases('pdbDisruptionsIsZero', ['failure.either.yaml', 'failure.max.yaml', 'failure.min.yaml'], WRONG_API_VERSION),
  ...cases('pdbMinAvailableGreaterThanHPAMinReplicas', ['success.equals.yaml'],
    'minAvailable equal to the autoscaler minimum already forbids every eviction at that size (allowed disruptions = replicas - minAvailable = 0); Polaris only fails "greater than"'),
  ...cases('pdbMinAvailableGreaterThanHPAMinReplicas', ['success.hpa-no-match.yaml', 'success.no-hpa.yaml'],
    'no autoscaler scales the Deployment, so it runs its own replicas (1, the default), fewer than minAvailable: no eviction is ever allowed; kubevet compares with the replicas the workload runs whether or not an HPA sets them'),
  ...cases('pdbMinAvailableGreaterThanHPAMinReplicas', ['success.no-min-replicas.yaml'],
    'the HPA leaves minReplicas unset, which the API server defaults to 1, fewer than minAvailable 2: no eviction is ever allowed'),
  ...cases('pullPolicyNotAlways', ['failure.cron-job.yaml', 'failure.deployment.yaml', 'failure.yaml'], DEFAULT_PULL_POLICY),
  ...cases('readinessProbeMissing', ['failure.yaml'], BARE_POD),
  ...cases('rolePodExecAttach', ['failure.get_attach_and_exec_using_resource_wildcard.yaml', 'failure.get_attach_using_apigroup_wildcard.yaml', 'failure.get_exec_using_apigroup_wildcard.yaml'], GET_IS_NOT_EXEC),
  ...cases('rolePodExecAttach', ['success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('rolebindingClusterAdminClusterRole', ['success.explicit_apigroups.yaml'], CORE_WILDCARD),
  ...cases('rolebindingClusterAdminClusterRole', ['success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('rolebindingClusterAdminRole', ['success.explicit_apigroups.yaml'], CORE_WILDCARD),
  ...cases('rolebindingClusterAdminRole', ['success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('rolebindingClusterRolePodExecAttach', ['failure.binding_points_to_missing_ref.yaml'], UNKNOWN_ROLE),
  ...cases('rolebindingClusterRolePodExecAttach', ['failure.get_attach_and_exec_using_resource_wildcard.yaml', 'failure.get_attach_using_apigroup_wildcard.yaml', 'failure.get_exec_using_apigroup_wildcard.yaml'], GET_IS_NOT_EXEC),
  ...cases('rolebindingClusterRolePodExecAttach', ['success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('rolebindingRolePodExecAttach', ['failure.binding_points_to_missing_ref.yaml'], UNKNOWN_ROLE),
  ...cases('rolebindingRolePodExecAttach', ['failure.get_attach_and_exec_using_resource_wildcard.yaml', 'failure.get_attach_using_apigroup_wildcard.yaml', 'failure.get_exec_using_apigroup_wildcard.yaml'], GET_IS_NOT_EXEC),
  ...cases('rolebindingRolePodExecAttach', ['success.gce_calico_binding.yaml', 'success.system_prefix_binding.yaml'], NAME_IS_NOT_DEFAULT),
  ...cases('sensitiveConfigmapContent', ['failure.key_aws_secret_access_key.yaml', 'failure.key_azure_batch_key.yaml', 'failure.key_oci_cli_key_content.yaml'], PLACEHOLDER_VALUE),
  ...cases('sensitiveConfigmapContent', ['failure.value_private_key.yaml'], EMPTY_KEY),
  ...cases('sensitiveContainerEnvVar', ['failure.value_private_key.yaml'], EMPTY_KEY),
  ...cases('topologySpreadConstraint', ['failure.empty.yaml', 'failure.nospreadconstraint.yaml'], SINGLE_REPLICA),
  {
    check: WEBHOOK_CHECK,
    case: 'test/webhook_cases/passing_test.deployment.annotations.yaml',
    reason: 'the Deployment sets allowPrivilegeEscalation: true and passes only through Polaris\' own exemption annotation `polaris.fairwinds.com/exempt`; kubevet\'s equivalent is the `kubevet.io/ignore` annotation',
  },
];

interface PolarisExpected {
  checkFixtures: { file: string; check: string; expected: 'pass' | 'fail' }[];
  webhookCases: { file: string; verdict: 'pass' | 'fail' }[];
}

/** The kubevet equivalents of Polaris' danger-level checks (what the webhook rejects by default). */
function dangerRuns(dir: string): KubevetRun[] {
  const defaults = parseYaml(readFileSync(join(dir, 'pkg', 'config', 'default.yaml'), 'utf8')) as { checks: Record<string, string> };
  return Object.entries(defaults.checks)
    .filter(([, severity]) => severity === 'danger')
    .flatMap(([check]) => {
      const mapping = POLARIS_MAPPING[check];
      return mapping?.kind === 'rules' ? [mapping.run] : [];
    });
}

/** `fail` when any of the runs reports something on the file. */
function verdictOf(runs: readonly KubevetRun[], file: string, text: string): { got: 'pass' | 'fail'; findings: string[] } {
  const results = runs.map((run) => runFixture({ [file]: text }, run));
  return { got: results.some(flagged) ? 'fail' : 'pass', findings: results.flatMap((r) => describeFindings(r)) };
}

export function runPolaris(dir: string): PeerReport {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as PolarisExpected;
  const results: CaseResult[] = [];
  for (const fixture of expected.checkFixtures) {
    const mapping = POLARIS_MAPPING[fixture.check];
    if (mapping === undefined) throw new Error(`Polaris check ${fixture.check} has no mapping`);
    if (mapping.kind !== 'rules') {
      results.push(notCompared(fixture.check, fixture.file, fixture.expected));
      continue;
    }
    const { got, findings } = verdictOf([mapping.run], fixture.file, readFileSync(join(dir, fixture.file), 'utf8'));
    results.push({ check: fixture.check, case: fixture.file, expected: fixture.expected, got, agreed: got === fixture.expected, findings });
  }
  const danger = dangerRuns(dir);
  for (const webhook of expected.webhookCases) {
    const { got, findings } = verdictOf(danger, webhook.file, readFileSync(join(dir, webhook.file), 'utf8'));
    results.push({ check: WEBHOOK_CHECK, case: webhook.file, expected: webhook.verdict, got, agreed: got === webhook.verdict, findings });
  }
  return { peer: 'Polaris', results, deviations: POLARIS_DEVIATIONS };
}
