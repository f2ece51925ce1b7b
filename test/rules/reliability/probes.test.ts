/** Probe rules: missing probes, named probe ports, identical probes, liveness without startup. */
import { deployment, findings, lint } from '../reference/support';

const READY = '          readinessProbe: {httpGet: {path: /ready, port: 8080}}\n';
const LIVE = '          livenessProbe: {httpGet: {path: /healthz, port: 8080}, failureThreshold: 5}\n';
const PORT = '          ports: [{name: http, containerPort: 8080}]\n';
const kind = (k: string, text: string): string => text.replace('kind: Deployment', `kind: ${k}`);

describe('reliability/missing-probe', () => {
  const RULE = 'reliability/missing-probe';

  test('a serving Deployment without probes gets one finding per probe', () => {
    const found = findings(RULE, deployment('web', { container: PORT }));
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('has a livenessProbe; without one a hung or deadlocked process is never restarted'),
      expect.stringContaining('has a readinessProbe; without one a pod receives traffic'),
    ]);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.template.spec.containers[0]', line: 13 });
  });

  test('readiness is asked for when a Service selects the pods', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
    const found = findings(RULE, `${svc}---\n${deployment('web', { container: LIVE })}`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('has a readinessProbe although Service `web` sends traffic to it');
  });

  test('StatefulSets and DaemonSets too, and the options turn parts off', () => {
    expect(findings(RULE, kind('StatefulSet', deployment('db', { container: READY })))).toHaveLength(1);
    expect(findings(RULE, kind('DaemonSet', deployment('agent')))).toHaveLength(1);
    expect(lint({ 'm.yaml': deployment('web', { container: PORT }) }, { rule: RULE, options: { liveness: false } })).toHaveLength(1);
  });

  test.each([
    ['both probes', deployment('web', { container: PORT + READY + LIVE })],
    ['a worker without ports or Service needs only liveness', deployment('worker', { container: LIVE })],
    ['one container with probes is enough (sidecars need none)', deployment('web', { container: PORT + READY + LIVE + '        - name: proxy\n          image: envoy:1\n' })],
    ['a Job', kind('Job', deployment('once', { container: PORT })).replace('apps/v1', 'batch/v1')],
    ['a bare Pod', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: p, image: p:1, ports: [{containerPort: 80}]}]\n'],
    ['a Helm test hook', deployment('web', { container: PORT }).replace('  name: web\n', '  name: web\n  annotations: {helm.sh/hook: test}\n')],
    ['probes on a sidecar init container count', deployment('web', { container: PORT, spec: '      initContainers:\n        - name: proxy\n          image: envoy:1\n          restartPolicy: Always\n' + READY + LIVE })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/probe-port', () => {
  const RULE = 'reliability/probe-port';

  test('a probe naming a port the container does not declare', () => {
    const found = findings(RULE, deployment('web', { container: `${PORT}          livenessProbe: {httpGet: {path: /healthz, port: htp}}\n` }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.template.spec.containers[0].livenessProbe.httpGet.port' });
    expect(found[0].message).toContain('did you mean `http`?');
  });

  test('a port of another container', () => {
    const text = deployment('web', { container: `          readinessProbe: {tcpSocket: {port: admin}}\n        - name: side\n          image: side:1\n          ports: [{name: admin, containerPort: 9000}]\n` });
    expect(findings(RULE, text)[0].message).toContain('`admin` belongs to container `side`, but probes only see their own container\'s ports');
  });

  test.each([
    ['declared', deployment('web', { container: `${PORT}          livenessProbe: {httpGet: {path: /, port: http}}\n` })],
    ['a number', deployment('web', { container: '          livenessProbe: {httpGet: {path: /, port: 8080}}\n' })],
    ['odd values', deployment('web', { container: '          livenessProbe: {httpGet: 7, tcpSocket: {port: [1]}}\n' })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/identical-probes', () => {
  const RULE = 'reliability/identical-probes';
  const same = '          readinessProbe: {httpGet: {path: /healthz, port: 8080}}\n          livenessProbe: {httpGet: {port: 8080, path: /healthz}}\n';

  test('the same probe twice (key order does not matter)', () => {
    const found = findings(RULE, deployment('web', { container: same }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', path: 'spec.template.spec.containers[0].livenessProbe' });
  });

  test.each([
    ['a more tolerant liveness probe', deployment('web', { container: '          readinessProbe: {httpGet: {path: /healthz, port: 8080}}\n          livenessProbe: {httpGet: {path: /healthz, port: 8080}, failureThreshold: 6}\n' })],
    ['only one probe', deployment('web', { container: READY })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/liveness-without-startup', () => {
  const RULE = 'reliability/liveness-without-startup';
  const jvm = (probe: string, image = 'eclipse-temurin:21'): string => deployment('app', { container: probe }).replace('image: example/app:1.0', `image: ${image}`);

  test('a JVM image with an immediate liveness probe', () => {
    const found = findings(RULE, jvm(LIVE.replace(', failureThreshold: 5', '')));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info' });
    expect(found[0].message).toContain('gets only 30 s (3 failures × 10 s)');
    expect(found[0].message).toContain('runs temurin');
  });

  test('JVM options or a large memory request mark slow starters too', () => {
    expect(findings(RULE, deployment('app', { container: `          env: [{name: JAVA_OPTS, value: -Xmx1g}]\n${LIVE}` }))).toHaveLength(1);
    expect(findings(RULE, deployment('app', { container: `          resources: {requests: {memory: 4Gi}}\n${LIVE}` }))).toHaveLength(1);
  });

  test.each([
    ['a startup probe', jvm(`          startupProbe: {httpGet: {path: /, port: 8080}, failureThreshold: 30}\n${LIVE}`)],
    ['an initial delay', jvm('          livenessProbe: {httpGet: {path: /, port: 8080}, initialDelaySeconds: 60}\n')],
    ['a tolerant probe', jvm('          livenessProbe: {httpGet: {path: /, port: 8080}, failureThreshold: 10}\n')],
    ['a fast image', jvm(LIVE, 'nginx:1.27')],
    ['a helper named after a slow stack', jvm(LIVE, 'quay.io/prometheus/kafka-exporter:1.0')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});
