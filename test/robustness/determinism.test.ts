/**
 * Determinism: the same input gives byte-identical output in every format, whatever the order
 * of the paths on the command line, the order in which files were created on disk, and the
 * locale and time zone of the environment.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../scripts/fuzz';
import { describeProcess, ROOT, runCli, runPool, spawnCliAsync, tempDir } from './support';

const FORMATS = ['json', 'sarif', 'text', 'github'] as const;

/** Files whose names sort differently by code unit, by locale and by case. */
function generatedFiles(): Record<string, string> {
  const cm = (name: string, extra = ''): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;
  return {
    'a.yaml': cm('a', 'data:\n  k: 1\n  k: 2\n'),
    'B.yaml': cm('b', '  labels: {x: yes}\n'),
    'b.yml': cm('b2', 'data: {k: "v" // comment}\n'),
    'Ä.yaml': cm('ae', 'kind: Secret\n'),
    'z.yaml': cm('z'),
    'i.yaml': cm('i', 'data:\n\tk: v\n'),
    'İ.yaml': cm('dotted-i', 'broken: [\n'),
    'ı.yaml': cm('dotless-i', '  namespace: NO\n'),
    '10.yaml': cm('ten', '---\n' + cm('ten-second', 'data:\n  a: on\n')),
    '9.yaml': cm('nine', 'x: !Ref y\n'),
    '_under.json': JSON.stringify({ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'old' } }),
    'ünïcödé 😀.yaml': cm('emoji', 'data: {k: *nope}\n'),
    'zz-list.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: c, image: nginx, securityContext: {privileged: true}}]}\n',
  };
}

/** One run writing all four formats (JSON to standard output, the others to files). */
function outputs(args: string[], cwd: string): Record<string, string> {
  const { dir, cleanup } = tempDir('kubevet-out-');
  try {
    const file = (format: string): string => join(dir, `out.${format}`);
    const result = runCli(['--no-config', '-f', 'json', '-f', 'sarif', '-o', file('sarif'), '-f', 'text', '-o', file('text'), '-f', 'github', '-o', file('github'), ...args], cwd);
    expect(result.stderr).toBe('');
    const out: Record<string, string> = { json: `exit ${result.code}\n${result.stdout}` };
    for (const format of FORMATS.filter((f) => f !== 'json')) out[format] = readFileSync(file(format), 'utf8');
    return out;
  } finally {
    cleanup();
  }
}

