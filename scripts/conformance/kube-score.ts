/**
 * kube-score (zegl) test data: `score/testdata/*.yaml` with the grade kube-score gives one check
 * on the first object of the file that the check scores. critical and warning mean kubevet must
 * report that object; allOK, and a check skipped as not applicable, mean it must not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFindings, runFixture, type KubevetRun } from './engine';
import { none, pss, rule, rules } from './runs';
import { notCompared, type CaseResult, type CheckMapping, type Deviation, type Mapping, type PeerReport } from './types';

/** Kinds whose pod template kube-score's `Pod` checks score. */
const POD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

const EQUAL_REQUESTS = 'no kubevet rule: requests equal to limits (Guaranteed QoS) suit some workloads, not all; kubevet requires requests and a memory limit (reliability/missing-resources)';

export const KUBE_SCORE_MAPPING: Mapping = {
  'container-cpu-requests-equal-limits': none(EQUAL_REQUESTS),
  'container-ephemeral-storage-request-and-limit': none('no kubevet rule: most pods write little to their node\'s disk, and kubelet evicts the heaviest users under disk pressure; ephemeral-storage requests matter only for pods that write a lot'),
  'container-ephemeral-storage-request-equals-limit': none(EQUAL_REQUESTS),
  'container-image-pull-policy': rules('image/pull-policy'),
  'container-image-tag': rules('image/latest-tag'),
  'container-memory-requests-equal-limits': none(EQUAL_REQUESTS),
  'container-ports-check': rules(['schema/invalid-pod-field', 'schema/duplicate-name', 'schema/required-field'], { path: /ports/ }),
  'container-resource-requests-equal-limits': none(EQUAL_REQUESTS),
  'container-resources': rule('reliability/missing-resources', { cpuRequest: true, memoryRequest: true, memoryLimit: true, cpuLimit: true }),
  'container-seccomp-profile': pss('seccompProfile'),
  'container-security-context-privileged': pss('privileged'),
  'container-security-context-readonlyrootfilesystem': rules('security/writable-root-filesystem'),
  'container-security-context-user-group-id': none('no kubevet rule for a UID/GID threshold: kubevet reports root (runAsNonRoot, runAsUser 0, root group: security/pod-security, security/root-group); a UID above 10000 only avoids collisions with host users, which user namespaces (hostUsers: false) remove entirely'),
  'cronjob-has-deadline': rules('reliability/cronjob-policy', { only: /startingDeadlineSeconds/ }),
  'cronjob-restartpolicy': rules(['schema/invalid-enum', 'schema/required-field'], { path: /restartPolicy/ }),
  'deployment-has-host-podantiaffinity': rules('reliability/no-pod-spread', { kinds: ['Deployment'] }),
  'deployment-has-poddisruptionbudget': rules('reliability/missing-pdb', { kinds: ['Deployment'] }),
  'deployment-replicas': rules('reliability/single-replica', { kinds: ['Deployment'] }),
  'deployment-strategy': none('no kubevet rule: Recreate is the right strategy for singletons and ReadWriteOnce volumes; kubevet reports rolling updates that cannot progress or take every pod down (reliability/rollout-strategy)'),
  'deployment-targeted-by-hpa-does-not-have-replicas-configured': rules('reliability/replicas-with-autoscaler', { kinds: ['Deployment'] }),
  'environment-variable-key-duplication': rules('schema/duplicate-env'),
  'horizontalpodautoscaler-has-target': rules(['reference/dangling-reference', 'reference/unresolved-reference', 'reference/hpa-target'], { kinds: ['HorizontalPodAutoscaler'] }),
  'horizontalpodautoscaler-replicas': none('no kubevet rule: minReplicas 1 is an availability preference; kubevet reports workloads that can only run one replica (reliability/single-replica)'),
  'ingress-targets-service': rules(['reference/dangling-reference', 'reference/unresolved-reference', 'reference/ingress-service-port', 'schema/ingress-rule'], { kinds: ['Ingress'], path: /backend|defaultBackend/i }),
  'networkpolicy-targets-pod': rules('network/policy-selects-nothing'),
  'pod-networkpolicy': rules('network/unprotected-workload'),
  'pod-probes': rules('reliability/missing-probe'),
  'pod-probes-identical': rules('reliability/identical-probes'),
  'pod-topology-spread-constraints': rules(['schema/required-field', 'schema/invalid-enum', 'schema/invalid-value', 'schema/invalid-type', 'schema/invalid-pod-field', 'reference/duplicate-list-key', 'reliability/no-pod-spread'], { path: /topologySpreadConstraints/ }),
  'poddisruptionbudget-has-policy': rules('reliability/pdb-without-budget'),
  'service-targets-pod': rules('reference/service-selects-nothing'),
  'service-type': none('no kubevet rule: NodePort is a legitimate way to expose a Service; kubevet reports exposed Services that no NetworkPolicy protects (network/exposed-service-unprotected)'),
  'stable-version': rules('deprecation/removed-api'),
  'statefulset-has-host-podantiaffinity': rules('reliability/no-pod-spread', { kinds: ['StatefulSet'] }),
  'statefulset-has-poddisruptionbudget': rules('reliability/missing-pdb', { kinds: ['StatefulSet'] }),
  'statefulset-has-servicename': rules(['reference/statefulset-service', 'reference/dangling-reference', 'reference/unresolved-reference'], { kinds: ['StatefulSet'] }),
  'statefulset-pod-selector-labels-match-template-metadata-labels': rules('schema/selector-mismatch'),
};

