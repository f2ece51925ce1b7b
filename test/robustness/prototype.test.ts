/**
 * `__proto__`, `constructor` and `prototype` as keys and values at every level of a manifest,
 * through merge keys and aliases, in JSON files, in object names and in the configuration: no
 * built-in prototype changes in anything kubevet builds, including the JSON and SARIF reports
 * (parsed here), and the keys are kept as ordinary data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSarif } from '../../scripts/fuzz';
import { invariantViolations, lintJson, prototypeSnapshot, runCli, tempDir } from './support';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'];
const POLLUTER = '{polluted: yes, toString: 1, valueOf: 2, hasOwnProperty: 3, isAdmin: true}';

/** A mapping with every hostile key, each holding a polluting mapping, at `indent`. */
function hostileEntries(indent: string): string {
  return HOSTILE_KEYS.map((k) => `${indent}${k}: ${POLLUTER}\n${indent}"${k}x": {${k}: {polluted: 1}}`).join('\n');
}

function workload(name: string): string {
  const i = (n: number): string => ' '.repeat(n);
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    hostileEntries(''),
    'metadata:',
    `${i(2)}name: ${name}`,
    `${i(2)}namespace: constructor`,
    hostileEntries(i(2)),
    `${i(2)}labels:`,
    `${i(4)}__proto__: polluted`,
    `${i(4)}constructor: "yes"`,
    `${i(4)}prototype: "x"`,
    `${i(2)}annotations:`,
    `${i(4)}__proto__: polluted`,
    `${i(4)}kubevet.io/ignore: "__proto__, constructor -- prototype"`,
    'spec:',
    hostileEntries(i(2)),
    `${i(2)}selector:`,
    `${i(4)}matchLabels: {__proto__: polluted, constructor: x}`,
    `${i(2)}template:`,
    `${i(4)}metadata:`,
    `${i(6)}labels: {__proto__: polluted, constructor: x}`,
    `${i(4)}spec:`,
    hostileEntries(i(6)),
    `${i(6)}nodeSelector: {__proto__: polluted}`,
    `${i(6)}containers:`,
    `${i(6)}- name: __proto__`,
    `${i(8)}image: constructor`,
    hostileEntries(i(8)),
    `${i(8)}env:`,
    `${i(8)}- {name: __proto__, value: "1"}`,
    `${i(8)}- {name: constructor, valueFrom: {__proto__: {polluted: 1}}}`,
    `${i(8)}securityContext: {__proto__: {privileged: true}, constructor: {prototype: {privileged: true}}}`,
    `${i(8)}resources: {limits: {__proto__: "1", cpu: constructor}}`,
    '',
  ].join('\n');
}

const FILES: Record<string, string> = {
  'workload.yaml': workload('__proto__'),
  'merge.yaml': [
    'base: &base',
    `  __proto__: ${POLLUTER}`,
    `  constructor: {prototype: ${POLLUTER}}`,
    'apiVersion: v1',
    'kind: ConfigMap',
    '<<: *base',
    'metadata:',
    '  name: constructor',
    '  <<: [*base, {__proto__: {polluted: 1}}]',
    'data:',
    '  <<: {__proto__: polluted, prototype: polluted}',
    '  alias: *base',
    '',
  ].join('\n'),
  'list.yaml': [
    'apiVersion: v1',
    'kind: List',
    '__proto__: {kind: Secret}',
    'items:',
    '- apiVersion: v1',
    '  kind: __proto__',
    '  metadata: {name: prototype, __proto__: {polluted: 1}}',
    '- apiVersion: __proto__/v1',
    '  kind: constructor',
    '  metadata: {name: constructor, namespace: __proto__}',
    '- __proto__: {apiVersion: v1, kind: Pod}',
    '',
  ].join('\n'),
  'object.json': JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: JSON.parse('{"name": "json", "__proto__": {"polluted": true}, "labels": {"__proto__": "x", "constructor": "y"}}') as unknown,
    data: JSON.parse('{"__proto__": {"polluted": "1"}, "constructor": {"prototype": {"polluted": "1"}}}') as unknown,
  }),
  'duplicate.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  __proto__: {a: 1}\n  __proto__: {polluted: 1}\n',
  '__proto__.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: file-named-proto\n',
  'constructor.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: file-named-constructor\n  labels: {a: yes}\n',
};

