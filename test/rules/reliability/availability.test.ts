/** Availability rules: replicas, PodDisruptionBudgets, spreading, rollouts, grace periods. */
import { deployment, findings, lint } from '../reference/support';

const hpa = (name: string, min: number, max: number): string => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}\n  minReplicas: ${min}\n  maxReplicas: ${max}\n`;
const pdb = (budget: string, name = 'web', labels = '{app: web}'): string => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n  ${budget}\n  selector:\n    matchLabels: ${labels}\n`;
const antiAffinity = (namespaces: string): string =>
  `      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector: {matchLabels: {app: web}}\n              ${namespaces}\n`;
const SPREAD = '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}\n';

describe('reliability/single-replica', () => {
  const RULE = 'reliability/single-replica';

  test('explicit and defaulted single replicas', () => {
    expect(findings(RULE, deployment('web', { replicas: 1 }))[0]).toMatchObject({ severity: 'info', path: 'spec.replicas', line: 6 });
    expect(findings(RULE, deployment('web'))[0].message).toContain('replicas is not set, so it defaults to 1');
  });

  test.each([
    ['three replicas', deployment('web', { replicas: 3 })],
    ['scaled to zero on purpose', deployment('web', { replicas: 0 })],
    ['an HPA owns the count', `${deployment('web', { replicas: 1 })}---\n${hpa('web', 2, 5)}`],
    ['a DaemonSet', deployment('web').replace('kind: Deployment', 'kind: DaemonSet')],
    ['a Helm hook', deployment('web').replace('  name: web\n', '  name: web\n  annotations: {helm.sh/hook: pre-install}\n')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/missing-pdb', () => {
  const RULE = 'reliability/missing-pdb';

  test('three replicas and no budget; an HPA that may scale up counts', () => {
    expect(findings(RULE, deployment('web', { replicas: 3 }))[0]).toMatchObject({ severity: 'info', path: 'spec.selector' });
    expect(findings(RULE, `${deployment('web')}---\n${hpa('web', 1, 4)}`)[0].message).toContain('runs up to 4 replicas (HorizontalPodAutoscaler `web`)');
  });

  test.each([
    ['a budget selects it', `${deployment('web', { replicas: 3 })}---\n${pdb('maxUnavailable: 1')}`],
    ['a single replica', deployment('web', { replicas: 1 })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/no-pod-spread', () => {
  const RULE = 'reliability/no-pod-spread';

  test('replicas without spreading, and spreading that misses its own pods', () => {
    expect(findings(RULE, deployment('web', { replicas: 3 }))[0].message).toContain('nothing keeps the 3 replicas of Deployment `web` on different nodes');
    const wrong = deployment('web', { replicas: 3, spec: SPREAD.replace('{app: web}', '{app: api}') });
    expect(findings(RULE, wrong)[0]).toMatchObject({ severity: 'info', path: 'spec.template.spec.topologySpreadConstraints' });
  });

  test.each([
    ['topology spread', deployment('web', { replicas: 3, spec: SPREAD })],
    ['preferred anti-affinity', deployment('web', { replicas: 3, spec: '      affinity:\n        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 100\n              podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}}\n' })],
    ['one replica', deployment('web', { replicas: 1 })],
    ['anti-affinity listing its own namespace', deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaces: [shop, other]') })],
    ['anti-affinity selecting its namespace by name', deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}') })],
    ['anti-affinity over every namespace', deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaceSelector: {}') })],
    ['a namespaceSelector on labels of a Namespace outside the run (unknown)', deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaceSelector: {matchLabels: {team: a}}') })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });

  test('anti-affinity terms whose namespaces leave out the workload\'s own (kube-linter no-anti-affinity fixture)', () => {
    const listed = deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaces: [other]') });
    expect(findings(RULE, listed)[0].message).toContain('or their namespaces leave out `shop`');
    const byName = deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}') });
    expect(findings(RULE, byName)).toHaveLength(1);
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: b}\n';
    const byLabel = `${namespace}---\n${deployment('web', { replicas: 3, namespace: 'shop', spec: antiAffinity('namespaceSelector: {matchLabels: {team: a}}') })}`;
    expect(findings(RULE, byLabel)).toHaveLength(1);
    expect(findings(RULE, byLabel.replace('team: b', 'team: a'))).toEqual([]);
  });
});

describe('reliability/rollout-strategy', () => {
  const RULE = 'reliability/rollout-strategy';
  const strategy = (rolling: string): string => `  strategy:\n    type: RollingUpdate\n    rollingUpdate: ${rolling}\n`;

  test('maxUnavailable 100% and at least the replica count', () => {
    expect(findings(RULE, deployment('web', { replicas: 3, strategy: strategy('{maxUnavailable: 100%}') }))[0]).toMatchObject({ severity: 'warning', path: 'spec.strategy.rollingUpdate.maxUnavailable' });
    expect(findings(RULE, deployment('web', { replicas: 3, strategy: strategy('{maxUnavailable: 3}') }))[0].message).toContain('at least the 3 replicas');
  });

  test('both zero, and a DaemonSet with maxUnavailable 0 alone', () => {
    expect(findings(RULE, deployment('web', { replicas: 3, strategy: strategy('{maxUnavailable: 0, maxSurge: 0}') }))[0].message).toContain('the API server rejects it');
    const ds = deployment('agent').replace('kind: Deployment', 'kind: DaemonSet').replace('spec:\n  selector', 'spec:\n  updateStrategy:\n    rollingUpdate: {maxUnavailable: 0}\n  selector');
    expect(findings(RULE, ds)[0].message).toContain('maxSurge is not set and defaults to 0 for a DaemonSet');
  });

  test.each([
    ['zero downtime', deployment('web', { replicas: 3, strategy: strategy('{maxUnavailable: 0, maxSurge: 1}') })],
    ['25%', deployment('web', { replicas: 3, strategy: strategy('{maxUnavailable: 25%}') })],
    ['a single replica may go', deployment('web', { replicas: 1, strategy: strategy('{maxUnavailable: 1}') })],
    ['Recreate', deployment('web', { replicas: 3, strategy: '  strategy:\n    type: Recreate\n' })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/pdb-blocks-eviction', () => {
  const RULE = 'reliability/pdb-blocks-eviction';

  test('constant budgets that allow nothing', () => {
    expect(findings(RULE, pdb('maxUnavailable: 0'))[0]).toMatchObject({ severity: 'warning', path: 'spec.maxUnavailable' });
    expect(findings(RULE, pdb('minAvailable: 100%'))).toHaveLength(1);
  });

  test('minAvailable at the replica count, also through percentages and HPAs', () => {
    expect(findings(RULE, `${pdb('minAvailable: 1')}---\n${deployment('web', { replicas: 1 })}`)[0].message).toContain('requires 1 available pod, but Deployment `web` runs 1 pod');
    expect(findings(RULE, `${pdb('minAvailable: 67%')}---\n${deployment('web', { replicas: 3 })}`)[0].message).toContain('requires 3 available pods');
    expect(findings(RULE, `${pdb('minAvailable: 2')}---\n${deployment('web', { replicas: 5 })}---\n${hpa('web', 2, 6)}`)[0].message).toContain("at its autoscaler's minimum");
  });

  test('a pod covered by two budgets', () => {
    const found = findings(RULE, `${pdb('maxUnavailable: 1')}---\n${pdb('maxUnavailable: 1', 'web-2')}---\n${deployment('web', { replicas: 3 })}`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('also selected by PodDisruptionBudget `web`');
  });

  test.each([
    ['maxUnavailable 1', `${pdb('maxUnavailable: 1')}---\n${deployment('web', { replicas: 1 })}`],
    ['minAvailable below the replicas', `${pdb('minAvailable: 2')}---\n${deployment('web', { replicas: 3 })}`],
    ['a DaemonSet has no known count', `${pdb('minAvailable: 1')}---\n${deployment('web').replace('kind: Deployment', 'kind: DaemonSet')}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/zero-grace-period', () => {
  const RULE = 'reliability/zero-grace-period';

  test('zero', () => {
    const found = findings(RULE, deployment('web', { spec: '      terminationGracePeriodSeconds: 0\n' }));
    expect(found[0]).toMatchObject({ severity: 'info', path: 'spec.template.spec.terminationGracePeriodSeconds' });
    expect(findings(RULE, deployment('db', { spec: '      terminationGracePeriodSeconds: 0\n' }).replace('kind: Deployment', 'kind: StatefulSet'))[0].message).toContain('a replacement may even start');
  });

  test('other values pass', () => {
    expect(findings(RULE, deployment('web', { spec: '      terminationGracePeriodSeconds: 30\n' }))).toEqual([]);
    expect(lint({ 'm.yaml': deployment('web', { spec: '      terminationGracePeriodSeconds: "0"\n' }) }, { rule: RULE })).toEqual([]);
  });
});

describe('reliability/replicas-with-autoscaler', () => {
  const RULE = 'reliability/replicas-with-autoscaler';

  test('replicas written beside an HPA or a KEDA ScaledObject (kube-score fixture)', () => {
    const found = findings(RULE, `${deployment('web', { replicas: 2 })}---\n${hpa('web', 2, 10)}`);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.replicas', line: 6 });
    expect(found[0].message).toContain('sets replicas: 2 although HorizontalPodAutoscaler `web` scales it');
    const keda = 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {name: web}\n  triggers: [{type: cpu, metadata: {value: "50"}}]\n';
    expect(findings(RULE, `${deployment('web', { replicas: 3 })}---\n${keda}`)).toHaveLength(1);
  });

  test.each([
    ['no replicas in the manifest', `${deployment('web')}---\n${hpa('web', 2, 10)}`],
    ['no autoscaler', deployment('web', { replicas: 3 })],
    ['paused with replicas 0', `${deployment('web', { replicas: 0 })}---\n${hpa('web', 2, 10)}`],
    ['the autoscaler targets another Deployment', `${deployment('web', { replicas: 2 })}---\n${hpa('api', 2, 10)}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/pdb-without-budget', () => {
  const RULE = 'reliability/pdb-without-budget';
  const empty = 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n';

  test('neither minAvailable nor maxUnavailable (kube-score fixture)', () => {
    const found = findings(RULE, empty);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec', line: 5 });
    expect(found[0].message).toContain('sets neither minAvailable nor maxUnavailable');
  });

  test.each([
    ['maxUnavailable', pdb('maxUnavailable: 1')],
    ['minAvailable', pdb('minAvailable: 1')],
    ['policy/v1beta1 defaulted minAvailable to 1 (and is removed)', empty.replace('policy/v1', 'policy/v1beta1')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});