/** The kinds each check scores (the first such object of a file carries the grade). */
const TARGETS: Readonly<Record<string, readonly string[]>> = {
  'cronjob-has-deadline': ['CronJob'],
  'cronjob-restartpolicy': ['CronJob'],
  'deployment-has-host-podantiaffinity': ['Deployment'],
  'deployment-has-poddisruptionbudget': ['Deployment'],
  'deployment-replicas': ['Deployment'],
  'deployment-strategy': ['Deployment'],
  'deployment-targeted-by-hpa-does-not-have-replicas-configured': ['Deployment'],
  'horizontalpodautoscaler-has-target': ['HorizontalPodAutoscaler'],
  'horizontalpodautoscaler-replicas': ['HorizontalPodAutoscaler'],
  'ingress-targets-service': ['Ingress'],
  'networkpolicy-targets-pod': ['NetworkPolicy'],
  'poddisruptionbudget-has-policy': ['PodDisruptionBudget'],
  'service-targets-pod': ['Service'],
  'service-type': ['Service'],
  'stable-version': [],
  'statefulset-has-host-podantiaffinity': ['StatefulSet'],
  'statefulset-has-poddisruptionbudget': ['StatefulSet'],
  'statefulset-has-servicename': ['StatefulSet'],
  'statefulset-pod-selector-labels-match-template-metadata-labels': ['StatefulSet'],
};

export interface Expectation {
  checkId: string;
  expected: string;
  runConfig: Record<string, string>;
  enabledOptionalChecks?: string[];
}

interface KubeScoreExpected {
  fixtures: Record<string, Expectation[]>;
}

/** kube-score's optional checks (README_CHECKS.md): off unless enabled by flag or annotation. */
const OPTIONAL = new Set([
  'container-cpu-requests-equal-limits',
  'container-ephemeral-storage-request-equals-limit',
  'container-memory-requests-equal-limits',
  'container-ports-check',
  'container-resource-requests-equal-limits',
  'container-seccomp-profile',
]);

/**
 * pass/fail from a kube-score grade. Undefined for expectations that say nothing about the
 * manifest: that the check ran, or that it was skipped because it is optional and not enabled
 * or because kube-score's own ignore annotation (`kube-score/ignore`) switched it off.
 */
export function verdictOf(expectation: Expectation): 'pass' | 'fail' | undefined {
  const { expected, checkId, runConfig } = expectation;
  if (/^(?:critical|warning)/.test(expected)) return 'fail';
  if (/^(?:allOK|almostOK|zero)/.test(expected)) return 'pass';
  if (expected !== 'skipped') return undefined;
  const enabled = (expectation.enabledOptionalChecks ?? []).includes(checkId) || runConfig.UseOptionalChecksAnnotation === 'true';
  if (OPTIONAL.has(checkId) && !enabled) return undefined;
  if (runConfig.UseIgnoreChecksAnnotation === 'true') return undefined;
  return 'pass';
}

