/**
 * kube-linter (stackrox) e2e fixtures: `tests/checks/*.yml`, each linted with one check
 * (`--include CHECK --do-not-auto-add-defaults`) or a config of custom checks. expected.json
 * gives the reports (kind, sometimes name, in object order) and their total; objects not
 * reported are expected to pass when the total is given and every report is listed. kubevet
 * is compared per object: flagged or not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFindings, flaggedObjects, runFixture } from './engine';
import { customRule, none, pss, rule, rules } from './runs';
import { notCompared, type CaseResult, type CheckMapping, type Deviation, type Mapping, type PeerReport } from './types';

const SCHEMA_RULES = ['schema/unknown-field', 'schema/invalid-type', 'schema/required-field', 'schema/invalid-value', 'schema/unknown-kind'];

/** Bindings whose role grants a permission (kubevet rates it by scope, so all three rules together). */
function bindingGrants(pattern: string): CheckMapping {
  return rules(['rbac/critical-permission', 'rbac/high-risk-permission', 'rbac/sensitive-permission'], { only: new RegExp(pattern), kinds: ['RoleBinding', 'ClusterRoleBinding'] });
}

/** kube-linter's organisation-policy templates and e2e custom checks, mirrored as kubevet custom rules. */
const MIRRORS = 'test/fixtures/custom-rules/kube-linter';
/** kube-linter's `DeploymentLike` scope: the kinds with a pod spec (OpenShift's DeploymentConfig included). */
const DEPLOYMENT_LIKE = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'DeploymentConfig'];
const ORGANISATION_POLICY = 'no built-in rule: an organisation policy, not a defect kubevet can judge';

/** A kube-linter template instantiated as the check `check` (its own id) with kube-linter's parameters. */
function template(file: string, check: string, params: Readonly<Record<string, unknown>>, note = ORGANISATION_POLICY): CheckMapping {
  return customRule(`${MIRRORS}/${file}`, { id: `kube-linter/${check}`, params }, note);
}

const IRSA_ROLE_ARN = String.raw`^arn:aws:iam::\d{12}:role/[\w+=,.@-]{1,64}$`;
const REPLICAS_NOTE = 'no built-in rule: three replicas is a capacity choice; kubevet reports single replicas (reliability/single-replica)';

