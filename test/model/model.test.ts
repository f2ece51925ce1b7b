import fc from 'fast-check';
import { loadText, SourceText } from '../../src/load';
import { buildObjects, containersOf, formatPath, matches, ObjectIndex, parseLabelSelector, parsePath, podLabels, podSpecOf, type KubeObject } from '../../src/model';

function build(text: string, defaultNamespace = 'default'): KubeObject[] {
  return buildObjects(loadText(new SourceText('m.yaml', text)).documents, { defaultNamespace }).objects;
}

const POD_SPEC = 'containers: [{name: app, image: a}]\ninitContainers: [{name: init, image: b}]\nephemeralContainers: [{name: debug, image: c}]';

function indent(text: string, spaces: number): string {
  return text.split('\n').map((l) => ' '.repeat(spaces) + l).join('\n');
}

describe('pod spec accessor', () => {
  const template = (kind: string, apiVersion: string, prefix: string[]): string => {
    let body = `metadata:\n  labels: {app: x}\nspec:\n${indent(POD_SPEC, 2)}`;
    for (const key of [...prefix].reverse()) body = `${key}:\n${indent(body, 2)}`;
    return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\n${body}\n`;
  };
  test.each([
    ['Pod', 'v1', 'spec', []],
    ['PodTemplate', 'v1', 'template.spec', ['template']],
    ['ReplicationController', 'v1', 'spec.template.spec', ['spec', 'template']],
    ['ReplicaSet', 'apps/v1', 'spec.template.spec', ['spec', 'template']],
    ['Deployment', 'apps/v1', 'spec.template.spec', ['spec', 'template']],
    ['StatefulSet', 'apps/v1', 'spec.template.spec', ['spec', 'template']],
    ['DaemonSet', 'apps/v1', 'spec.template.spec', ['spec', 'template']],
    ['Job', 'batch/v1', 'spec.template.spec', ['spec', 'template']],
    ['CronJob', 'batch/v1', 'spec.jobTemplate.spec.template.spec', ['spec', 'jobTemplate', 'spec', 'template']],
  ])('%s keeps its pod spec at %s', (kind, apiVersion, path, prefix) => {
    const text = kind === 'Pod' ? `apiVersion: v1\nkind: Pod\nmetadata: {name: w, labels: {app: x}}\nspec:\n${indent(POD_SPEC, 2)}\n` : template(kind, apiVersion, prefix as string[]);
    const [object] = build(text);
    const pod = podSpecOf(object);
    expect(pod).toBeDefined();
    expect(formatPath(pod!.path)).toBe(path);
    expect(podLabels(object)).toEqual({ app: 'x' });
    const containers = containersOf(pod!);
    expect(containers.map((c) => `${c.list}/${c.name}`)).toEqual(['initContainers/init', 'containers/app', 'ephemeralContainers/debug']);
    expect(formatPath(containers[1].path)).toBe(`${path}.containers[0]`);
    expect(object.range(containers[1].path).line).toBeGreaterThan(3);
  });

  test('other kinds and groups have no pod spec', () => {
    expect(podSpecOf(build('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n')[0])).toBeUndefined();
    expect(podSpecOf(build('apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: s}\nspec: {template: {spec: {}}}\n')[0])).toBeUndefined();
  });
});

describe('objects', () => {
  test('namespaces default for namespaced kinds only; CRDs in the run declare scope', () => {
    const objects = build(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---
apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n---
apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec: {group: example.com, scope: Cluster, names: {kind: Widget, plural: widgets}}\n---
apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ignored}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop}\n`, 'team');
    expect(objects.map((o) => [o.kind, o.namespace])).toEqual([
      ['ConfigMap', 'team'], ['Namespace', null], ['ClusterRole', null], ['CustomResourceDefinition', null], ['Widget', null], ['Secret', 'shop'],
    ]);
  });

  test('ref() names the object, one value for all of its findings', () => {
    const [config, secret] = build('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: shop}\n', 'team');
    expect(config.ref()).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team', name: 'a' });
    expect(secret.ref()).toEqual({ apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 's' });
    expect(config.ref()).toBe(config.ref());
  });
});

describe('field paths', () => {
  test('formatting and parsing round-trip', () => {
    const path = ['metadata', 'labels', 'app.kubernetes.io/name'];
    expect(formatPath(path)).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(formatPath(['spec', 'containers', 0, 'securityContext', 'privileged'])).toBe('spec.containers[0].securityContext.privileged');
    expect(formatPath([0, 'name'])).toBe('[0].name');
    expect(formatPath([])).toBe('');
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ minLength: 1 }), fc.nat(1000)), { minLength: 1, maxLength: 6 }), (segments) => {
      expect(parsePath(formatPath(segments))).toEqual(segments);
    }));
  });
});

describe('label selectors', () => {
  const key = fc.constantFrom('app', 'tier', 'env', 'team');
  const value = fc.constantFrom('a', 'b', 'c');
  const labels = fc.dictionary(key, value);
  const expression = fc.record({
    key,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: fc.array(value, { maxLength: 3 }),
  });
  const selector = fc.record({ matchLabels: fc.dictionary(key, value), matchExpressions: fc.array(expression, { maxLength: 3 }) });

  /** The API server's semantics written out plainly, to check the implementation against. */
  function reference(sel: { matchLabels: Record<string, string>; matchExpressions: { key: string; operator: string; values: string[] }[] }, l: Record<string, string>): boolean {
    const ok = Object.entries(sel.matchLabels).every(([k, v]) => l[k] === v);
    return ok && sel.matchExpressions.every((e) => {
      const has = Object.prototype.hasOwnProperty.call(l, e.key);
      if (e.operator === 'In') return has && e.values.includes(l[e.key]);
      if (e.operator === 'NotIn') return !has || !e.values.includes(l[e.key]);
      if (e.operator === 'Exists') return has;
      return !has;
    });
  }

  test('matches agrees with the API semantics', () => {
    fc.assert(fc.property(selector, labels, (sel, l) => matches(parseLabelSelector(sel), l) === reference(sel, l)));
  });

  test('empty selects everything, null and invalid operators select nothing', () => {
    expect(matches(parseLabelSelector({}), { a: 'b' })).toBe(true);
    expect(matches(parseLabelSelector(null), {})).toBe(false);
    expect(matches(parseLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] }), { a: 'b' })).toBe(false);
  });

  test('the index finds exactly the workloads a full scan finds', () => {
    const workload = fc.record({ ns: fc.constantFrom('a', 'b'), labels });
    fc.assert(fc.property(fc.array(workload, { maxLength: 12 }), selector, fc.constantFrom('a', 'b'), (workloads, sel, ns) => {
      const text = workloads.map((w, i) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w${i}, namespace: ${ns === w.ns ? ns : w.ns}}\nspec: {template: {metadata: {labels: ${JSON.stringify(w.labels)}}, spec: {containers: []}}}\n`).join('---\n');
      const objects = build(text === '' ? 'a: 1\n' : text);
      const index = new ObjectIndex(objects);
      const parsed = parseLabelSelector(sel);
      const expected = objects.filter((o) => o.namespace === ns && matches(parsed, podLabels(o))).map((o) => o.name).sort();
      expect(index.workloadsMatching(ns, parsed).map((o) => o.name).sort()).toEqual(expected);
    }), { numRuns: 200 });
  });
});
