/** Resource rules: missing requests and limits, implausible quantities. */
import { deployment, findings, lint } from '../reference/support';

const resources = (text: string): string => `          resources: ${text}\n`;

describe('reliability/missing-resources', () => {
  const RULE = 'reliability/missing-resources';

  test('no resources at all', () => {
    const found = findings(RULE, deployment('web'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.template.spec.containers[0]' });
    expect(found[0].message).toContain('sets no cpu request, memory request or memory limit');
  });

  test('only the memory limit is missing', () => {
    const found = findings(RULE, deployment('web', { container: resources('{requests: {cpu: 100m, memory: 128Mi}}') }));
    expect(found.map((f) => [f.path, f.message.split(';')[0]])).toEqual([['spec.template.spec.containers[0].resources', 'container `web` sets no memory limit']]);
  });

  test('sidecar init containers count, plain init containers do not', () => {
    const ok = resources('{requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}');
    const spec = '      initContainers:\n        - {name: migrate, image: m:1}\n        - {name: proxy, image: envoy:1, restartPolicy: Always}\n';
    const found = findings(RULE, deployment('web', { container: ok, spec }));
    expect(found.map((f) => f.path)).toEqual(['spec.template.spec.initContainers[1]']);
  });

  test('cpuLimit can be required', () => {
    const text = deployment('web', { container: resources('{requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}') });
    expect(lint({ 'm.yaml': text }, { rule: RULE, options: { cpuLimit: true } })[0].message).toContain('sets no cpu limit');
  });

  test.each([
    ['everything set', deployment('web', { container: resources('{requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}') })],
    ['limits imply requests', deployment('web', { container: resources('{limits: {cpu: 500m, memory: 256Mi}}') })],
    ['pod-level resources', deployment('web', { spec: '      resources: {requests: {cpu: 1, memory: 1Gi}, limits: {memory: 2Gi}}\n' })],
    ['a LimitRange with defaults', `${deployment('web')}---\napiVersion: v1\nkind: LimitRange\nmetadata:\n  name: defaults\nspec:\n  limits: [{type: Container, default: {cpu: 500m, memory: 256Mi}}]\n`],
    ['odd resources', deployment('web', { container: resources('{requests: {cpu: 1, memory: 1Gi}, limits: {memory: 1Gi}}') }).replace('containers:', 'ephemeralContainers: [{name: dbg, image: busybox}]\n      containers:')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/implausible-resources', () => {
  const RULE = 'reliability/implausible-resources';

  test('unit mistakes', () => {
    const found = findings(RULE, deployment('web', { container: resources('{requests: {cpu: 500, memory: 512m}, limits: {memory: 2Ti}}') }));
    expect(found.map((f) => f.path)).toEqual([
      'spec.template.spec.containers[0].resources.requests.cpu',
      'spec.template.spec.containers[0].resources.requests.memory',
      'spec.template.spec.containers[0].resources.limits.memory',
    ]);
    expect(found[0].message).toContain('cpu request `500` of container `web` is 500 cores');
    expect(found[0].message).toContain('did you mean `500m` (millicores)?');
    expect(found[1].message).toContain('did you mean `512Mi`?');
    expect(found[2].message).toContain('the limit protects nothing');
    expect(found[0].severity).toBe('warning');
  });

  test('a plain byte count', () => {
    expect(findings(RULE, deployment('web', { container: resources('{limits: {memory: 256}}') }))[0].message).toContain('only 256 bytes');
  });

  test('the bounds are options', () => {
    const text = deployment('web', { container: resources('{requests: {cpu: 96}}') });
    expect(findings(RULE, text)).toHaveLength(1);
    expect(lint({ 'm.yaml': text }, { rule: RULE, options: { maxCpu: '128' } })).toEqual([]);
    expect(lint({ 'm.yaml': text }, { rule: RULE, options: { maxCpu: 'lots' } })).toHaveLength(1);
  });

  test.each([
    ['normal values', deployment('web', { container: resources('{requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: "2", memory: 1Gi}}') })],
    ['zero', deployment('web', { container: resources('{requests: {cpu: 0, memory: 0}}') })],
    ['invalid quantities (a schema rule)', deployment('web', { container: resources('{requests: {cpu: lots, memory: [1]}}') })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});
