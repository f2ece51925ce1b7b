/**
 * kubesec (controlplaneio) rule fixtures and scan fixtures. A rule fixture gives what the rule's
 * predicate counts; negative-point rules (critical) are findings, positive-point rules are
 * credits for a hardening that kubevet instead reports when it is missing. So kubevet must
 * report a critical rule's fixture when the count is above 0, and a credit's fixture when the
 * credit is missing: for per-container (per-claim) credits, when not every container (claim
 * template) earns it; for the others, when nothing earns it. Scan fixtures give the sign of the total score: below 0 means
 * a critical rule matched, which kubevet's equivalents of the critical rules must report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containersOf, podSpecOf } from '../../src/model/workload';
import { describeFindings, flagged, runFixture, type FixtureRun, type KubevetRun } from './engine';
import { none, pss, rule, rules } from './runs';
import { notCompared, type CaseResult, type Deviation, type Mapping, type PeerReport } from './types';

const RESOURCES_OFF = { cpuRequest: false, memoryRequest: false, memoryLimit: false, cpuLimit: false };
const UID_THRESHOLD = 'no kubevet rule for an ID threshold: kubevet reports root (runAsNonRoot, runAsUser 0, root group); IDs above 10000 only avoid collisions with host users, which user namespaces (hostUsers: false) remove entirely';

export const KUBESEC_MAPPING: Mapping = {
  AllowPrivilegeEscalation: pss('allowPrivilegeEscalation != false'),
  ApparmorAny: none('no kubevet rule: no Pod Security level requires an AppArmor profile; on nodes with AppArmor the runtime applies its default profile when none is set'),
  ApparmorUnconfined: pss(['forbidden AppArmor profile', 'forbidden AppArmor profiles']),
  AutomountServiceAccountToken: rules('rbac/unused-token'),
  BindingsToSystemAnonymous: rules('rbac/public-binding'),
  CapDropAll: pss('unrestricted capabilities'),
  CapDropAny: none('no kubevet rule: dropping some capability is not a hardening level; kubevet requires dropping ALL (Pod Security restricted, security/pod-security-restricted)'),
  CapSysAdmin: rules('security/dangerous-capability', { only: /SYS_ADMIN/ }),
  DockerSock: rules('security/sensitive-host-mount', { only: /docker\.sock/ }),
  HostAliases: none('no kubevet rule: hostAliases only adds /etc/hosts entries inside the pod, which DNS could do as well; it gives no access to the node'),
  HostIPC: pss('host namespaces', 'hostIPC=true'),
  HostNetwork: pss('host namespaces', 'hostNetwork=true'),
  HostPID: pss('host namespaces', 'hostPID=true'),
  HostUsers: none('no kubevet rule: user namespaces (hostUsers: false) need node support (Linux 6.3+, a runtime with idmap mounts); kubevet honours them (Pod Security relaxations) but does not require them'),
  LimitsCPU: rule('reliability/missing-resources', { ...RESOURCES_OFF, cpuLimit: true }),
  LimitsMemory: rule('reliability/missing-resources', { ...RESOURCES_OFF, memoryLimit: true }),
  Privileged: pss('privileged'),
  ProcMount: rules('security/sensitive-host-mount', { only: /\/proc/ }),
  ReadOnlyRootFilesystem: rules('security/writable-root-filesystem'),
  RequestsCPU: rule('reliability/missing-resources', { ...RESOURCES_OFF, cpuRequest: true }),
  RequestsMemory: rule('reliability/missing-resources', { ...RESOURCES_OFF, memoryRequest: true }),
  RunAsGroup: none(UID_THRESHOLD),
  RunAsNonRoot: pss('runAsNonRoot != true'),
  RunAsUser: none(UID_THRESHOLD),
  SeccompAny: pss('seccompProfile'),
  SeccompUnconfined: pss('seccompProfile', 'Unconfined'),
  SecretsAsEnvironmentVariables: rules('security/secret-as-env'),
  ServiceAccountName: rules('security/default-service-account'),
  VolumeClaimAccessModeReadWriteOnce: none('no kubevet rule: the access mode is a storage choice (ReadWriteOnce is not safer than ReadWriteOncePod or ReadOnlyMany)'),
  VolumeClaimRequestsStorage: rules('schema/api-required', { only: /requests no storage/ }),
};

/** Credits earned per container: kubevet reports the containers that miss them. */
const PER_CONTAINER_CREDITS = new Set(['CapDropAll', 'LimitsCPU', 'LimitsMemory', 'ReadOnlyRootFilesystem', 'RequestsCPU', 'RequestsMemory']);
/** Credits earned per StatefulSet volume claim template. */
const PER_CLAIM_CREDITS = new Set(['VolumeClaimRequestsStorage']);

interface RuleFixture {
  rule: string;
  expectedMatchCount: number;
}

interface ScanExpectation {
  test: string;
  expectedScore?: string;
  httpApiOnly?: boolean;
  note?: string;
  'expectedOutputMatches(any of)'?: string[];
}

interface KubesecExpected {
  ruleFixtures: Record<string, RuleFixture>;
  scanFixtures: Record<string, ScanExpectation[]>;
  ruleCatalogue: { id: string; points: number }[];
}