describe('the order of paths on the command line does not matter', () => {
  const { dir, cleanup } = tempDir('kubevet-order-');
  const files = generatedFiles();
  beforeAll(() => {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    cpSync(join(ROOT, 'test', 'fixtures', 'messy'), join(dir, 'messy'), { recursive: true });
  });
  afterAll(cleanup);

  const names = (): string[] => [
    ...Object.keys(generatedFiles()),
    ...readdirSync(join(dir, 'examples', 'bad')).map((n) => `examples/bad/${n}`),
    ...readdirSync(join(dir, 'messy')).map((n) => `messy/${n}`),
  ];

  test('shuffled file lists give identical output in every format', () => {
    const list = names().sort();
    const reference = outputs(list, dir);
    expect(reference.json).toMatch(/"findings": \[\n/);
    const rng = new Rng(7);
    for (let round = 0; round < 2; round++) {
      const shuffled = [...list];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(outputs(shuffled, dir)).toEqual(reference);
    }
    expect(outputs([...list].reverse(), dir)).toEqual(reference);
  });

  test('folders, files, ./ prefixes and repeated paths give the same output', () => {
    const list = Object.keys(generatedFiles());
    const reference = outputs([...list, 'examples'], dir);
    expect(outputs(['examples', ...list.map((n) => `./${n}`), ...list.slice(0, 3)], dir)).toEqual(reference);
    expect(outputs(['examples/bad', 'examples/good', 'examples/custom-rules', 'examples/policies', ...[...list].reverse(), 'examples/bad/duplicate-key.yaml'], dir)).toEqual(reference);
  });
});

describe('the order in which files were created does not matter', () => {
  const { dir, cleanup } = tempDir('kubevet-created-');
  afterAll(cleanup);

  test('a copy of a folder whose files were created in another order gives identical output', () => {
    const files = Object.entries(generatedFiles());
    const nested = (base: string, entries: [string, string][]): void => {
      for (const [name, content] of entries) {
        const sub = join(base, name.length % 2 === 0 ? 'even' : 'odd');
        mkdirSync(sub, { recursive: true });
        writeFileSync(join(sub, name), content);
        writeFileSync(join(base, name), content);
      }
    };
    nested(join(dir, 'first'), files);
    nested(join(dir, 'second'), [...files].reverse());
    // Different times, too: nothing may depend on them.
    for (const [i, [name]] of files.entries()) utimesSync(join(dir, 'second', name), 1_000_000 + i * 1000, 2_000_000 - i * 1000);
    expect(outputs(['.'], join(dir, 'second'))).toEqual(outputs(['.'], join(dir, 'first')));
  });

  test('a copy of the test fixtures gives identical output to the originals (relative paths)', () => {
    const copy = join(dir, 'fixtures-copy');
    const entries = readdirSync(join(ROOT, 'test', 'fixtures', 'messy')).reverse();
    mkdirSync(copy);
    for (const name of entries) writeFileSync(join(copy, name), readFileSync(join(ROOT, 'test', 'fixtures', 'messy', name)));
    expect(outputs(['.'], copy)).toEqual(outputs(['.'], join(ROOT, 'test', 'fixtures', 'messy')));
  });
});

describe('locale and time zone do not change the output (process)', () => {
  const { dir, cleanup } = tempDir('kubevet-locale-');
  afterAll(cleanup);

  const ENVIRONMENTS: Record<string, NodeJS.ProcessEnv> = {
    'no locale': {},
    'LANG=C': { LANG: 'C' },
    'LANG=tr_TR.UTF-8': { LANG: 'tr_TR.UTF-8' },
    'LC_ALL=de_DE.UTF-8, TZ=Pacific/Chatham': { LC_ALL: 'de_DE.UTF-8', TZ: 'Pacific/Chatham' },
    'LC_ALL=ar_EG.UTF-8, TZ=Asia/Kathmandu': { LC_ALL: 'ar_EG.UTF-8', TZ: 'Asia/Kathmandu', LANG: 'ar_EG.UTF-8' },
    'LANG=ja_JP.UTF-8, LC_ALL=hi_IN.UTF-8, TZ=America/St_Johns': { LANG: 'ja_JP.UTF-8', LC_ALL: 'hi_IN.UTF-8', TZ: 'America/St_Johns' },
  };

  test('json, sarif, text and github output are identical in every environment', async () => {
    for (const [name, content] of Object.entries(generatedFiles())) writeFileSync(join(dir, name), content);
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const runs = await runPool(
      Object.entries(ENVIRONMENTS).map(([label, env], i) => async () => {
        const out = join(dir, `out-${i}`);
        mkdirSync(out);
        const result = await spawnCliAsync(
          ['--no-config', '-f', 'json', '-f', 'sarif', '-o', join(out, 'sarif'), '-f', 'text', '-o', join(out, 'text'), '-f', 'github', '-o', join(out, 'github'), '.'],
          { cwd: dir, env, timeoutMs: 30_000 },
        );
        return { label, result, sarif: readFileSync(join(out, 'sarif'), 'utf8'), text: readFileSync(join(out, 'text'), 'utf8'), github: readFileSync(join(out, 'github'), 'utf8') };
      }),
      2,
    );
    const [reference, ...others] = runs;
    expect({ how: describeProcess(reference.result), code: reference.result.code }).toEqual({ how: describeProcess(reference.result), code: 1 });
    expect(reference.result.stdout).toMatch(/"findings"/);
    for (const run of others) {
      expect({ env: run.label, code: run.result.code, stderr: run.result.stderr }).toEqual({ env: run.label, code: reference.result.code, stderr: '' });
      expect({ env: run.label, json: run.result.stdout }).toEqual({ env: run.label, json: reference.result.stdout });
      expect({ env: run.label, sarif: run.sarif }).toEqual({ env: run.label, sarif: reference.sarif });
      expect({ env: run.label, text: run.text }).toEqual({ env: run.label, text: reference.text });
      expect({ env: run.label, github: run.github }).toEqual({ env: run.label, github: reference.github });
    }
  }, 60_000);
});
