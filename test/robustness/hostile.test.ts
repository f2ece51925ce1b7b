/**
 * Hostile YAML: alias bombs, 100,000-deep nesting, custom tags, merge-key tricks. kubevet reads
 * manifests from pull requests, so each of these must end in a clear finding, within seconds and
 * a small heap. Every case runs the built CLI as a process with a heap limit and a time limit,
 * two at a time, and the tests check what came out.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProcess, invariantViolations, parseReport, runPool, spawnCliAsync, tempDir, type JsonReport, type ProcessResult } from './support';

/** Heap for one run; a bounded run over these small inputs needs far less. */
const HEAP_MB = 256;
/** A run that takes longer is killed; the assertion bound below is tighter. */
const KILL_AFTER_MS = 30_000;
const TIME_BOUND_MS = 15_000;

interface HostileCase {
  name: string;
  file: string;
  content: string | Buffer;
  /** Rule ids that must be among the findings for this file. */
  expectRules: string[];
  /** Further checks of the report. */
  check?: (report: JsonReport) => void;
  /** Expected exit code (default 1: an error-level finding). */
  exitCode?: 0 | 1;
  /** Known bug: the test is `test.failing` and the text names the bug. */
  bug?: string;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const DEEP = 100_000;

function billionLaughsBlock(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'bcdefghij';
  for (let i = 0; i < names.length; i++) {
    const prev = i === 0 ? 'a' : names[i - 1];
    lines.push(`  ${names[i]}: &${names[i]}`, ...range(9).map(() => `    - *${prev}`));
  }
  return `${lines.join('\n')}\n`;
}

function billionLaughsFlow(): string {
  // The whole bomb in one flow mapping on one line.
  const parts = ['a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]'];
  const names = 'bcdefghij';
  for (let i = 0; i < names.length; i++) {
    const prev = i === 0 ? 'a' : names[i - 1];
    parts.push(`${names[i]}: &${names[i]} [${range(9).map(() => `*${prev}`).join(', ')}]`);
  }
  return `{apiVersion: v1, kind: ConfigMap, metadata: {name: lol}, data: {${parts.join(', ')}}}\n`;
}

function mergeKeyBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: merge-bomb', 'x0: &x0 {a: 1, b: 2}'];
  for (let i = 1; i < 40; i++) lines.push(`x${i}: &x${i} {p: *x${i - 1}, q: *x${i - 1}, <<: *x${i - 1}}`);
  return `${lines.join('\n')}\n`;
}

function mergeListBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: merge-list-bomb', 'm0: &m0', '  k0: v'];
  for (let i = 1; i < 40; i++) lines.push(`m${i}: &m${i}`, `  <<: [*m${i - 1}, *m${i - 1}, *m${i - 1}]`, `  k${i}: v`, `  nested${i}: [*m${i - 1}, *m${i - 1}]`);
  return `${lines.join('\n')}\n`;
}

function bombInListItems(): string {
  const item = (i: number): string => `- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c${i}}\n  data: *d`;
  return `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: base}\n  data: &d\n    k: &k [${range(50).map(() => 'v').join(',')}]\n${range(400).map(item).join('\n')}\n`;
}

