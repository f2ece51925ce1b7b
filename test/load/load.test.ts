import { loadText, SourceText, type LoadProblem } from '../../src/load';
import { decode, firstInvalidUtf8 } from '../../src/load/read';
import { buildObjects } from '../../src/model/build';

function load(text: string, file = 'test.yaml') {
  return loadText(new SourceText(file, text));
}

/** Composed values carry their positions on a symbol key; compare the data only. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function only(problems: LoadProblem[], ruleId: string): LoadProblem[] {
  return problems.filter((p) => p.ruleId === ruleId);
}

function objects(text: string) {
  const loaded = load(text);
  return { loaded, built: buildObjects(loaded.documents, { defaultNamespace: 'default' }) };
}

describe('positions', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web, "tier": \'front\'}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n';

  test('scalar values, keys and flow entries have exact 1-based ranges', () => {
    const { built } = objects(text);
    const pod = built.objects[0];
    expect(pod.range(['metadata', 'name'])).toEqual({ line: 4, column: 9, endLine: 4, endColumn: 12 });
    expect(pod.range(['metadata', 'name'], 'key')).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 7 });
    expect(pod.range(['metadata', 'labels', 'tier'])).toEqual({ line: 5, column: 30, endLine: 5, endColumn: 37 });
    expect(pod.range(['spec', 'containers', 0, 'image'])).toEqual({ line: 9, column: 14, endLine: 9, endColumn: 24 });
  });

  test('a collection is reported at its key; a missing field at its nearest existing parent', () => {
    const { built } = objects(text);
    const pod = built.objects[0];
    expect(pod.range(['spec', 'containers'])).toEqual({ line: 7, column: 3, endLine: 7, endColumn: 13 });
    expect(pod.range(['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual({ line: 8, column: 7, endLine: 8, endColumn: 16 });
    expect(pod.range(['spec', 'containers', 0])).toEqual({ line: 8, column: 7, endLine: 8, endColumn: 16 });
  });

  test('CRLF line endings and a BOM do not shift columns', () => {
    const { built } = objects('\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: cfg\r\n'.replace(/^\uFEFF/, ''));
    expect(built.objects[0].range(['metadata', 'name'])).toEqual({ line: 4, column: 9, endLine: 4, endColumn: 12 });
    const viaDecode = decode(Buffer.from('\uFEFFkind: A\napiVersion: v1\n', 'utf8'));
    expect(viaDecode.ok && viaDecode.text.startsWith('kind')).toBe(true);
  });

  test('quoted and block scalars cover their quotes and indicator', () => {
    const { built } = objects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "cfg"\ndata:\n  script: |\n    echo hi\n    echo bye\n');
    const cm = built.objects[0];
    expect(cm.range(['metadata', 'name'])).toEqual({ line: 4, column: 9, endLine: 4, endColumn: 14 });
    expect(cm.range(['data', 'script'])).toEqual({ line: 6, column: 11, endLine: 8, endColumn: 13 });
    expect(plain(cm.raw.data)).toEqual({ script: 'echo hi\necho bye\n' });
  });

  test('a block scalar starts at its own indicator: in a list, after a tag, with a | or > in its comment, at a document root', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: >-  # a > b | c\n    folded\n  b: !!str |\n    tagged\nlist:\n  - |\n    item\n';
    const cm = objects(text).built.objects[0];
    expect(cm.range(['data', 'a'])).toEqual({ line: 6, column: 6, endLine: 7, endColumn: 11 });
    expect(cm.range(['data', 'b'])).toEqual({ line: 8, column: 12, endLine: 9, endColumn: 11 });
    expect(cm.range(['list', 0])).toEqual({ line: 11, column: 5, endLine: 12, endColumn: 9 });
    const root = load('apiVersion: v1\nkind: A\n--- # > not this\n|\n  text\n').documents[1];
    expect(root.source.position(root.start)).toMatchObject({ line: 4, column: 1 });
  });
});

describe('documents', () => {
  test('---, ..., comments and empty documents', () => {
    const text = '# leading comment\n---\napiVersion: v1\nkind: A\n...\n---\n# only a comment\n---\n\n---\napiVersion: v1\nkind: B\n';
    const { loaded } = objects(text);
    expect(loaded.problems).toEqual([]);
    expect(loaded.documents.map((d) => (d.value as { kind: string }).kind)).toEqual(['A', 'B']);
    expect(loaded.documents[1].source.position(loaded.documents[1].start).line).toBe(11);
  });

  test('kind: List items become objects with their own positions', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: b}\n';
    const { built } = objects(text);
    expect(built.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(['ConfigMap/a', 'Secret/b']);
    expect(built.objects[1].range(['metadata', 'name'])).toEqual({ line: 9, column: 22, endLine: 9, endColumn: 23 });
  });

  test('items of a typed list (NamespaceList) take the kind and apiVersion from the list', () => {
    const { built } = objects('apiVersion: v1\nkind: NamespaceList\nitems:\n  - metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n');
    expect(built.problems).toEqual([]);
    expect(built.objects.map((o) => `${o.apiVersion} ${o.kind}/${o.name} ${o.namespace}`)).toEqual(['v1 Namespace/a null', 'v1 ConfigMap/b default']);
    expect(built.objects[0].range(['metadata', 'name'])).toEqual({ line: 4, column: 22, endLine: 4, endColumn: 23 });
  });

  test('a broken document is reported and the others are still read', () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: "B\nmetadata: {}\n---\napiVersion: v1\nkind: C\n';
    const { loaded } = objects(text);
    expect(loaded.documents.map((d) => (d.value as { kind: string }).kind)).toEqual(['A', 'C']);
    expect(loaded.problems.length).toBeGreaterThanOrEqual(1);
    expect(loaded.problems[0].ruleId).toBe('yaml/syntax');
    expect(loaded.problems[0].range.line).toBeGreaterThanOrEqual(5);
    expect(loaded.problems[0].range.line).toBeLessThanOrEqual(7);
  });

  test('JSON files load with positions', () => {
    const { built } = objects('{\n  "apiVersion": "v1",\n\t"kind": "ConfigMap",\n  "metadata": {"name": "cfg"}\n}\n');
    expect(built.objects[0].name).toBe('cfg');
    expect(built.objects[0].range(['metadata', 'name'])).toEqual({ line: 4, column: 24, endLine: 4, endColumn: 29 });
  });

  test('kind without apiVersion is a schema finding; documents without either are skipped as not Kubernetes', () => {
    const { built } = objects('kind: Deployment\nmetadata: {name: x}\n---\nfoo: bar\n---\n- a\n- b\n');
    expect(built.objects).toEqual([]);
    expect(built.problems.map((p) => [p.ruleId, p.range.line])).toEqual([
      ['schema/missing-api-version-or-kind', 1],
      ['schema/not-kubernetes', 4],
      ['schema/not-an-object', 6],
    ]);
  });

  test('other tools\' files are recognised and skipped', () => {
    const kustomize = buildObjects(load('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n', 'base/kustomization.yaml').documents, { defaultNamespace: 'default' });
    expect(kustomize.objects).toEqual([]);
    expect(kustomize.problems[0].message).toMatch(/Kustomize/);
    const chart = buildObjects(load('apiVersion: v2\nname: web\nversion: 1.0.0\n', 'chart/Chart.yaml').documents, { defaultNamespace: 'default' });
    expect(chart.problems[0].message).toMatch(/Helm chart/);
    const kubeconfig = buildObjects(load('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n', 'kubeconfig.yaml').documents, { defaultNamespace: 'default' });
    expect(kubeconfig.problems[0].message).toMatch(/kubeconfig/);
  });
});

describe('YAML mistakes', () => {
  test('duplicate keys: an error at the second key naming the first line; the last value wins', () => {
    const { loaded } = objects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    const [dup] = only(loaded.problems, 'yaml/duplicate-key');
    expect(dup.range).toEqual({ line: 5, column: 3, endLine: 5, endColumn: 7 });
    expect(dup.message).toContain('first defined on line 4');
    expect((loaded.documents[0].value as { metadata: { name: string } }).metadata.name).toBe('b');
  });

  test('tab indentation', () => {
    const { loaded } = objects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n');
    const [tab] = only(loaded.problems, 'yaml/tab-indentation');
    expect(tab.range).toEqual({ line: 4, column: 1, endLine: 4, endColumn: 2 });
  });

  test('key:value without a space, as a syntax error and as a silent string', () => {
    const broken = objects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:web\n  namespace: x\n').loaded;
    const [p] = only(broken.problems, 'yaml/missing-space-after-colon');
    expect(p.range.line).toBe(4);
    expect(p.range.column).toBe(7);
    expect(p.message).toContain('write `name: web`');
  });

  test('// used as a comment after a value and on its own line', () => {
    const inline = objects('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3 // three copies\n').loaded;
    const [p] = only(inline.problems, 'yaml/slash-comment');
    expect(p.range).toEqual({ line: 4, column: 15, endLine: 4, endColumn: 30 });
    expect(p.message).toContain('`//` does not start a comment in YAML; use `#`');
    const alone = objects('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  // the name\n  name: a\n').loaded;
    expect(only(alone.problems, 'yaml/slash-comment')[0].range.line).toBe(4);
  });

  test('URLs are not mistaken for // comments', () => {
    const { loaded } = objects('apiVersion: v1\nkind: ConfigMap\ndata:\n  url: http://example.com/a\n  b: see https://x.io//y\n');
    expect(loaded.problems).toEqual([]);
  });

  test('a 100,000-deep nesting is refused with a finding, not a crash', () => {
    const deep = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const { loaded } = objects(deep);
    expect(loaded.documents).toEqual([]);
    expect(loaded.problems.length).toBeGreaterThan(0);
  });
});

describe('YAML 1.1 typing as Kubernetes reads it', () => {
  const cases: [string, unknown][] = [
    ['0644', 420], ['"0644"', '0644'], ['0o17', 15], ['0x1F', 31], ['1_000', 1000], ['08', 8],
    ['1.10', 1.1], ['1e3', 1000], ['.5', 0.5], ['yes', true], ['No', false], ['on', true], ['OFF', false],
    ['y', true], ['n', false], ['~', null], ['null', null], ['true', true], ['.inf', Infinity],
    ['2024-01-01', '2024-01-01'], ['nginx:1.27', 'nginx:1.27'], ['=', '='], ["'yes'", 'yes'],
  ];
  test.each(cases)('%s', (written, expected) => {
    const { loaded } = objects(`v: ${written}\n`);
    expect((loaded.documents[0].value as { v: unknown }).v).toEqual(expected);
  });

  test('keys are reported only when YAML 1.1 changes them', () => {
    const { loaded } = objects('data:\n  404: page\n  y: yes-key\n  0644: mode\n');
    expect(only(loaded.problems, 'yaml/implicit-type').map((p) => p.message)).toEqual([
      'the key `y` is read as the boolean true and becomes "true"; quote it if you meant "y"',
      'the key `0644` is read as the number 420 and becomes "420"; quote it if you meant "0644"',
    ]);
  });
});

describe('untrusted input', () => {
  test('an alias bomb is refused for its document only', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `apiVersion: v1\nkind: A\n---\n${bomb.join('\n')}\n---\napiVersion: v1\nkind: C\n`;
    const started = Date.now();
    const { loaded } = objects(text);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(only(loaded.problems, 'yaml/alias-limit')).toHaveLength(1);
    expect(loaded.documents.map((d) => (d.value as { kind?: string }).kind)).toEqual(['A', 'C']);
  });

  test('anchors, aliases and merge keys resolve like Kubernetes', () => {
    const { loaded } = objects('base: &base {a: 1, b: 2}\nderived:\n  <<: *base\n  b: 3\nlist: *base\n');
    const value = loaded.documents[0].value as Record<string, unknown>;
    expect(plain(value.derived)).toEqual({ a: 1, b: 3 });
    expect(plain(value.list)).toEqual({ a: 1, b: 2 });
  });

  test('custom tags are never executed and are reported', () => {
    const { loaded } = objects('apiVersion: v1\nkind: ConfigMap\ndata:\n  f: !!js/function "function () { throw new Error(1) }"\n  r: !Ref other\n  s: !!str 5\n');
    const value = loaded.documents[0].value as { data: Record<string, unknown> };
    expect(plain(value.data)).toEqual({ f: 'function () { throw new Error(1) }', r: 'other', s: '5' });
    expect(only(loaded.problems, 'yaml/unknown-tag').map((p) => p.range.line)).toEqual([4, 5]);
  });

  test('__proto__ and constructor keys stay data', () => {
    const { loaded } = objects('__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nmetadata:\n  __proto__: {x: 1}\n');
    const value = loaded.documents[0].value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'metadata']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('reading bytes', () => {
  test('invalid UTF-8 is located and replaced', () => {
    const bytes = Buffer.concat([Buffer.from('a: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(firstInvalidUtf8(bytes)).toBe(6);
    const result = decode(bytes);
    expect(result).toEqual({ ok: true, text: 'a: caf\uFFFD\n', invalidUtf8Offset: 6 });
  });

  test('binary, NUL and UTF-16 input is refused with a reason', () => {
    expect(decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toMatchObject({ ok: false, message: expect.stringContaining('binary') });
    expect(decode(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ ok: false, message: expect.stringContaining('UTF-16') });
  });
});

describe('documents know whether they hold a null value', () => {
  test.each([
    ['a: 1\nb: [x, {c: d}]\n', false],
    ['null: key only\n~: also a key\n', false],
    ['a:\n', true],
    ['a: [1, ~]\n', true],
    ['a: {b: null}\n', true],
    ['a: !!null ""\n', true],
    ['&n null: key\nb: *n\n', true],
  ])('%j → %s', (text, hasNull) => {
    expect(load(text).documents[0].hasNull).toBe(hasNull);
  });

  test('each document of a batch on its own', () => {
    expect(load('a: 1\n---\nb:\n---\nc: 2\n').documents.map((d) => d.hasNull)).toEqual([false, true, false]);
  });
});