/** Every container of every workload in the fixture (init, regular and ephemeral). */
function containerCount(run: FixtureRun): number {
  return run.objects.reduce((n, { object }) => {
    const pod = podSpecOf(object);
    return n + (pod === undefined ? 0 : containersOf(pod).length);
  }, 0);
}

/** Volume claim templates of the StatefulSets in the fixture. */
function claimTemplateCount(run: FixtureRun): number {
  return run.objects.reduce((n, { object }) => {
    const templates = object.kind === 'StatefulSet' ? object.get(['spec', 'volumeClaimTemplates']) : undefined;
    return n + (Array.isArray(templates) ? templates.length : 0);
  }, 0);
}

/** Whether kubevet must report the fixture, from the rule's polarity and the predicate's count. */
function expectedVerdict(ruleId: string, points: number, count: number, run: FixtureRun): 'pass' | 'fail' {
  if (points < 0) return count > 0 ? 'fail' : 'pass';
  if (PER_CONTAINER_CREDITS.has(ruleId)) return count < containerCount(run) ? 'fail' : 'pass';
  if (PER_CLAIM_CREDITS.has(ruleId)) return count < claimTemplateCount(run) ? 'fail' : 'pass';
  return count === 0 ? 'fail' : 'pass';
}

function describeExpected(points: number, count: number): string {
  return `${points < 0 ? 'critical' : 'credit'} matched ${count}`;
}

function ruleResults(dir: string, expected: KubesecExpected): CaseResult[] {
  const points = new Map(expected.ruleCatalogue.map((r) => [r.id, r.points]));
  return Object.entries(expected.ruleFixtures).map(([file, fixture]): CaseResult => {
    const mapping = KUBESEC_MAPPING[fixture.rule];
    const rulePoints = points.get(fixture.rule);
    if (mapping === undefined || rulePoints === undefined) throw new Error(`kubesec rule ${fixture.rule} has no mapping`);
    const label = describeExpected(rulePoints, fixture.expectedMatchCount);
    if (mapping.kind !== 'rules') return notCompared(fixture.rule, file, label);
    const result = runFixture({ [file]: readFileSync(join(dir, file), 'utf8') }, mapping.run);
    const verdict = expectedVerdict(fixture.rule, rulePoints, fixture.expectedMatchCount, result);
    const got = flagged(result) ? 'fail' : 'pass';
    return { check: fixture.rule, case: file, expected: `${label} (${verdict})`, got, agreed: got === verdict, findings: describeFindings(result) };
  });
}

export const SCORE_CHECK = 'scan: score below 0 (a critical rule matched)';
export const SCHEMA_CHECK = 'scan: schema validation';
const SCHEMA_RULES = ['schema/unknown-field', 'schema/invalid-type', 'schema/required-field', 'schema/invalid-value', 'schema/unknown-kind'];

/**
 * Scan expectations that judge a manifest: the sign of the score, and schema errors. The others
 * test kubesec's command line and HTTP API (output order, determinism, content type, empty or
 * non-YAML input, unsupported kinds) or are marked TODO upstream.
 */
function scanResults(dir: string, expected: KubesecExpected): CaseResult[] {
  const critical = expected.ruleCatalogue
    .filter((r) => r.points < 0)
    .flatMap((r) => {
      const mapping = KUBESEC_MAPPING[r.id];
      return mapping?.kind === 'rules' ? [mapping.run] : [];
    });
  const out: CaseResult[] = [];
  for (const [file, expectations] of Object.entries(expected.scanFixtures)) {
    const seen = new Set<string>();
    for (const e of expectations) {
      if (e.httpApiOnly === true || e.note !== undefined) continue;
      const schema = (e['expectedOutputMatches(any of)'] ?? []).some((m) => m.includes('additional properties'));
      const check = schema ? SCHEMA_CHECK : e.expectedScore !== undefined ? SCORE_CHECK : undefined;
      // One case per file and check (several bats tests read the same file the same way).
      if (check === undefined || seen.has(check)) continue;
      seen.add(check);
      const runs: KubevetRun[] = check === SCHEMA_CHECK ? [{ rules: SCHEMA_RULES }] : critical;
      const text = readFileSync(join(dir, file), 'utf8');
      const results = runs.map((run) => runFixture({ [file]: text }, run));
      const got = results.some(flagged) ? 'fail' : 'pass';
      const verdict = check === SCHEMA_CHECK || e.expectedScore === '< 0' ? 'fail' : 'pass';
      out.push({ check, case: file, expected: check === SCHEMA_CHECK ? 'rejected by the schema' : `score ${e.expectedScore ?? ''}`, got, agreed: got === verdict, findings: results.flatMap((r) => describeFindings(r)) });
    }
  }
  return out;
}

export function runKubesec(dir: string): PeerReport {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as KubesecExpected;
  return { peer: 'kubesec', results: [...ruleResults(dir, expected), ...scanResults(dir, expected)], deviations: KUBESEC_DEVIATIONS };
}