/** kube-score's `--ignore-container-*-limit` flags are kubevet's missing-resources options. */
function withRunConfig(run: KubevetRun, config: Readonly<Record<string, string>>): KubevetRun {
  const options = run.options?.['reliability/missing-resources'];
  if (options === undefined) return run;
  return {
    ...run,
    options: {
      ...run.options,
      'reliability/missing-resources': { ...options, cpuLimit: config.IgnoreContainerCpuLimitRequirement !== 'true', memoryLimit: config.IgnoreContainerMemoryLimitRequirement !== 'true' },
    },
  };
}

/** A case id: the file, with the run configuration beyond kube-score's test default (Kubernetes 1.18). */
function caseId(file: string, expectation: Expectation): string {
  const config = Object.entries(expectation.runConfig)
    .filter(([key, value]) => key !== 'KubernetesVersion' || value !== '1.18')
    .map(([key, value]) => `${key}=${value}`);
  return config.length === 0 ? file : `${file} (${config.join(', ')})`;
}

function compare(dir: string, file: string, expectation: Expectation, mapping: CheckMapping, verdict: 'pass' | 'fail'): CaseResult {
  const check = expectation.checkId;
  const id = caseId(file, expectation);
  if (mapping.kind !== 'rules') return notCompared(check, id, expectation.expected);
  const result = runFixture({ [file]: readFileSync(join(dir, file), 'utf8') }, withRunConfig(mapping.run, expectation.runConfig));
  const targets = TARGETS[check] ?? POD_KINDS;
  const target = targets.length === 0 ? undefined : result.objects.find((o) => targets.includes(o.kind));
  const counted = target === undefined ? result.findings : result.findings.filter((f) => f.objectIndex === target.index);
  const got = counted.length > 0 ? 'fail' : 'pass';
  return { check, case: id, expected: expectation.expected, got, agreed: got === verdict, findings: describeFindings(result, target?.index) };
}

export function runKubeScore(dir: string): PeerReport {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as KubeScoreExpected;
  const results: CaseResult[] = [];
  for (const [file, expectations] of Object.entries(expected.fixtures)) {
    for (const expectation of expectations) {
      const verdict = verdictOf(expectation);
      if (verdict === undefined) continue;
      const mapping = KUBE_SCORE_MAPPING[expectation.checkId];
      if (mapping === undefined) throw new Error(`kube-score check ${expectation.checkId} has no mapping`);
      results.push(compare(dir, file, expectation, mapping, verdict));
    }
  }
  return { peer: 'kube-score', results, deviations: KUBE_SCORE_DEVIATIONS };
}

const SINGLE_REPLICA =
  'the workload runs one replica (replicas unset defaults to 1): kubevet asks for PDBs and spreading only for replicated workloads, since one pod has nothing to spread and no budget can protect it without blocking every drain; the single replica itself is reliability/single-replica (info)';
const BARE_POD =
  'the fixture is a bare Pod: reliability/missing-probe covers Deployments, StatefulSets and DaemonSets only (documented in the rule), since bare Pods are one-off or debug pods nothing restarts or rolls out';
const REQUESTS_DEFAULT_TO_LIMITS =
  'the containers set limits but no requests; the API server defaults each missing request to its limit, so the pod is fully sized (kube-score warns on the written fields)';
const DEFAULT_PULL_POLICY =
  'the image is pinned to a tag (`foo/bar:…`, not latest), so the default IfNotPresent (or a deliberate Never for pre-loaded images) pulls the same image everywhere; image/pull-policy reports only moving references pulled without Always';
const NO_EGRESS_DEFAULT =
  'the pod is isolated in one direction; kubevet requires ingress isolation per workload (network/unprotected-workload) and leaves egress isolation to the opt-in namespace rule network/missing-default-deny-egress, because default-deny egress breaks DNS and API access unless every allowance is written';
const OTHER_NAMESPACE =
  'the Service is alone in its namespace: with no workload of that namespace in the run, the pods are evidently linted elsewhere, so kubevet cannot call the selector dangling (unknown, not missing; `closedWorld: true` reports it)';
const TARGET_VERSION =
  'the expectation is graded for Kubernetes 1.18 or older; kubevet targets 1.33 to 1.36, where this API version is no longer served (deprecation/removed-api)';

function at(check: string, files: readonly string[], reason: string): Deviation[] {
  return files.map((file) => ({ check, case: `score/testdata/${file}`, reason }));
}