describe('prototype keys everywhere', () => {
  const { dir, cleanup } = tempDir('kubevet-proto-');
  let before: string;
  beforeAll(() => {
    for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
    before = prototypeSnapshot();
  });
  afterAll(cleanup);

  const expectUnpolluted = (): void => {
    expect(prototypeSnapshot()).toBe(before);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(probe.privileged).toBeUndefined();
    expect(typeof probe.toString).toBe('function');
    expect(typeof probe.hasOwnProperty).toBe('function');
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  };

  test.each(['json', 'sarif', 'text', 'github'])('-f %s: a normal run, no prototype changed', (format) => {
    const result = runCli(['--no-config', '-f', format, '--show-suppressed', ...Object.keys(FILES)], dir);
    expect(result.stderr).toBe('');
    expect([0, 1]).toContain(result.code);
    expectUnpolluted();
    if (format === 'json' || format === 'sarif') {
      const parsed = JSON.parse(result.stdout) as unknown;
      expect(parsed).toBeDefined();
      expectUnpolluted();
    }
  });

  test('the JSON report keeps hostile names as data, with sound positions and a matching SARIF log', () => {
    const { report } = lintJson(Object.keys(FILES), dir);
    const sarif = runCli(['--no-config', '-f', 'sarif', ...Object.keys(FILES)], dir).stdout;
    const texts = new Map(Object.entries(FILES).map(([name, content]) => [name, Buffer.from(content)]));
    expect(invariantViolations(report.findings, texts, sarif)).toEqual([]);
    expect(checkSarif(sarif, report.findings)).toEqual([]);
    for (const f of report.findings) {
      expect(Object.getPrototypeOf(f)).toBe(Object.prototype);
      if (f.object !== null) expect(Object.getPrototypeOf(f.object)).toBe(Object.prototype);
    }
    const names = new Set(report.findings.flatMap((f) => (f.object === null ? [] : [f.object.name])));
    expect(names.has('__proto__')).toBe(true);
    expect(report.summary.objects).toBeGreaterThanOrEqual(6);
    // The file named __proto__.yaml is an ordinary file.
    expect(report.summary.files).toBe(Object.keys(FILES).length);
    expectUnpolluted();
  });

  test('the merge of a __proto__ mapping does not change the kind or the name', () => {
    const { report } = lintJson(['merge.yaml', 'list.yaml'], dir);
    const refs = report.findings.flatMap((f) => (f.object === null ? [] : [`${f.object.kind}/${f.object.name}`]));
    expect(refs).not.toContain('Secret/constructor');
    expect(refs).not.toContain('Pod/undefined');
    expectUnpolluted();
  });

  test('a configuration with hostile keys is refused (exit 2) and pollutes nothing', () => {
    const configs = [
      'checks:\n  __proto__: error\n',
      'checks:\n  constructor: {severity: off}\n',
      '__proto__: {failOn: never}\n',
      'exclude:\n  - rules: ["__proto__"]\n    reason: x\n    __proto__: {files: ["**"]}\n',
      'checks: {__proto__: {polluted: 1}}\n',
      'checks:\n  yaml/duplicate-key: {severity: error, options: {__proto__: {polluted: 1}}}\n',
    ];
    for (const config of configs) {
      writeFileSync(join(dir, 'hostile-config.yaml'), config);
      const result = runCli(['--config', 'hostile-config.yaml', 'workload.yaml'], dir);
      expect({ config, code: [1, 2].includes(result.code) }).toEqual({ config, code: true });
      if (result.code === 2) expect(result.stderr).not.toMatch(/internal error/);
      expectUnpolluted();
    }
  });

  test('--rule and --ignore with hostile names', () => {
    for (const args of [['--rule', '__proto__=off'], ['--rule', 'constructor/*=off'], ['--ignore', '__proto__'], ['--namespace', '__proto__']]) {
      const result = runCli(['--no-config', ...args, 'workload.yaml'], dir);
      expect([1, 2]).toContain(result.code);
      expect(result.stderr).not.toMatch(/internal error/);
      expectUnpolluted();
    }
  });
});
