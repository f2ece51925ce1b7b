/**
 * kubevet never touches the network. test/helpers/no-network.js, preloaded with `--require`,
 * turns every way Node opens a socket or resolves a name into an immediate exit 97; the built
 * CLI runs under it over the examples, the fixtures and the corpus and must end as usual (0/1).
 * The first block shows that the preload really stops each kind of connection.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeShared, sharedPath } from '../helpers/shared';
import { describeProcess, ROOT, runPool, spawnCliAsync, spawnNode, tempDir, type ProcessResult } from './support';

const PRELOAD = join(ROOT, 'test', 'helpers', 'no-network.js');
const BLOCKED = 97;

/** Attempts to reach the network, each swallowing its own errors: only the preload can stop them. */
const ATTEMPTS: Record<string, string> = {
  'net.connect': "require('node:net').connect(9, '127.0.0.1').on('error', () => {})",
  'net.createConnection': "require('node:net').createConnection({ port: 9, host: '127.0.0.1' }).on('error', () => {})",
  'net.Socket.prototype.connect': "new (require('node:net').Socket)().on('error', () => {}).connect(9, '127.0.0.1')",
  'tls.connect': "require('node:tls').connect(9, '127.0.0.1').on('error', () => {})",
  'http.request': "require('node:http').request('http://127.0.0.1:9/').on('error', () => {}).end()",
  'http.get': "require('node:http').get('http://127.0.0.1:9/').on('error', () => {})",
  'https.request': "require('node:https').request('https://127.0.0.1:9/').on('error', () => {}).end()",
  'https.get': "require('node:https').get('https://127.0.0.1:9/').on('error', () => {})",
  'dns.lookup': "require('node:dns').lookup('localhost', () => {})",
  'dns.resolve4': "require('node:dns').resolve4('localhost', () => {})",
  'dns.promises.lookup': "require('node:dns').promises.lookup('localhost').catch(() => {})",
  'dgram.createSocket': "require('node:dgram').createSocket('udp4')",
  'global fetch': "fetch('http://127.0.0.1:9/').catch(() => {})",
  'http.get via ES module import': "import('node:http').then((h) => h.get('http://127.0.0.1:9/').on('error', () => {}))",
  'child_process.spawn': "require('node:child_process').spawn('true')",
  'a connect inside try/catch': "try { require('node:net').connect(9, '127.0.0.1') } catch {} console.log('not stopped')",
};

describe('the no-network preload', () => {
  const results = new Map<string, ProcessResult>();
  beforeAll(async () => {
    const entries = Object.entries(ATTEMPTS);
    const done = await runPool(
      entries.map(([, code]) => () => spawnNode(['--require', PRELOAD, '-e', `${code}; setTimeout(() => {}, 200);`], { timeoutMs: 20_000 })),
      2,
    );
    entries.forEach(([name], i) => results.set(name, done[i]));
  }, 120_000);

  test.each(Object.keys(ATTEMPTS))('stops %s', (name) => {
    const result = results.get(name) as ProcessResult;
    expect({ how: describeProcess(result), code: result.code }).toEqual({ how: describeProcess(result), code: BLOCKED });
    expect(result.stderr).toMatch(/^no-network: blocked /);
    expect(result.stdout).toBe('');
  });

  test('lets a program that does not use the network run normally', async () => {
    const result = await spawnNode(['--require', PRELOAD, '-e', "require('node:fs').readFileSync(__filename === '[eval]' ? process.execPath : ''); console.log('ok')"], { timeoutMs: 20_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('ok\n');
  });
});

describe('the CLI under the no-network preload', () => {
  const { dir, cleanup } = tempDir('kubevet-offline-');
  afterAll(cleanup);

  /** A second preload that records, when the CLI exits, that the first one was active. */
  const PROBE = (): string => {
    const probe = join(dir, 'probe.js');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'probe.out'))}, require('node:net').connect.name));\n`);
    return probe;
  };

  const offline = (args: string[], cwd = ROOT): Promise<ProcessResult> => spawnCliAsync(args, { cwd, nodeArgs: ['--require', PRELOAD, '--require', PROBE()], timeoutMs: 60_000, maxOutput: 50_000_000 });

  test.each([
    ['examples/bad (findings)', ['--no-config', 'examples/bad'], 1],
    ['examples/good', ['--no-config', 'examples/good'], null],
    ['test/fixtures, all formats', ['--no-config', '-f', 'json', '-f', 'sarif', '-o', '{dir}/out.sarif', '-f', 'github', '-o', '{dir}/out.gh', 'test/fixtures'], 1],
    ['kubevet rules', ['rules'], 0],
    ['kubevet explain', ['explain', 'yaml/duplicate-key'], 0],
    ['--version', ['--version'], 0],
    ['standard input', ['--no-config', '-'], 0],
  ])('%s', async (_name, rawArgs, expected) => {
    const args = rawArgs.map((a) => a.replace('{dir}', dir));
    const result = await offline(args);
    expect(result.stderr).not.toMatch(/no-network/);
    const codes = expected === null ? [0, 1] : [expected];
    expect({ how: describeProcess(result), ok: codes.includes(result.code ?? -1) }).toEqual({ how: describeProcess(result), ok: true });
    expect(readFileSync(join(dir, 'probe.out'), 'utf8')).toBe('forbiddenNetworkAccess');
  });

  describeShared('over ../shared/corpus', () => {
    // The corpus without its three multi-megabyte install bundles (kube-prometheus, argo-cd,
    // calico), which cost seconds and exercise nothing network-related that the rest does not.
    const PARTS = ['edge', 'insecure', 'real/kubernetes-examples', 'real/ingress-nginx', 'real/microservices-demo', 'real/flannel'];
    test('the corpus is checked offline', async () => {
      const result = await offline(['--no-config', '-f', 'json', '-f', 'sarif', '-o', join(dir, 'corpus.sarif'), ...PARTS.map((p) => sharedPath('corpus', p))], dir);
      expect(result.stderr).not.toMatch(/no-network/);
      expect({ how: describeProcess(result), ok: [0, 1].includes(result.code ?? -1) }).toEqual({ how: describeProcess(result), ok: true });
      const report = JSON.parse(result.stdout) as { summary: { files: number; objects: number } };
      expect(report.summary.files).toBeGreaterThan(400);
      expect(report.summary.objects).toBeGreaterThan(500);
    }, 60_000);
  });
});