export const KUBE_LINTER_MAPPING: Mapping = {
  'access-to-create-pods': bindingGrants('create Pods'),
  'access-to-secrets': bindingGrants('read Secrets'),
  'cel-dangling-servicemonitor': none('kube-linter\'s CEL expression looks up other objects (`objects.exists(obj, obj.kind == "Service" && …)`): the custom rule format checks one object at a time and has no cross-object lookup or label-selector matching, so it cannot say that no Service matches; kubevet does not model ServiceMonitor selectors either (see dangling-servicemonitor)'),
  'cel-forbidden-annotation': template('forbidden-annotation.yaml', 'cel-forbidden-annotation', { key: 'foo.bar/baz', value: '^true$', kinds: DEPLOYMENT_LIKE }, 'kube-linter\'s test-only CEL check `object.metadata.annotations["foo.bar/baz"] == "true"`'),
  'cluster-admin-role-binding': rules('rbac/cluster-admin-binding'),
  'dangling-horizontalpodautoscaler': rules(['reference/dangling-reference', 'reference/unresolved-reference'], { kinds: ['HorizontalPodAutoscaler'] }),
  'dangling-ingress': rules(['reference/dangling-reference', 'reference/unresolved-reference', 'reference/ingress-service-port'], { kinds: ['Ingress'] }),
  'dangling-networkpolicy': rules('network/policy-selects-nothing'),
  'dangling-networkpolicypeer-podselector': rules('network/dead-rule'),
  'dangling-service': rules('reference/service-selects-nothing'),
  'dangling-servicemonitor': none('kubevet does not model Prometheus Operator resources (ServiceMonitor selectors); their schema is checked when the CRD is given'),
  'default-service-account': rules('security/default-service-account'),
  'deprecated-service-account-field': none('no kubevet rule: `serviceAccount` is a deprecated alias the API server still accepts and copies to `serviceAccountName`'),
  'dnsconfig-options': none('no kubevet rule: which resolver options (ndots) a pod needs depends on the cluster DNS setup; not a defect of the manifest'),
  'docker-sock': rules('security/sensitive-host-mount', { only: /docker\.sock|container runtime|runtime socket/ }),
  'drop-net-raw-capability': rules('security/dangerous-capability', { only: /NET_RAW/ }),
  'duplicate-env-var': rules('schema/duplicate-env'),
  'env-value-from': rules(['reference/missing-key', 'reference/dangling-reference', 'reference/unresolved-reference'], { kinds: ['Deployment', 'DeploymentConfig'] }),
  'env-var-secret': rules('security/secret-in-env'),
  'exposed-services': template('forbidden-service-types.yaml', 'exposed-services', { forbiddenServiceTypes: ['NodePort', 'LoadBalancer'] }, 'no built-in rule: which Service types an organisation allows is a policy; kubevet reports exposed Services that no NetworkPolicy protects (network/exposed-service-unprotected)'),
  'forbid-annotation-reloader-stakater-auto': template('forbidden-annotation.yaml', 'forbid-annotation-reloader-stakater-auto', { key: 'reloader.stakater.com/auto', value: 'true', kinds: DEPLOYMENT_LIKE }, 'kube-linter\'s test-only custom check (template forbidden-annotation)'),
  'host-ipc': pss('host namespaces', 'hostIPC=true'),
  'host-network': pss('host namespaces', 'hostNetwork=true'),
  'host-pid': pss('host namespaces', 'hostPID=true'),
  'hpa-minimum-three-replicas': template('minimum-replicas.yaml', 'hpa-minimum-three-replicas', { minReplicas: 3, field: 'spec.minReplicas', kinds: ['HorizontalPodAutoscaler'] }, REPLICAS_NOTE),
  'invalid-irsa-role': template('annotation-format.yaml', 'invalid-irsa-role', { key: 'eks.amazonaws.com/role-arn', pattern: IRSA_ROLE_ARN, kinds: ['ServiceAccount'] }, 'kube-linter\'s test-only custom check (a CEL expression, and template forbidden-annotation with a negated value)'),
  'invalid-target-ports': rules('schema/invalid-pod-field', { only: /port/i }),
  'job-ttl-seconds-after-finished': none('no kubevet rule: Jobs without ttlSecondsAfterFinished are kept for their logs until someone deletes them, a retention choice; kubevet checks Job limits (reliability/job-limits)'),
  'kubeconform-validation': rules(SCHEMA_RULES),
  'latest-tag': rules('image/latest-tag'),
  'liveness-port': rules('reliability/probe-port', { only: /liveness/i }),
  'minimum-three-replicas': template('minimum-replicas.yaml', 'minimum-three-replicas', { minReplicas: 3, kinds: DEPLOYMENT_LIKE }, REPLICAS_NOTE),
  'mismatching-selector': rules('schema/selector-mismatch'),
  'no-anti-affinity': rules('reliability/no-pod-spread'),
  'no-extensions-v1beta': rules('deprecation/removed-api'),
  'no-liveness-probe': rule('reliability/missing-probe', { readiness: false, liveness: true }),
  'no-node-affinity': none('no kubevet rule: most workloads should run on any node; node affinity is a placement choice'),
  'no-read-only-root-fs': rules('security/writable-root-filesystem'),
  'no-readiness-probe': rule('reliability/missing-probe', { readiness: true, liveness: false }),
  'no-rolling-update-strategy': none('no kubevet rule: Recreate is the right strategy for singletons and ReadWriteOnce volumes; kubevet reports rolling updates that cannot progress or take every pod down (reliability/rollout-strategy)'),
  'non-existent-service-account': rules(['reference/dangling-reference', 'reference/unresolved-reference'], { only: /ServiceAccount/ }),
  'non-isolated-pod': rules('network/unprotected-workload'),
  'pdb-max-unavailable': rules('reliability/pdb-blocks-eviction', { only: /maxUnavailable/ }),
  'pdb-min-available': rules('reliability/pdb-blocks-eviction', { only: /minAvailable/ }),
  'pdb-unhealthy-pod-eviction-policy': none('no kubevet rule: the default IfHealthyBudget keeps the budget for unhealthy pods; AlwaysAllow (which the Kubernetes documentation suggests for most applications) is a per-application choice, not a defect of a manifest that leaves the field unset'),
  'priority-class-name': template('priority-class-name.yaml', 'priority-class-name', { acceptedPriorityClassNames: ['system-cluster-critical', 'system-node-critical'] }, 'no built-in rule: most workloads rightly run at the default priority; which classes a team may use is a policy'),
  'privilege-escalation-container': pss('allowPrivilegeEscalation != false'),
  'privileged-container': pss('privileged'),
  'privileged-ports': none('no kubevet rule: binding a port below 1024 needs only NET_BIND_SERVICE (in the default set) and container runtimes open low ports to unprivileged users; it grants nothing on the node'),
  'read-secret-from-env-var': rules('security/secret-as-env'),
  'readiness-port': rules('reliability/probe-port', { only: /readiness/i }),
  'required-annotation-email': template('required-annotation.yaml', 'required-annotation-email', { key: 'email', value: String.raw`[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+`, kinds: DEPLOYMENT_LIKE }),
  'required-label-owner': template('required-label.yaml', 'required-label-owner', { key: 'owner', kinds: DEPLOYMENT_LIKE }),
  'restart-policy': template('restart-policy.yaml', 'restart-policy', { acceptedRestartPolicies: ['Always', 'OnFailure'] }, 'no built-in rule: an organisation policy; kubevet reports the restart policies the API server rejects for the kind (schema/invalid-enum)'),
  'run-as-non-root': { kind: 'rules', run: { rules: ['security/pod-security', 'security/root-group'], options: { 'security/pod-security': { level: 'restricted' } }, only: /runAsNonRoot != true|runAsUser=0|root group|runAsGroup/ } },
  'scc-deny-privileged-container': none('OpenShift SecurityContextConstraints are not Kubernetes API objects kubevet models'),
  'schema-validation': rules(SCHEMA_RULES),
  'sensitive-host-mounts': rules('security/sensitive-host-mount'),
  'sorted-keys': none('no kubevet rule: key order has no meaning to Kubernetes; a formatter\'s job'),
  'ssh-port': none('no kubevet rule: a container port named or numbered 22 says nothing certain about an SSH daemon'),
  'startup-port': rules('reliability/probe-port', { only: /startup/i }),
  'statefulset-volumeclaimtemplate-annotation': template('statefulset-volumeclaimtemplate-annotation.yaml', 'statefulset-volumeclaimtemplate-annotation', { annotation: 'required-annotation' }, 'kube-linter\'s test-only custom check (template statefulset-volumeclaimtemplate-annotation)'),
  'unsafe-proc-mount': pss('procMount'),
  'unsafe-sysctls': pss('forbidden sysctls'),
  'unset-cpu-requirements': rule('reliability/missing-resources', { cpuRequest: true, memoryRequest: false, memoryLimit: false, cpuLimit: false }),
  'unset-memory-requirements': rule('reliability/missing-resources', { cpuRequest: false, memoryRequest: false, memoryLimit: true, cpuLimit: false }),
  'use-namespace': none('no kubevet rule: manifests without a namespace are normal (the namespace comes from `kubectl -n`, kustomize or Helm at apply time)'),
  'wildcard-in-rules': rules('rbac/wildcard-rule'),
  'writable-host-mount': rules('security/writable-host-mount'),
  /** `--fail-on-invalid-resource`: malformed YAML must fail, a valid Pod must not. */
  'invalid-resource': rules(['yaml/syntax', 'schema/not-an-object', 'schema/missing-api-version-or-kind']),
  /** kube-linter renders a kustomize directory itself. */
  'kustomize (built-in defaults)': none('kubevet does not render kustomize or Helm (no external binaries, no network); pipe `kustomize build` into `kubevet -`'),
};

