/**
 * Worker threads (src/engine/parallel.ts) change how fast a large run goes, never what it
 * reports: the built CLI run with 2 and 3 threads (the size threshold lowered so a small corpus
 * is split) prints byte for byte what one thread prints, also when a worker fails, when the
 * engine keeps every object on the main thread (--crd), and for shuffled file lists.
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDocuments } from '../../bench/generate';
import { shardBounds } from '../../src/engine/parallel';
import { ROOT, spawnCli } from '../cli/run-cli';
import { tempDir } from '../robustness/support';

const SPLIT_ANY_SIZE = { KUBEVET_PARALLEL_MIN_CHARS: '0', KUBEVET_DEBUG_THREADS: '1' };

function lint(args: string[], cwd: string, env: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } {
  return spawnCli(['--no-config', '--show-suppressed', '--rule', '*=warning', '--fail-on', 'warning', '-f', 'json', ...args], { cwd, env });
}

describe('a run split over worker threads reports exactly what one thread reports', () => {
  const { dir, cleanup } = tempDir('kubevet-parallel-');
  beforeAll(() => {
    const docs = generateDocuments(300, 7, 11);
    // One large multi-document file (split between threads inside the file) and many small ones.
    writeFileSync(join(dir, 'all.yaml'), docs.slice(0, 200).join('---\n'));
    mkdirSync(join(dir, 'apps'));
    docs.slice(200).forEach((doc, i) => writeFileSync(join(dir, 'apps', `${String(i).padStart(3, '0')}.yaml`), doc));
    // Broken and unusual files spread over the shards, with suppressions (comments and annotations).
    cpSync(join(ROOT, 'test', 'fixtures', 'messy'), join(dir, 'messy'), { recursive: true });
    writeFileSync(
      join(dir, 'apps', '050-suppressed.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: quiet\n  annotations:\n    kubevet.io/ignore: security/privileged -- test\nspec:\n  containers:\n    - name: c\n      image: nginx:latest # kubevet-ignore image/latest-tag\n      securityContext: {privileged: true}\n',
    );
  });
  afterAll(cleanup);

  let reference: { code: number; stdout: string; stderr: string };
  beforeAll(() => {
    reference = lint(['.'], dir, { KUBEVET_THREADS: '1' });
  });

  test('one thread: the reference has findings on every shard', () => {
    expect(reference.stderr).toBe('');
    expect(reference.code).toBe(1);
    expect(reference.stdout).toMatch(/"suppressed": \[\n\s+\{/);
    expect(reference.stdout).toContain('"file": "messy/duplicate-key.yaml"');
    expect(reference.stdout).toContain('"file": "all.yaml"');
  });

  test.each([2, 3])('%i threads', (threads) => {
    const result = lint(['.'], dir, { KUBEVET_THREADS: String(threads), ...SPLIT_ANY_SIZE });
    expect(result.stderr).toContain(`${threads} threads`);
    expect(result.stderr).not.toContain('given up');
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: reference.code, stdout: reference.stdout });
  });

  test.each(['compose', 'objects'])('a worker failing while it %s: the main thread does its share', (stage) => {
    const result = lint(['.'], dir, { KUBEVET_THREADS: '2', KUBEVET_TEST_THREAD_FAILURE: stage, ...SPLIT_ANY_SIZE });
    expect(result.stderr).toContain('given up');
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: reference.code, stdout: reference.stdout });
  });

  test('shuffled file lists with threads: the same output', () => {
    const files = ['all.yaml', ...readdirSync(join(dir, 'apps')).map((n) => `apps/${n}`), ...readdirSync(join(dir, 'messy')).map((n) => `messy/${n}`)];
    const shuffled = files.map((f, i) => ({ f, k: (i * 7919) % files.length })).sort((a, b) => a.k - b.k).map((x) => x.f);
    const result = lint(shuffled, dir, { KUBEVET_THREADS: '2', ...SPLIT_ANY_SIZE });
    expect(result.stderr).toContain('2 threads');
    expect(result.stdout).toBe(lint(files, dir, { KUBEVET_THREADS: '1' }).stdout);
  });

  test('with --crd the workers are let go and the main thread checks every object', () => {
    const crds = join(dir, 'crds');
    mkdirSync(crds);
    writeFileSync(
      join(crds, 'widget.yaml'),
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec: {type: object, properties: {size: {type: integer}}}\n',
    );
    const single = lint(['--crd', 'crds', '.'], dir, { KUBEVET_THREADS: '1' });
    const split = lint(['--crd', 'crds', '.'], dir, { KUBEVET_THREADS: '2', ...SPLIT_ANY_SIZE });
    expect(split.stderr).toContain('2 threads');
    expect({ code: split.code, stdout: split.stdout }).toEqual({ code: single.code, stdout: single.stdout });
  });
});

describe('custom rules (which workers do not load): every object is checked on the main thread', () => {
  const { dir, cleanup } = tempDir('kubevet-parallel-custom-');
  afterAll(cleanup);

  test('the same output with 2 threads as with one', () => {
    cpSync(join(ROOT, 'examples', 'custom-rules'), dir, { recursive: true });
    writeFileSync(join(dir, 'generated.yaml'), generateDocuments(150, 5, 3).join('---\n'));
    const run = (env: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } => spawnCli(['-f', 'json', '.'], { cwd: dir, env });
    const single = run({ KUBEVET_THREADS: '1' });
    expect(single.stdout).toContain('"ruleId": "acme/');
    const split = run({ KUBEVET_THREADS: '2', ...SPLIT_ANY_SIZE });
    expect(split.stderr).toContain('2 threads');
    expect({ code: split.code, stdout: split.stdout }).toEqual({ code: single.code, stdout: single.stdout });
  });
});

describe('shardBounds', () => {
  test('contiguous shards, the main thread (first) smaller, every shard at least one chunk', () => {
    expect(shardBounds(new Array(100).fill(10), 2)).toEqual([0, 33]);
    expect(shardBounds(new Array(100).fill(10), 3)).toEqual([0, 20, 60]);
    expect(shardBounds([1000, 1, 1], 3)).toEqual([0, 1, 2]);
    expect(shardBounds([1, 1], 2)).toEqual([0, 1]);
    const bounds = shardBounds([5, 300, 2, 2, 2, 80, 1, 1], 4);
    expect(bounds).toHaveLength(4);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeGreaterThan(bounds[i - 1]);
    expect(bounds[3]).toBeLessThan(8);
  });
});