/** Disagreements kept on purpose, with the reason. */
export const KUBE_SCORE_DEVIATIONS: readonly Deviation[] = [
  ...at('container-image-pull-policy', ['pod-image-pullpolicy-never.yaml', 'pod-image-pullpolicy-undefined.yaml'], DEFAULT_PULL_POLICY),
  ...at('container-resources', ['deployment-test-resources.yaml', 'pod-test-resources-only-limits.yaml', 'statefulset-test-resources.yaml'], REQUESTS_DEFAULT_TO_LIMITS),
  ...at('container-seccomp-profile', ['pod-seccomp-annotated.yaml', 'pod-seccomp-annotated-annotation-optional.yaml (UseOptionalChecksAnnotation=true)'],
    'the pod sets a profile only through the `seccomp.security.alpha.kubernetes.io/pod` annotation, deprecated since Kubernetes 1.19 and no longer applied in the versions kubevet targets (1.33 and newer); only securityContext.seccompProfile applies a profile (Pod Security restricted requires it)'),
  ...at('deployment-has-poddisruptionbudget', ['deployment-poddisruptionbudget-v1-different-namespace.yaml', 'deployment-poddisruptionbudget-v1-no-match.yaml', 'deployment-poddisruptionbudget-v1beta1-expression-no-match.yaml', 'deployment-poddisruptionbudget-v1beta1-no-match.yaml'], SINGLE_REPLICA),
  ...at('deployment-replicas', ['service-not-target-deployment.yaml'],
    'kube-score asks for replicas only when a Service selects the Deployment; kubevet notes a single replica (info) whatever serves it, since a worker without a Service is down during a drain as well'),
  ...at('deployment-replicas', ['service-target-deployment-replica-1.yaml (MinReplicasDeployment=1)'],
    'run with kube-score\'s --min-replicas-deployment 1; kubevet\'s single-replica note has no threshold option (it is info, and can be switched off)'),
  ...at('pod-networkpolicy', ['networkpolicy-matching-only-egress.yaml', 'networkpolicy-matching-only-ingress.yaml'], NO_EGRESS_DEFAULT),
  ...at('pod-networkpolicy', ['networkpolicy-not-matching.yaml'],
    'the only NetworkPolicy is in another namespace (and its podSelector is malformed: schema/unknown-field): the Pod\'s namespace has no policy at all, which kubevet reports once per namespace (network/missing-default-deny, info) rather than per pod'),
  ...at('pod-probes', ['pod-probes-all-missing.yaml', 'pod-probes-missing-ready.yaml', 'pod-probes-targeted-by-service-same-namespace-multi-labels.yaml', 'pod-probes-targeted-by-service-same-namespace.yaml', 'pod-probes-targeted-by-service.yaml'], BARE_POD),
  ...at('pod-topology-spread-constraints', ['pod-topology-spread-constraints-no-labelselector.yaml'],
    'a constraint without labelSelector is valid (it counts no pods, so it spreads nothing); kubevet reports spreading that misses its own pods only for replicated workloads (reliability/no-pod-spread), and this is a single Pod'),
  ...at('poddisruptionbudget-has-policy', ['deployment-poddisruptionbudget-v1beta1-no-policy.yaml'],
    'policy/v1beta1 defaulted a budget without minAvailable and maxUnavailable to minAvailable: 1, so it did protect the pods; the version is removed since Kubernetes 1.25 (deprecation/removed-api); for policy/v1 kubevet reports it (reliability/pdb-without-budget)'),
  ...at('service-targets-pod', ['service-target-deployment-different-namespace.yaml', 'service-target-pod-different-namespace.yaml'], OTHER_NAMESPACE),
  ...at('stable-version', ['cronjob-batchv1beta1.yaml', 'statefulset-appsv1beta1.yaml (KubernetesVersion=1.4)'], TARGET_VERSION),
  ...at('statefulset-has-host-podantiaffinity', ['statefulset-host-antiaffinity-undefined-replicas.yaml'], SINGLE_REPLICA),
  ...at('statefulset-has-poddisruptionbudget', ['statefulset-poddisruptionbudget-v1beta1-expression-no-match.yaml', 'statefulset-poddisruptionbudget-v1beta1-no-match.yaml'], SINGLE_REPLICA),
];