interface ExpectedReport {
  index: number;
  check: string | null;
  object: { kind: string; name?: string };
}

interface Run {
  test: string;
  args: string;
  config?: string;
  expectedReportCount?: number | null | { atLeast: number };
  expectedReports?: ExpectedReport[];
  expectedOutcome?: string;
}

interface KubeLinterExpected {
  fixtures: Record<string, Run[]>;
  objectsInFixture: Record<string, { kind: string; name?: string }[]>;
}

/** kube-linter's fixtures name the objects that must not be reported `dont-fire…` or `should-pass…`. */
function mustNotFire(name: string | undefined): boolean {
  return name !== undefined && /^(?:dont-fire|should-pass)/.test(name);
}

/**
 * The object (position in the fixture) of reports that the kind alone does not place, read
 * from the fixture and the report message.
 */
const REPORT_OBJECTS: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  // "no resources found matching HorizontalPodAutoscaler scaleTargetRef ({Deployment app2 …})": hpa1 targets app2.
  'tests/checks/dangling-hpa.yml': { 0: 3 },
  // Reports 2 and 3 name container "invalid-target-ports" of the Deployment invalid-target-ports.
  'tests/checks/invalid-target-ports.yaml': { 0: 0, 1: 0, 2: 1, 3: 1 },
  // Two Roles named role1: only the second has a `*` (verbs).
  'tests/checks/wildcard-in-rules.yml': { 0: 1 },
  // Two NetworkPolicies named app: only the second is extensions/v1beta1.
  'tests/checks/no-extensions-v1beta.yml': { 0: 1 },
  // "MaxUnavailable is set to 0": foo, not baz (maxUnavailable 1).
  'tests/checks/pdb-max-unavailable.yaml': { 0: 1 },
};