function blockMappingsNested(depth: number): string {
  // 100,000 levels of indented block mappings would take 5 GB of spaces: 2,000 is past the limit.
  return range(depth).map((i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
}

const CASES: HostileCase[] = [
  // Alias bombs.
  { name: 'billion laughs, block style', file: 'bomb-block.yaml', content: billionLaughsBlock(), expectRules: ['yaml/alias-limit'] },
  { name: 'billion laughs, flow style on one line', file: 'bomb-flow.yaml', content: billionLaughsFlow(), expectRules: ['yaml/alias-limit'] },
  { name: 'alias bomb through merge keys (<<: *a)', file: 'bomb-merge.yaml', content: mergeKeyBomb(), expectRules: ['yaml/alias-limit'] },
  { name: 'alias bomb through merge-key lists (<<: [*a, *a])', file: 'bomb-merge-list.yaml', content: mergeListBomb(), expectRules: ['yaml/alias-limit'] },
  { name: 'aliases fanned out over the items of a List', file: 'bomb-list.yaml', content: bombInListItems(), expectRules: ['yaml/alias-limit'] },
  {
    name: 'alias bomb in a document that is also broken (slow path)',
    file: 'bomb-broken.yaml',
    content: `${billionLaughsFlow()}broken: key: value\n`,
    expectRules: ['yaml/syntax'],
  },
  {
    name: 'an alias to nothing, and an anchor used inside itself',
    file: 'bad-alias.yaml',
    content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: *nothing\n---\nself: &self {inner: *self}\n',
    expectRules: ['yaml/syntax'],
  },
  // 100,000-deep nesting.
  { name: '100,000 nested flow sequences', file: 'deep-flow-seq.yaml', content: `a: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`, expectRules: ['yaml/syntax'] },
  { name: '100,000 nested flow mappings', file: 'deep-flow-map.yaml', content: `a: ${'{a: '.repeat(DEEP)}b${'}'.repeat(DEEP)}\n`, expectRules: ['yaml/syntax'] },
  { name: '100,000 unclosed flow sequences', file: 'deep-flow-open.yaml', content: `a: ${'['.repeat(DEEP)}\n`, expectRules: ['yaml/syntax'] },
  { name: '100,000 nested block sequences (- - - x)', file: 'deep-block-seq.yaml', content: `${'- '.repeat(DEEP)}x\n`, expectRules: ['yaml/syntax'] },
  { name: '100,000 nested complex keys (? ? ? x)', file: 'deep-complex-key.yaml', content: `${'? '.repeat(DEEP)}x\n`, expectRules: ['yaml/syntax'] },
  { name: '100,000 nested JSON arrays in a .json file', file: 'deep.json', content: `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`, expectRules: ['yaml/syntax'] },
  { name: '100,000 nested JSON objects in a .json file', file: 'deep-objects.json', content: `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`, expectRules: ['yaml/syntax'] },
  { name: '2,000 nested block mappings (indented)', file: 'deep-block-map.yaml', content: blockMappingsNested(2000), expectRules: ['yaml/syntax'] },
  {
    name: '100,000 nested flow sequences after a syntax error in the same document (slow path)',
    file: 'deep-after-error.yaml',
    content: `broken: key: value\nx: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`,
    expectRules: ['yaml/syntax'],
    check: (report) => {
      // The slow path (the `yaml` package) recurses per level: its stack overflow must not become the message.
      for (const f of report.findings) expect(f.message).not.toMatch(/call stack|RangeError/i);
    },
  },
  {
    name: '100,000 nested block sequences after a syntax error (slow path)',
    file: 'deep-block-after-error.yaml',
    content: `broken: key: value\nx:\n${'- '.repeat(DEEP)}x\n`,
    expectRules: ['yaml/syntax'],
    check: (report) => {
      for (const f of report.findings) expect(f.message).not.toMatch(/call stack|RangeError/i);
    },
  },
  {
    name: 'nesting just inside the limit (990 levels) is read and checked',
    file: 'deep-ok.yaml',
    content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  annotations:\n    a: ${'['.repeat(990)}${']'.repeat(990)}\n`,
    expectRules: [],
    check: (report) => {
      expect(report.summary.objects).toBe(1);
      expect(report.findings.filter((f) => f.ruleId === 'yaml/syntax')).toEqual([]);
    },
  },
  // Custom tags: reported, never executed or resolved.
  {
    name: 'JavaScript, Python and CloudFormation tags',
    file: 'tags.yaml',
    content: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: !Ref TagName',
      '  namespace: !!js/function "function () { globalThis.KUBEVET_PWNED = 1; return \'pwned\'; }"',
      'data:',
      '  fn: !!js/function "function () { require(\'fs\').writeFileSync(\'PWNED-JS\', \'x\'); }"',
      '  re: !!js/regexp /(a+)+$/',
      '  undef: !!js/undefined ~',
      '  py: !!python/object/apply:os.system ["touch PWNED-PY"]',
      '  pyname: !!python/name:os.system',
      '  getatt: !GetAtt Thing.Arn',
      '  sub: !Sub "${AWS::Region}"',
      '  verbatim: !<tag:yaml.org,2002:js/function> "function () { globalThis.KUBEVET_PWNED = 2; }"',
      '  local: !<!local> x',
      '  binary: !!binary aGVsbG8=',
      '  badint: !!int not-a-number',
      'extra: !!python/object:__main__.Exploit {cmd: "touch PWNED-PY2"}',
      'set: !!set {a, b}',
      'omap: !!omap [a: 1, b: 2]',
      '',
    ].join('\n'),
    expectRules: ['yaml/unknown-tag'],
    check: (report) => {
      const tags = report.findings.filter((f) => f.ruleId === 'yaml/unknown-tag');
      expect(tags.length).toBeGreaterThanOrEqual(10);
      // The tagged name is read as the plain string, as Kubernetes would (after complaining).
      const named = report.findings.find((f) => f.object !== null);
      expect(named?.object?.name).toBe('TagName');
      expect(named?.object?.namespace).toMatch(/^function \(\) \{ globalThis\.KUBEVET_PWNED = 1;/);
    },
  },
  {
    name: '%TAG directives and named handles',
    file: 'tag-directive.yaml',
    content: '%YAML 1.1\n%TAG !e! tag:example.com,2000:app/\n%TAG !js! tag:yaml.org,2002:js/\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !e!foo tagged\ndata:\n  f: !js!function "function () { globalThis.KUBEVET_PWNED = 3; }"\n',
    expectRules: ['yaml/unknown-tag'],
    exitCode: 0,
  },
  // Merge-key tricks.
  {
    name: 'merge keys with non-mappings, nulls, undefined aliases and duplicates',
    file: 'merge-tricks.yaml',
    content: [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scalar-merge\n<<: 1\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: null-merge\ndata:\n  <<: ~\n',
      's: &s text\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alias-scalar-merge\ndata:\n  <<: *s\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: list-with-scalar\ndata:\n  <<: [{a: "1"}, 2, *nope]\n',
      'a: &a {x: "1"}\nb: &b {y: "2"}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\ndata:\n  <<: *a\n  <<: *b\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: quoted\ndata:\n  "<<": literal\n  ! <<: tagged\n  !!merge <<: {z: "3"}\n',
    ].join('---\n'),
    expectRules: ['yaml/syntax'],
    check: (report) => {
      // The documents that merge properly are still read.
      expect(report.summary.objects).toBeGreaterThanOrEqual(2);
    },
  },
  {
    name: 'a merge key cannot override explicit apiVersion, kind or name',
    file: 'merge-override.yaml',
    content: 'base: &base {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRoleBinding, metadata: {name: evil}}\napiVersion: extensions/v1beta1\nkind: Ingress\n<<: *base\nmetadata:\n  name: mine\n  <<: {name: theirs, namespace: merged}\n',
    expectRules: ['deprecation/removed-api'],
    check: (report) => {
      const ref = report.findings.find((f) => f.ruleId === 'deprecation/removed-api')?.object;
      expect(ref).toEqual({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'merged', name: 'mine' });
    },
  },
  {
    name: 'an alias to a mapping used as a key is a complex key',
    file: 'alias-key.yaml',
    content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alias-key\ndata:\n  a: &a {x: "1"}\n  *a : v\n  ? *a\n  : w\n',
    expectRules: ['yaml/complex-key'],
  },
];

describe('hostile YAML through the CLI (process, heap and time limits)', () => {
  const { dir, cleanup } = tempDir('kubevet-hostile-');
  const results = new Map<string, ProcessResult>();
  const sarif = new Map<string, string>();

  beforeAll(async () => {
    for (const c of CASES) writeFileSync(join(dir, c.file), c.content);
    // Two at a time: one per core.
    await runPool(
      CASES.map((c) => async () => {
        const out = `${c.file}.sarif`;
        const result = await spawnCliAsync(['--no-config', '-f', 'json', '-f', 'sarif', '-o', out, c.file], { cwd: dir, timeoutMs: KILL_AFTER_MS, maxOldSpaceMb: HEAP_MB });
        results.set(c.name, result);
        if (existsSync(join(dir, out))) sarif.set(c.name, readFileSync(join(dir, out), 'utf8'));
      }),
      2,
    );
  }, 4 * KILL_AFTER_MS);

  afterAll(() => {
    cleanup();
  });

  const cases = CASES.map((c) => [c.name, c] as const);
  const body = (name: string, c: HostileCase): void => {
    const result = results.get(name);
    if (result === undefined) throw new Error('the case did not run');
    const context = describeProcess(result);
    expect({ context, timedOut: result.timedOut, signal: result.signal }).toEqual({ context, timedOut: false, signal: null });
    expect({ context, code: result.code }).toEqual({ context, code: c.exitCode ?? 1 });
    expect(result.stderr).toBe('');
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    const report = parseReport(result.stdout);
    const rules = new Set(report.findings.filter((f) => f.file === c.file).map((f) => f.ruleId));
    for (const rule of c.expectRules) expect({ file: c.file, has: rule, rules: [...rules] }).toEqual({ file: c.file, has: rule, rules: expect.arrayContaining([rule]) });
    const bytes = Buffer.isBuffer(c.content) ? c.content : Buffer.from(c.content);
    expect(invariantViolations(report.findings, new Map([[c.file, bytes]]), sarif.get(name))).toEqual([]);
    c.check?.(report);
    // Nothing was evaluated.
    expect((globalThis as Record<string, unknown>).KUBEVET_PWNED).toBeUndefined();
    for (const marker of ['PWNED-JS', 'PWNED-PY', 'PWNED-PY2']) expect(existsSync(join(dir, marker))).toBe(false);
  };
  test.each(cases.filter(([, c]) => c.bug === undefined))('%s', body);
  // Known bugs, reported to the lead: each `test.failing` names its bug in the case's `bug` field.
  const known = cases.filter(([, c]) => c.bug !== undefined);
  if (known.length > 0) test.failing.each(known)('KNOWN BUG: %s', body);
});
