/**
 * The reference and reliability rules on real-world manifests (../shared/corpus/real), one run
 * per project as a user would lint it. The counts are pinned, with the verdict of a review of
 * the findings, so a change in any rule's behaviour on real manifests is seen and re-reviewed.
 *
 * Verdicts (all findings reviewed; the cross-object ones one by one):
 * - duplicate-object: every finding is a real duplicate within one directory, always between
 *   alternative bundles that are never applied together (argo-cd install.yaml vs
 *   namespace-install.yaml, calico.yaml vs canal.yaml vs calico-etcd.yaml, example variants);
 *   the message says so when two files share 3 or more objects. Copies in sibling directories
 *   (ingress-nginx providers) are not reported.
 * - unresolved-reference (info): all true outside dependencies: Secrets made at run time by Jobs
 *   (argocd-redis, ingress-nginx-admission), a StatefulSet governing Service argo-cd never ships,
 *   placeholder TLS Secrets and Services of docs examples, StorageClasses of the cluster.
 * - missing-probe, missing-resources, single-replica, missing-pdb, no-pod-spread, job-limits,
 *   identical-probes, zero-grace-period: true per the rule (checked against each manifest);
 *   calico-node and the ingress-nginx kind variant set terminationGracePeriodSeconds: 0 on purpose.
 * - The five cross-object warnings/infos below are true: see SPOT_CHECKS.
 */
import type { AnyRule } from '../../src/engine/rule';
import { EMPTY_CONFIG } from '../../src/engine/config';
import { runEngine } from '../../src/engine/run';
import { loadPaths } from '../../src/load';
import { buildObjects } from '../../src/model/build';
import type { Finding } from '../../src/types';
import { describeShared, sharedPath } from '../helpers/shared';
import { OUR_RULES } from '../rules/reference/support';

const EXPECTED_COUNTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'argo-cd': { 'reference/duplicate-object': 111, 'reference/unresolved-reference': 28, 'reliability/identical-probes': 2, 'reliability/missing-pdb': 8, 'reliability/missing-probe': 28, 'reliability/missing-resources': 34, 'reliability/single-replica': 22 },
  calico: { 'reference/duplicate-object': 72, 'reference/unresolved-reference': 1, 'reliability/missing-probe': 3, 'reliability/missing-resources': 12, 'reliability/single-replica': 5, 'reliability/zero-grace-period': 3 },
  flannel: { 'reliability/missing-probe': 1 },
  'ingress-nginx': { 'reference/duplicate-object': 4, 'reference/unresolved-reference': 22, 'reliability/job-limits': 18, 'reliability/missing-pdb': 1, 'reliability/missing-probe': 16, 'reliability/missing-resources': 36, 'reliability/no-pod-spread': 1, 'reliability/single-replica': 16, 'reliability/zero-grace-period': 1 },
  'kube-prometheus': { 'reliability/missing-probe': 9, 'reliability/no-pod-spread': 1, 'reliability/single-replica': 4 },
  'kubernetes-examples': {
    'reference/duplicate-object': 21,
    'reference/hpa-target': 1,
    'reference/overlapping-selectors': 1,
    'reference/service-port-undeclared': 1,
    'reference/service-selects-nothing': 1,
    'reference/unresolved-reference': 12,
    'reliability/identical-probes': 1,
    'reliability/missing-pdb': 16,
    'reliability/missing-probe': 56,
    'reliability/missing-resources': 116,
    'reliability/no-pod-spread': 16,
    'reliability/pdb-blocks-eviction': 1,
    'reliability/replicas-with-autoscaler': 1,
    'reliability/single-replica': 12,
  },
  'microservices-demo': { 'reliability/identical-probes': 8, 'reliability/missing-probe': 1, 'reliability/single-replica': 12 },
};

const SPOT_CHECKS: [file: string, line: number, ruleId: string, verdict: string][] = [
  ['kubernetes-examples/AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml', 15, 'reference/hpa-target', 'two HPAs in one directory target the same Deployment (alternatives: CPU and GPU metrics)'],
  ['kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml', 67, 'reliability/pdb-blocks-eviction', 'minAvailable 67% of 3 replicas rounds up to 3: no eviction is ever allowed'],
  ['kubernetes-examples/_archived/storage/minio/minio-distributed-statefulset.yaml', 8, 'reference/overlapping-selectors', 'app=minio selects the standalone Deployment in the same directory too'],
  ['kubernetes-examples/_archived/storage/vitess/vtgate-service.yaml', 11, 'reference/service-selects-nothing', 'the vtgate controller is not part of the directory'],
  ['kubernetes-examples/_archived/volumes/flocker/flocker-pod-with-rc.yml', 11, 'reference/service-port-undeclared', 'Ghost listens on the declared 2368, the Service targets 80'],
];

function lintProject(project: string): { findings: Finding[]; internalErrors: string[] } {
  const load = loadPaths([project], { cwd: sharedPath('corpus', 'real'), ignore: [], maxFileBytes: 64 * 1024 * 1024 });
  const build = buildObjects(load.documents, { defaultNamespace: 'default' });
  // Reading problems belong to other rules; only the objects matter here.
  return runEngine({ ...load, problems: [] }, { ...build, problems: [] }, {
    rules: [...(OUR_RULES as AnyRule[])],
    config: EMPTY_CONFIG,
    overrides: new Map(),
    settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld: false },
  });
}

function counts(findings: readonly Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of [...findings].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1))) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

describeShared('reference and reliability rules on ../shared/corpus/real', () => {
  const results = new Map<string, Finding[]>();

  test.each(Object.keys(EXPECTED_COUNTS))('%s: pinned counts, no internal error', (project) => {
    const started = Date.now();
    const result = lintProject(project);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.internalErrors).toEqual([]);
    results.set(project, result.findings);
    expect(counts(result.findings)).toEqual(EXPECTED_COUNTS[project]);
  });

  test.each(SPOT_CHECKS)('%s:%i %s (%s)', (file, line, ruleId) => {
    const project = file.split('/')[0];
    const findings = results.get(project) ?? lintProject(project).findings;
    expect(findings.some((f) => f.file === file && f.line === line && f.ruleId === ruleId)).toBe(true);
  });

  test('no warning or error from the cross-object rules beyond the spot checks and the duplicates', () => {
    const all = Object.keys(EXPECTED_COUNTS).flatMap((p) => results.get(p) ?? lintProject(p).findings);
    const crossObject = all.filter((f) => f.ruleId.startsWith('reference/') && f.ruleId !== 'reference/duplicate-object' && f.ruleId !== 'reference/unresolved-reference');
    const expected = SPOT_CHECKS.filter(([, , id]) => id.startsWith('reference/')).map(([file, line, id]) => `${file}:${line} ${id}`);
    expect(crossObject.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort()).toEqual(expected.sort());
  });
});