const LOCALHOST_CASE =
  'the fixture writes the profile type as `LocalHost`; the type is case-sensitive and only `Localhost` exists, so the API server rejects the pod (kubevet: schema/invalid-value) and Pod Security treats the unknown type as forbidden; kubesec compares case-insensitively';
const APE_UNSET =
  'no critical kubesec rule matches; kubevet\'s equivalent of kubesec\'s AllowPrivilegeEscalation (Pod Security restricted) also reports a container that leaves allowPrivilegeEscalation unset, because unset allows escalation (setuid binaries gain privileges); kubesec only penalises an explicit `true`';

function scans(files: readonly string[], reason: string): Deviation[] {
  return files.map((file) => ({ check: SCORE_CHECK, case: `test/asset/${file}`, reason }));
}

/** Disagreements kept on purpose, with the reason. */
export const KUBESEC_DEVIATIONS: readonly Deviation[] = [
  ...['04-localhost-apparmorprofile-found-inside-spec-securitycontext.yaml', '07-localhost-apparmorprofile-found-inside-spec-containers-secur.yaml', '10-localhost-apparmorprofile-found-inside-spec-initcontainers-s.yaml', '13-localhost-apparmorprofile-found-inside-spec-ephemeralcontain.yaml'].map(
    (file) => ({ check: 'ApparmorUnconfined', case: `rules/ApparmorUnconfined/${file}`, reason: LOCALHOST_CASE }),
  ),
  ...['04-localhost-seccompprofile-found-inside-spec-securitycontext.yaml', '07-localhost-seccompprofile-found-inside-spec-containers-securi.yaml', '10-localhost-seccompprofile-found-inside-spec-initcontainers-se.yaml', '13-localhost-seccompprofile-found-inside-spec-ephemeralcontaine.yaml'].map(
    (file) => ({ check: 'SeccompAny', case: `rules/SeccompAny/${file}`, reason: LOCALHOST_CASE }),
  ),
  ...['01-test-runasnonroot-pod.yaml', '03-test-runasnonroot-initcontainers.yaml'].map((file) => ({
    check: 'RunAsNonRoot',
    case: `rules/RunAsNonRoot/${file}`,
    reason: 'kubesec credits a single `runAsNonRoot: true` anywhere in the pod; here containers override the pod value with false or are not covered, so they may run as root, which kubevet reports per container (pod-level values are inherited, container values win)',
  })),
  ...['02-test-serviceaccountname-empty.yaml', '03-test-serviceaccountname-missing.yaml'].map((file) => ({
    check: 'ServiceAccountName',
    case: `rules/ServiceAccountName/${file}`,
    reason: 'the pod runs as the default ServiceAccount but sets automountServiceAccountToken: false, so it holds no credential; kubevet reports the default ServiceAccount only with a mounted token (security/default-service-account)',
  })),
  ...scans(
    [
      'bug-dump-2.json',
      'score-0-cap-chown.yml',
      'score-0-dep-apparmor-empty-securitycontext.yml',
      'score-0-dep-seccomp-empty-securitycontext.yml',
      'score-0-statefulset-no-sec.yml',
      'score-1-cap-drop-all.yml',
      'score-1-dep-apparmor-nonunconfined-container.yml',
      'score-1-dep-apparmor-nonunconfined-ephemeralcontainer.yml',
      'score-1-dep-apparmor-nonunconfined-initcontainer.yml',
      'score-1-dep-apparmor-nonunconfined-spec-securitycontext.yml',
      'score-1-dep-empty-security-context.yml',
      'score-1-dep-podseccon-run-as-group-1.yml',
      'score-1-dep-podseccon-run-as-group-10001.yml',
      'score-1-dep-podseccon-run-as-non-root.yml',
      'score-1-dep-podseccon-run-as-user-1.yml',
      'score-1-dep-podseccon-run-as-user-10001.yml',
      'score-1-dep-resource-limit-cpu.yml',
      'score-1-dep-resource-limit-memory.yml',
      'score-1-dep-ro-root-fs.yml',
      'score-1-dep-seccomp-nonunconfined-container.yml',
      'score-1-dep-seccomp-nonunconfined-ephemeralcontainer.yml',
      'score-1-dep-seccomp-nonunconfined-initcontainer.yml',
      'score-1-dep-seccomp-nonunconfined-spec-securitycontext.yml',
      'score-1-dep-seccon-run-as-group-1.yml',
      'score-1-dep-seccon-run-as-group-10001.yml',
      'score-1-dep-seccon-run-as-non-root.yml',
      'score-1-dep-seccon-run-as-user-1.yml',
      'score-1-dep-seccon-run-as-user-10001.yml',
      'score-1-pod-automount-sa-set-to-false.yml',
      'score-1-pod-hostUsers-set-to-false.yml',
      'score-1-statefulset-novolumeclaimtemplate.yml',
      'score-1-statefulset-volumeclaimtemplate.yml',
      'score-2-dep-serviceaccount.yml',
      'score-2-pod-serviceaccount.yml',
      'versioned/score-0-daemonset-v1.11.yml',
      'versioned/score-0-statefulset-v1.11.yml',
    ],
    APE_UNSET,
  ),
];
