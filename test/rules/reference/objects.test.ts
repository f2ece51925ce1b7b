/** Ingress ports, autoscalers, PodDisruptionBudgets, StatefulSet Services and duplicate list keys. */
import { deployment, findings } from './support';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n';
const ingress = (port: string): string => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: web, port: ${port}}\n`;
const hpa = (target: string, extra = ''): string => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: ${target}\n  minReplicas: 2\n  maxReplicas: 6\n${extra}`;
const CPU = '  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n';
const pdb = (budget: string, labels = '{app: web}', name = 'web'): string => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n  ${budget}\n  selector:\n    matchLabels: ${labels}\n`;

describe('reference/ingress-service-port', () => {
  const RULE = 'reference/ingress-service-port';

  test('the container port instead of the Service port', () => {
    const found = findings(RULE, `${ingress('{number: 8080}')}---\n${SERVICE}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 12, severity: 'warning', path: 'spec.rules[0].http.paths[0].backend.service.port.number' });
    expect(found[0].message).toContain('Service `web` has no port 8080 (it exposes 80 (`http`)); 8080 is the targetPort of Service port 80');
  });

  test('a port name the Service does not define, also in the extensions/v1beta1 shape', () => {
    expect(findings(RULE, `${ingress('{name: web}')}---\n${SERVICE}`)).toHaveLength(1);
    const legacy = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend: {serviceName: web, servicePort: https}\n';
    expect(findings(RULE, `${legacy}---\n${SERVICE}`)).toHaveLength(1);
  });

  test.each([
    ['by number', `${ingress('{number: 80}')}---\n${SERVICE}`],
    ['by name', `${ingress('{name: http}')}---\n${SERVICE}`],
    ['the Service is elsewhere', ingress('{number: 8080}')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/hpa-target', () => {
  const RULE = 'reference/hpa-target';

  test('a DaemonSet cannot be scaled', () => {
    const found = findings(RULE, hpa('{apiVersion: apps/v1, kind: DaemonSet, name: agent}'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'spec.scaleTargetRef.kind', severity: 'warning' });
  });

  test('a removed apiVersion in scaleTargetRef', () => {
    const found = findings(RULE, hpa('{apiVersion: extensions/v1beta1, kind: Deployment, name: web}'));
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('use `apiVersion: apps/v1`')]);
  });

  test('two autoscalers on one workload', () => {
    const other = hpa('{apiVersion: apps/v1, kind: Deployment, name: web}').replace('name: web\nspec', 'name: web-2\nspec');
    const found = findings(RULE, `${hpa('{apiVersion: apps/v1, kind: Deployment, name: web}')}---\n${other}`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('already scaled by HorizontalPodAutoscaler `web`');
  });

  test.each([
    ['a Deployment', hpa('{apiVersion: apps/v1, kind: Deployment, name: web}')],
    ['a custom resource', hpa('{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: web}')],
    ['no target', hpa('7')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/hpa-missing-requests', () => {
  const RULE = 'reference/hpa-missing-requests';
  const TARGET = '{apiVersion: apps/v1, kind: Deployment, name: web}';

  test('CPU utilization without CPU requests', () => {
    const found = findings(RULE, `${hpa(TARGET, CPU)}---\n${deployment('web')}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 12, severity: 'warning' });
    expect(found[0].message).toContain('container `web` sets no cpu request, so the HPA fails with "missing request for cpu"');
  });

  test('an HPA without metrics defaults to CPU', () => {
    expect(findings(RULE, `${hpa(TARGET)}---\n${deployment('web')}`)[0].message).toContain('the default metric: 80% average CPU utilization');
  });

  test.each([
    ['requests set', `${hpa(TARGET, CPU)}---\n${deployment('web', { container: '          resources: {requests: {cpu: 100m}}\n' })}`],
    ['a limit implies the request', `${hpa(TARGET, CPU)}---\n${deployment('web', { container: '          resources: {limits: {cpu: 500m}}\n' })}`],
    ['a LimitRange default', `${hpa(TARGET, CPU)}---\n${deployment('web')}---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\nspec:\n  limits: [{type: Container, defaultRequest: {cpu: 100m}}]\n`],
    ['an AverageValue target', `${hpa(TARGET, '  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: AverageValue, averageValue: 500m}\n')}---\n${deployment('web')}`],
    ['the target is not in the run', hpa(TARGET, CPU)],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/pdb-selects-nothing', () => {
  const RULE = 'reference/pdb-selects-nothing';

  test('a selector that misses the workload', () => {
    const found = findings(RULE, `${pdb('maxUnavailable: 1', '{app: web, tier: api}')}---\n${deployment('web', { replicas: 3, labels: { app: 'web', tier: 'backend' } })}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 7, severity: 'warning' });
    expect(found[0].message).toContain('Deployment `web` matches all but `tier=api` (its pods have `tier=backend`)');
  });

  test.each([
    ['matches', `${pdb('maxUnavailable: 1')}---\n${deployment('web', { replicas: 3 })}`],
    ['an empty selector selects everything', `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: all\nspec:\n  maxUnavailable: 1\n  selector: {}\n---\n${deployment('web')}`],
    ['no workload in the namespace', pdb('maxUnavailable: 1')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/statefulset-service', () => {
  const RULE = 'reference/statefulset-service';
  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: postgres:16}]\n';
  const svc = (extra: string, selector = '{app: db}'): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n${extra}  selector: ${selector}\n  ports: [{port: 5432}]\n`;

  test('a ClusterIP Service', () => {
    const found = findings(RULE, `${svc('')}---\n${sts}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 14, path: 'spec.serviceName', severity: 'warning' });
    expect(found[0].message).toContain('is not headless');
  });

  test('a headless Service that selects other pods', () => {
    expect(findings(RULE, `${svc('  clusterIP: None\n', '{app: database}')}---\n${sts}`)[0].message).toContain('does not match the pods of StatefulSet `db`');
  });

  test.each([
    ['headless and matching', `${svc('  clusterIP: None\n')}---\n${sts}`],
    ['Service not in the run', sts],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/duplicate-list-key', () => {
  const RULE = 'reference/duplicate-list-key';

  test('topology spread constraints, scheduling gates, resource claims, device paths', () => {
    const spec = [
      '      topologySpreadConstraints:',
      '        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}',
      '        - {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}',
      '      schedulingGates: [{name: a}, {name: a}]',
      '      resourceClaims: [{name: gpu}, {name: gpu}]',
      '',
    ].join('\n');
    const container = '          volumeDevices: [{name: a, devicePath: /dev/x}, {name: b, devicePath: /dev/x}]\n';
    const found = findings(RULE, deployment('web', { spec, container }));
    expect(found.map((f) => f.path)).toEqual([
      'spec.template.spec.topologySpreadConstraints[1].topologyKey',
      'spec.template.spec.schedulingGates[1].name',
      'spec.template.spec.resourceClaims[1].name',
      'spec.template.spec.containers[0].volumeDevices[1].devicePath',
    ]);
    expect(found[0].severity).toBe('error');
  });

  test('ConfigMap and Secret keys in two maps', () => {
    expect(findings(RULE, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\nbinaryData:\n  k: dg==\n')[0]).toMatchObject({ line: 8, path: 'binaryData.k' });
    expect(findings(RULE, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\ndata:\n  k: dg==\nstringData:\n  k: v\n')[0].message).toContain('silently replaces');
  });

  test.each([
    ['distinct constraints', deployment('web', { spec: '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n        - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}\n' })],
    ['distinct keys', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\ndata:\n  k: dg==\nstringData:\n  j: v\n'],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});
