import { check, POD, rule } from './helpers';

/** Findings of one assert item on each container of POD (app: nginx:1.27 with limits; sidecar: ghcr.io/acme/proxy:latest). */
function onContainers(item: string): { path: string | null; message: string; line: number }[] {
  return check(rule(`target: {each: container}\nassert:\n  - ${item}\n`), POD).map((f) => ({ path: f.path, message: f.message, line: f.line }));
}

describe('operators', () => {
  test('exists: true reports absent fields where they belong; false reports present ones', () => {
    expect(onContainers('{field: resources.limits.cpu, exists: true}')).toEqual([
      { path: 'spec.containers[1].resources.limits.cpu', line: 14, message: 'container sidecar: `spec.containers[1].resources.limits.cpu` is missing. Test rule.' },
    ]);
    expect(onContainers('{field: resources, exists: false}').map((f) => f.path)).toEqual(['spec.containers[0].resources']);
    expect(onContainers('{field: resources, exists: false}')[0].message).toContain('is set (to {"limits":{"cpu":"500m","memory":"256Mi"}}) but must be absent');
  });

  test('an absent field passes the other operators', () => {
    expect(onContainers('{field: resources.limits.cpu, quantityMaximum: 100m}').map((f) => f.path)).toEqual(['spec.containers[0].resources.limits.cpu']);
    expect(onContainers('{field: securityContext.runAsUser, equals: 1000}')).toEqual([]);
  });

  test('equals and notEquals compare values (deeply)', () => {
    expect(onContainers('{field: name, equals: app}').map((f) => f.message)).toEqual(['container sidecar: `spec.containers[1].name` is "sidecar", expected "app". Test rule.']);
    expect(onContainers('{field: resources.limits, equals: {cpu: 500m, memory: 256Mi}}')).toEqual([]);
    expect(onContainers('{field: name, notEquals: sidecar}').map((f) => f.message)).toEqual(['container sidecar: `spec.containers[1].name` is "sidecar", which is not allowed. Test rule.']);
  });

  test('equals can compare with another field of the same object', () => {
    const sameName = rule('target: {kinds: [Pod]}\nassert:\n  - field: metadata.labels.app\n    equals: "{{ .object.metadata.name }}"\n');
    expect(check(sameName, POD)).toEqual([]);
    const findings = check(sameName, POD.replace('app: web', 'app: webx'));
    expect(findings.map((f) => [f.line, f.message])).toEqual([[7, '`metadata.labels.app` is "webx", expected "web". Test rule.']]);
    const container = rule('target: {each: container}\nassert:\n  - field: image\n    notEquals: "{{ .container.name }}"\n');
    expect(check(container, POD.replace('image: nginx:1.27', 'image: app'))).toHaveLength(1);
  });

  test('in and notIn', () => {
    expect(onContainers('{field: name, in: [app, web]}').map((f) => f.message)).toEqual(['container sidecar: `spec.containers[1].name` is "sidecar", expected one of "app", "web". Test rule.']);
    expect(onContainers('{field: name, notIn: [sidecar, debug]}').map((f) => f.message)).toEqual([
      'container sidecar: `spec.containers[1].name` is "sidecar", one of the values not allowed ("sidecar", "debug"). Test rule.',
    ]);
  });

  test('matches and notMatches (any of several patterns)', () => {
    expect(onContainers('{field: image, matches: "^ghcr\\\\.io/"}').map((f) => f.message)).toEqual(['container app: `spec.containers[0].image` is "nginx:1.27", which does not match `^ghcr\\.io/`. Test rule.']);
    expect(onContainers('{field: image, matches: ["^ghcr\\\\.io/", "^nginx:"]}')).toEqual([]);
    expect(onContainers('{field: image, notMatches: [":latest$", "^busybox"]}').map((f) => f.message)).toEqual([
      'container sidecar: `spec.containers[1].image` is "ghcr.io/acme/proxy:latest", which matches the forbidden pattern `:latest$`. Test rule.',
    ]);
    expect(onContainers('{field: resources, matches: x}')[0].message).toContain('not text to match against `x`');
  });

  test('startsWith and notStartsWith', () => {
    expect(onContainers('{field: image, startsWith: [ghcr.io/acme/, registry.k8s.io/]}').map((f) => f.path)).toEqual(['spec.containers[0].image']);
    expect(onContainers('{field: image, notStartsWith: ghcr.io/}').map((f) => f.message)).toEqual(['container sidecar: `spec.containers[1].image` is "ghcr.io/acme/proxy:latest", which starts with "ghcr.io/" (not allowed). Test rule.']);
  });

  test('minimum and maximum compare numbers', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{name: a, image: a:1}]\n';
    expect(check(rule('target: {kinds: [Deployment]}\nassert:\n  - {field: spec.replicas, minimum: 2}\n'), deployment).map((f) => f.message)).toEqual(['`spec.replicas` is 1, below the minimum 2. Test rule.']);
    expect(check(rule('target: {kinds: [Deployment]}\nassert:\n  - {field: spec.replicas, maximum: 1, minimum: 1}\n'), deployment)).toEqual([]);
    expect(check(rule('target: {kinds: [Deployment]}\nassert:\n  - {field: spec.replicas, maximum: 0}\n'), deployment)[0].message).toContain('is 1, above the maximum 0');
    expect(check(rule('target: {kinds: [Deployment]}\nassert:\n  - {field: metadata.name, maximum: 0}\n'), deployment)[0].message).toContain('is "web", not a number');
  });

  test('quantity bounds compare Kubernetes quantities, strings or numbers', () => {
    expect(onContainers('{field: resources.limits.memory, quantityMaximum: 128Mi}').map((f) => f.message)).toEqual(['container app: `spec.containers[0].resources.limits.memory` is 256Mi, above the maximum 128Mi. Test rule.']);
    expect(onContainers('{field: resources.limits.memory, quantityMinimum: 0.25Gi, quantityMaximum: 268435456}')).toEqual([]);
    expect(onContainers('{field: resources.limits.cpu, quantityMinimum: 1}')[0].message).toContain('is 500m, below the minimum 1');
    const numeric = POD.replace('cpu: 500m', 'cpu: 0.5');
    expect(check(rule('target: {each: container}\nassert:\n  - {field: resources.limits.cpu, quantityMinimum: 500m, quantityMaximum: 500m}\n'), numeric)).toEqual([]);
    const garbage = POD.replace('cpu: 500m', 'cpu: lots');
    expect(check(rule('target: {each: container}\nassert:\n  - {field: resources.limits.cpu, quantityMaximum: 1}\n'), garbage)[0].message).toContain('is "lots", not a quantity');
  });

  test('requiredKeys and forbiddenKeys work on mappings; an absent mapping has none of the keys', () => {
    const required = rule('target: {kinds: [Pod]}\nassert:\n  - {field: metadata.labels, requiredKeys: [app, team]}\n');
    expect(check(required, POD).map((f) => [f.path, f.message])).toEqual([['metadata.labels.team', '`metadata.labels.team` is missing. Test rule.']]);
    expect(check(required, POD.replace('  labels:\n    app: web\n', '')).map((f) => f.path)).toEqual(['metadata.labels.app', 'metadata.labels.team']);
    const forbidden = rule('target: {kinds: [Pod]}\nassert:\n  - {field: metadata.labels, forbiddenKeys: ["ap*"]}\n');
    const findings = check(forbidden, POD);
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([[7, 5, '`metadata.labels.app` is set, but keys matching `ap*` must not be used. Test rule.']]);
  });

  test('wildcard paths check every item; a rule-level message renders placeholders', () => {
    const text = rule('message: "{{ .object.kind }} {{ .object.metadata.name }}: {{ .field }} = {{ .value }} ({{ .key }}; {{ .problem }})"\ntarget: {kinds: [Pod]}\nassert:\n  - {field: "spec.containers[*].name", notEquals: sidecar}\n');
    expect(check(text, POD).map((f) => f.message)).toEqual(['Pod web: spec.containers[1].name = sidecar (name; `spec.containers[1].name` is "sidecar", which is not allowed)']);
  });

  test('several checks must all hold: one finding per failing field', () => {
    expect(onContainers('{field: image, matches: "^ghcr", notMatches: ":latest$"}').map((f) => f.path)).toEqual(['spec.containers[0].image', 'spec.containers[1].image']);
  });
});
