/** The Service rules: selects nothing, several workloads, target ports by name and number. */
import { deployment, findings } from './support';

const service = (selector: string, ports = '[{name: http, port: 80, targetPort: http}]', extra = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: web
${extra}spec:
  selector: ${selector}
  ports: ${ports}
`;
const HTTP = '          ports: [{name: http, containerPort: 8080}]\n';

describe('reference/service-selects-nothing', () => {
  const RULE = 'reference/service-selects-nothing';

  test('a selector that misses every pod template, with the nearest workload', () => {
    const found = findings(RULE, `${service('{app: web, tier: front}')}---\n${deployment('web', { labels: { app: 'web', tier: 'frontend' }, container: HTTP })}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 6, path: 'spec.selector', severity: 'warning' });
    expect(found[0].message).toContain('Deployment `web` matches all but `tier=front` (its pods have `tier=frontend`)');
  });

  test.each([
    ['it matches', `${service('{app: web}')}---\n${deployment('web', { container: HTTP })}`],
    ['no selector', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports: [{port: 5432}]\n---\n' + deployment('web')],
    ['ExternalName', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  type: ExternalName\n  externalName: db.example.com\n  selector: {app: db}\n---\n' + deployment('web')],
    ['no workload in the namespace (linted separately)', service('{app: web}')],
    ['a generated label only', `${service('{statefulset.kubernetes.io/pod-name: web-0}')}---\n${deployment('web')}`],
    ['operator-managed pods', `${service('{app.kubernetes.io/name: prometheus}')}---\napiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata:\n  name: k8s\n  labels: {app.kubernetes.io/name: prometheus}\nspec:\n  replicas: 2\n---\n${deployment('other')}`],
    ['a workload without namespace may be applied to the Service namespace', `${service('{app: web}', undefined, '  namespace: shop\n')}---\n${deployment('web')}`],
    // The Deployment is invalid (schema/required-field says so), but its pods would carry the labels (kube-linter dangling-service fixture).
    ['a pod template with labels and no pod spec', `${service('{app: web}')}---\n${deployment('web').replace(/ {4}spec:\n[\s\S]*$/, '')}---\n${deployment('api')}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });

  test('closedWorld reports a Service whose workloads are missing entirely', () => {
    expect(findings(RULE, service('{app: web}'), { closedWorld: true })).toHaveLength(1);
  });
});

describe('reference/service-multiple-workloads', () => {
  const RULE = 'reference/service-multiple-workloads';
  const db = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db, tier: backend}\n    spec:\n      containers: [{name: db, image: postgres:16}]\n';

  test('a generic label reaching two applications', () => {
    const found = findings(RULE, `${service('{tier: backend}')}---\n${deployment('api', { labels: { app: 'api', tier: 'backend' } })}---\n${db}`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('Deployment `api` and StatefulSet `db`');
  });

  test.each([
    ['canary and stable share the app label', `${service('{app: web}')}---\n${deployment('web', { labels: { app: 'web', track: 'stable' } })}---\n${deployment('web-canary', { labels: { app: 'web', track: 'canary' } })}`],
    ['a purpose-made label', `${service('{serves-web: "true"}')}---\n${deployment('api', { labels: { app: 'api', 'serves-web': '"true"' } })}---\n${deployment('web', { labels: { app: 'web', 'serves-web': '"true"' } })}`],
    ['numbered members of one cluster', `${service('{tier: db}')}---\n${deployment('db-1', { labels: { tier: 'db', node: 'one' } })}---\n${deployment('db-2', { labels: { tier: 'db', node: 'two' } })}`],
    ['a single workload', `${service('{tier: backend}')}---\n${db}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });

  test('workloads in the Service directory win over variants elsewhere', () => {
    const files = { 'app/svc.yaml': service('{tier: backend}'), 'app/api.yaml': deployment('api', { labels: { app: 'api', tier: 'backend' } }), 'other/db.yaml': db };
    expect(findings(RULE, files)).toEqual([]);
  });
});

describe('reference/service-target-port', () => {
  const RULE = 'reference/service-target-port';

  test('a named targetPort no selected container declares', () => {
    const found = findings(RULE, `${service('{app: web}')}---\n${deployment('web', { container: '          ports: [{name: web, containerPort: 8080}]\n' })}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 7, path: 'spec.ports[0].targetPort', severity: 'warning' });
    expect(found[0].message).toContain('the selected pods declare `web`');
  });

  test('the name exists, but for another protocol', () => {
    const found = findings(RULE, `${service('{app: web}', '[{name: dns, port: 53, protocol: UDP, targetPort: dns}]')}---\n${deployment('web', { container: '          ports: [{name: dns, containerPort: 53}]\n' })}`);
    expect(found[0].message).toContain('declare `dns` only for TCP, not UDP');
  });

  test.each([
    ['the name is declared', `${service('{app: web}')}---\n${deployment('web', { container: HTTP })}`],
    ['a number', `${service('{app: web}', '[{port: 80, targetPort: 8080}]')}---\n${deployment('web')}`],
    ['no workload selected (another rule)', `${service('{app: api}')}---\n${deployment('web')}`],
    ['a sidecar init container declares it', `${service('{app: web}')}---\n${deployment('web', { spec: '      initContainers:\n        - name: proxy\n          image: envoy:1\n          restartPolicy: Always\n          ports: [{name: http, containerPort: 8080}]\n' })}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/service-port-undeclared', () => {
  const RULE = 'reference/service-port-undeclared';

  test('targetPort defaults to port, which the container does not declare', () => {
    const found = findings(RULE, `${service('{app: web}', '[{port: 80}]')}---\n${deployment('web', { container: HTTP })}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'spec.ports[0].port', severity: 'info' });
    expect(found[0].message).toContain('targetPort (not set, so it defaults to port 80) is not declared by the selected containers, which declare 8080 (TCP)');
  });

  test.each([
    ['declared', `${service('{app: web}', '[{port: 80, targetPort: 8080}]')}---\n${deployment('web', { container: HTTP })}`],
    ['no ports declared at all', `${service('{app: web}', '[{port: 80, targetPort: 8080}]')}---\n${deployment('web')}`],
    ['by name', `${service('{app: web}')}---\n${deployment('web', { container: HTTP })}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reference/overlapping-selectors', () => {
  const RULE = 'reference/overlapping-selectors';

  test('a stable selector that also catches the canary pods', () => {
    const text = `${deployment('web')}---\n${deployment('web-canary', { labels: { app: 'web', track: 'canary' } })}`;
    const found = findings(RULE, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 6, path: 'spec.selector' });
    expect(found[0].message).toContain('also matches the pods of Deployment `web-canary` (manifest.yaml:');
  });

  test('identical selectors are reported once', () => {
    expect(findings(RULE, `${deployment('a', { labels: { app: 'x' } })}---\n${deployment('b', { labels: { app: 'x' } })}`)).toHaveLength(1);
  });

  test.each([
    ['distinct labels', `${deployment('web')}---\n${deployment('api')}`],
    ['same name in two kinds (variants)', `${deployment('web')}---\n${deployment('web').replace('kind: Deployment', 'kind: DaemonSet')}`],
    ['a Job with the same labels', `${deployment('web')}---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: m:1}]\n`],
    ['other namespaces', `${deployment('a', { labels: { app: 'x' }, namespace: 'one' })}---\n${deployment('b', { labels: { app: 'x' }, namespace: 'two' })}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });

  test('other directories only with acrossDirectories', () => {
    const files = { 'a/web.yaml': deployment('a', { labels: { app: 'x' } }), 'b/web.yaml': deployment('b', { labels: { app: 'x' } }) };
    expect(findings(RULE, files)).toEqual([]);
  });
});