interface ObjectExpectation {
  readonly index: number;
  readonly kind: string;
  readonly name: string | undefined;
  readonly expected: 'fail' | 'pass';
}

/**
 * Which objects each report is about: reports come in object order, so each goes to the next
 * object of its kind (and name, when given) at or after the previous report's object, never to
 * a `dont-fire` object. Objects of the reported kinds that get no report pass when every report
 * is listed (or by their `dont-fire` name); others are not compared.
 */
export function objectExpectations(objects: readonly { kind: string; name?: string }[], reports: readonly ExpectedReport[], complete: boolean, placed: Readonly<Record<number, number>> = {}): ObjectExpectation[] {
  const flagged = new Set<number>();
  let previous = -1;
  for (const report of [...reports].sort((a, b) => a.index - b.index)) {
    const fixed = placed[report.index];
    if (fixed !== undefined) {
      flagged.add(fixed);
      previous = fixed;
      continue;
    }
    const candidates = objects
      .map((o, index) => ({ ...o, index }))
      .filter((o) => o.kind === report.object.kind && (report.object.name === undefined ? !mustNotFire(o.name) : o.name === report.object.name));
    const chosen = candidates.find((o) => o.index > previous) ?? candidates.find((o) => o.index === previous) ?? candidates[0];
    if (chosen === undefined) throw new Error(`kube-linter report ${report.index} (${report.object.kind}) matches no object`);
    flagged.add(chosen.index);
    previous = chosen.index;
  }
  const kinds = new Set(reports.map((r) => r.object.kind));
  return objects.flatMap((o, index): ObjectExpectation[] => {
    if (!kinds.has(o.kind)) return [];
    if (flagged.has(index)) return [{ index, kind: o.kind, name: o.name, expected: 'fail' }];
    if (complete || mustNotFire(o.name)) return [{ index, kind: o.kind, name: o.name, expected: 'pass' }];
    return [];
  });
}

function caseId(file: string, o: { index: number; kind: string; name?: string }): string {
  return `${file} ${o.kind}/${o.name ?? `#${o.index}`}`;
}

/** The check a run exercises: `--include CHECK`, or each custom check of its config. */
function checksOf(run: Run): string[] {
  const include = /--include (\S+)/.exec(run.args)?.[1];
  if (include !== undefined) return [include];
  return [...new Set((run.expectedReports ?? []).map((r) => r.check).filter((c): c is string => c !== null))];
}

function compareObjects(dir: string, file: string, check: string, objects: readonly { kind: string; name?: string }[], reports: readonly ExpectedReport[], run: Run): CaseResult[] {
  const complete = typeof run.expectedReportCount === 'number' && run.expectedReportCount === (run.expectedReports ?? []).length;
  const expectations = objectExpectations(objects, reports, complete, REPORT_OBJECTS[file]);
  const mapping = KUBE_LINTER_MAPPING[check];
  if (mapping === undefined) throw new Error(`kube-linter check ${check} has no mapping`);
  if (mapping.kind !== 'rules') return expectations.map((e) => notCompared(check, caseId(file, e), e.expected));
  const result = runFixture({ [file]: readFileSync(join(dir, file), 'utf8') }, mapping.run);
  if (result.objects.length !== objects.length) throw new Error(`kubevet reads ${result.objects.length} objects in ${file}, kube-linter ${objects.length}`);
  const hit = flaggedObjects(result);
  return expectations.map((e) => {
    const got = hit.has(e.index) ? 'fail' : 'pass';
    return { check, case: caseId(file, e), expected: e.expected, got, agreed: got === e.expected, findings: describeFindings(result, e.index) };
  });
}

/** `--fail-on-invalid-resource` unit tests: one verdict for the whole file. */
function compareFile(dir: string, file: string, run: Run): CaseResult {
  const check = 'invalid-resource';
  const expected = /^failure/.test(run.expectedOutcome ?? '') ? 'fail' : 'pass';
  const mapping = KUBE_LINTER_MAPPING[check];
  if (mapping.kind !== 'rules') return notCompared(check, file, expected);
  const result = runFixture({ [file]: readFileSync(join(dir, file), 'utf8') }, mapping.run);
  const got = result.findings.length > 0 ? 'fail' : 'pass';
  return { check, case: file, expected, got, agreed: got === expected, findings: describeFindings(result) };
}

export function runKubeLinter(dir: string): PeerReport {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as KubeLinterExpected;
  const results: CaseResult[] = [];
  for (const [file, runs] of Object.entries(expected.fixtures)) {
    for (const run of runs) {
      if (run.expectedOutcome !== undefined) {
        results.push(compareFile(dir, file, run));
        continue;
      }
      if (run.test === 'flag-kustomize-support') {
        results.push(notCompared('kustomize (built-in defaults)', file, 'fail'));
        continue;
      }
      const objects = expected.objectsInFixture[file];
      for (const check of checksOf(run)) {
        const reports = (run.expectedReports ?? []).filter((r) => r.check === check);
        results.push(...compareObjects(dir, file, check, objects, reports, run));
      }
    }
  }
  return { peer: 'kube-linter', results, deviations: KUBE_LINTER_DEVIATIONS };
}

const DEPLOYMENT_CONFIG =
  'a DeploymentConfig (apps.openshift.io/v1, OpenShift-only and deprecated since OpenShift 4.14): kubevet checks the pod templates of Kubernetes workload kinds; a DeploymentConfig is a custom resource to it (its selector is a plain map, its strategy and triggers differ), so its pod template is not linted';

/** DeploymentConfig objects of kube-linter fixtures that the check reports. */
function deploymentConfigs(entries: readonly (readonly [check: string, file: string, name: string])[]): Deviation[] {
  return entries.map(([check, file, name]) => ({ check, case: `tests/checks/${file} DeploymentConfig/${name}`, reason: DEPLOYMENT_CONFIG }));
}

/** Disagreements kept on purpose, with the reason. */
export const KUBE_LINTER_DEVIATIONS: readonly Deviation[] = [
  ...deploymentConfigs([
    ['default-service-account', 'default-service-account.yml', 'app'],
    ['docker-sock', 'docker-sock.yml', 'app'],
    ['drop-net-raw-capability', 'drop-net-raw-capability.yml', 'app'],
    ['env-var-secret', 'env-var-secret.yml', 'app'],
    ['host-ipc', 'host-ipc.yml', 'app'],
    ['host-network', 'host-network.yml', 'app'],
    ['host-pid', 'host-pid.yml', 'app'],
    ['latest-tag', 'latest-tag.yml', 'app'],
    ['mismatching-selector', 'mismatching-selector.yml', 'app2'],
    ['no-anti-affinity', 'no-anti-affinity.yml', 'app2'],
    ['no-liveness-probe', 'no-liveness-probe.yml', 'app2'],
    ['no-read-only-root-fs', 'no-read-only-root-fs.yml', 'app2'],
    ['no-readiness-probe', 'no-readiness-probe.yml', 'app2'],
    ['non-existent-service-account', 'non-existent-service-account.yml', 'app'],
    ['non-isolated-pod', 'non-isolated-pod.yml', 'app2'],
    ['privilege-escalation-container', 'privilege-escalation-container.yml', 'app2'],
    ['privileged-container', 'privileged-container.yml', 'app2'],
    ['read-secret-from-env-var', 'read-secret-from-env-var.yml', 'app2'],
    ['run-as-non-root', 'run-as-non-root.yml', 'app2'],
    ['run-as-non-root', 'run-as-non-root.yml', 'group-zero'],
    ['sensitive-host-mounts', 'sensitive-host-mounts.yml', 'app2'],
    ['unsafe-proc-mount', 'unsafe-proc-mount.yml', 'app2'],
    ['unsafe-sysctls', 'unsafe-sysctls.yml', 'app2'],
    ['unset-cpu-requirements', 'unset-cpu-requirements.yml', 'app2'],
    ['unset-memory-requirements', 'unset-memory-requirements.yml', 'app2'],
    ['writable-host-mount', 'writable-host-mount.yml', 'app2'],
  ]),
  {
    check: 'dangling-networkpolicy',
    case: 'tests/checks/dangling-networkpolicy.yml NetworkPolicy/app',
    reason: 'the fixture holds the NetworkPolicy alone: with no workload of its namespace in the run, the pods are evidently linted elsewhere, so kubevet cannot call the selector dangling (unknown, not missing; `closedWorld: true` reports it)',
  },
  {
    check: 'dangling-networkpolicypeer-podselector',
    case: 'tests/checks/dangling-networkpolicypeer-podselector.yml NetworkPolicy/app',
    reason: 'the fixture holds the NetworkPolicy alone: with no workload of its namespace in the run, kubevet cannot call the peer selector dead (unknown, not missing)',
  },
  {
    check: 'no-readiness-probe',
    case: 'tests/checks/no-readiness-probe.yml Deployment/app1',
    reason: 'the pod declares no port and no Service selects it, so it serves no traffic a readiness probe could hold back; kubevet requires readiness probes only for serving pods (documented in reliability/missing-probe)',
  },
  {
    check: 'pdb-min-available',
    case: 'tests/checks/pdb-min-available.yaml PodDisruptionBudget/baz',
    reason: 'the Deployment it should cover has no pod template at all (the API server rejects it; schema/required-field): kubevet matches budgets against pod template labels, kube-linter against the Deployment selector',
  },
];
