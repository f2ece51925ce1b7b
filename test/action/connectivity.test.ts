import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutBase, connectivityChanges, connectivitySection, MAX_DIFF_ROWS, parseCatFileBatch, runGitBytes, type ConnectivityResult } from '../../src/action/connectivity';
import { runAction } from '../../src/action/run';
import { gitAvailable, gitRepository, readOutputs, runnerEnv, runnerFiles, tempDir } from './helpers';

function deployment(name: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  selector:',
    `    matchLabels: {app: ${name}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    '          image: registry.example.com/shop@sha256:' + 'a'.repeat(64),
    '          ports: [{containerPort: 8080}]',
    '',
  ].join('\n');
}

const DENY_ALL = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
const ALLOW_WEB_TO_API =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api-from-web\n  namespace: shop\nspec:\n  podSelector: {matchLabels: {app: api}}\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: web}}}]\n      ports: [{port: 8080}]\n';

describe('git cat-file --batch output', () => {
  test('blobs are cut at their byte sizes, including non-ASCII and newlines; missing names are skipped', () => {
    const content = Buffer.from('name: café\nb: 2\n');
    const output = Buffer.concat([Buffer.from(`abc blob ${content.length}\n`), content, Buffer.from('\nx:./gone.yaml missing\n'), Buffer.from('def blob 2\nz\n\n')]);
    const files = parseCatFileBatch(output, ['a.yaml', 'gone.yaml', 'c.yaml']);
    expect([...files.keys()]).toEqual(['a.yaml', 'c.yaml']);
    expect(files.get('a.yaml')?.toString('utf8')).toBe('name: café\nb: 2\n');
    expect(files.get('c.yaml')?.toString('utf8')).toBe('z\n');
  });
});

describe('the summary section', () => {
  test('no NetworkPolicies in either version: no section', () => {
    expect(connectivitySection({ kind: 'none' }, 'f'.repeat(40))).toBeUndefined();
  });

  test('an unreadable base is said, escaped', () => {
    expect(connectivitySection({ kind: 'unavailable', reason: 'bad <b>' }, 'f'.repeat(40))).toBe('\n### NetworkPolicy connectivity\n\nNo connectivity diff: bad \\<b\\>.\n');
  });

  test('no change is said', () => {
    expect(connectivitySection({ kind: 'diff', rows: [] }, '0123456789abcdef')).toContain('No connections added, removed or changed since `0123456789ab`.');
  });
});

(gitAvailable() ? describe : describe.skip)('a pull request in a git repository', () => {
  test('the base version is read from git, below the working directory only', () => {
    const dir = tempDir();
    const { base } = gitRepository(dir, { 'k8s/a.yaml': 'a: 1\n', 'k8s/sub/b.yml': 'b: 1\n', 'k8s/notes.txt': 'x', 'other/c.yaml': 'c: 1\n' }, { 'k8s/a.yaml': 'a: 2\n' });
    const target = tempDir();
    expect(checkoutBase(base, join(dir, 'k8s'), target, runGitBytes)).toBe(2);
    expect(readFileSync(join(target, 'a.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readFileSync(join(target, 'sub', 'b.yml'), 'utf8')).toBe('b: 1\n');
  });

  test('a new allow rule shows as an added connection; an unrelated change to a set without policies shows nothing', () => {
    const dir = tempDir();
    const { base } = gitRepository(
      dir,
      { 'deploy/web.yaml': deployment('web'), 'deploy/api.yaml': deployment('api'), 'deploy/policy.yaml': DENY_ALL },
      { 'deploy/allow.yaml': ALLOW_WEB_TO_API },
    );
    const result = connectivityChanges({ base, cwd: dir, paths: ['deploy'], temp: tempDir() });
    expect(result.kind).toBe('diff');
    const rows = (result as Extract<ConnectivityResult, { kind: 'diff' }>).rows;
    expect(rows.map((r) => [r.type, r.src.name, r.dst.name, r.ref1.toString(), r.ref2.toString()])).toEqual([['added', 'shop/web[Deployment]', 'shop/api[Deployment]', 'No Connections', 'TCP 8080']]);
    const section = connectivitySection(result, base) ?? '';
    expect(section).toContain('**1 added, 0 removed, 0 changed**');
    expect(section).toContain('| added | shop/web\\[Deployment\\] | shop/api\\[Deployment\\] | No Connections | TCP 8080 |');

    const plain = tempDir();
    const commits = gitRepository(plain, { 'web.yaml': deployment('web') }, { 'api.yaml': deployment('api') });
    expect(connectivityChanges({ base: commits.base, cwd: plain, paths: ['.'], temp: tempDir() })).toEqual({ kind: 'none' });
  });

  test('paths outside the working directory are not compared', () => {
    const dir = tempDir();
    const { base } = gitRepository(dir, { 'app/policy.yaml': DENY_ALL }, { 'app/allow.yaml': ALLOW_WEB_TO_API });
    expect(connectivityChanges({ base, cwd: join(dir, 'app'), paths: ['../app'], temp: tempDir() })).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('outside the working directory') });
  });

  test('a base missing from a shallow clone is said only when the set has policies', () => {
    const dir = tempDir();
    gitRepository(dir, { 'policy.yaml': DENY_ALL }, { 'allow.yaml': ALLOW_WEB_TO_API });
    const missing = 'f'.repeat(40);
    expect(connectivityChanges({ base: missing, cwd: dir, paths: ['.'], temp: tempDir() })).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/^the base version could not be read \(fatal: .+\); check out with `fetch-depth: 0`$/) });
    const plain = tempDir();
    gitRepository(plain, { 'web.yaml': deployment('web') }, { 'api.yaml': deployment('api') });
    expect(connectivityChanges({ base: missing, cwd: plain, paths: ['.'], temp: tempDir() })).toEqual({ kind: 'none' });
  });

  test('the action appends the diff to the job summary of a pull request', () => {
    const dir = tempDir();
    const { base } = gitRepository(dir, { 'web.yaml': deployment('web'), 'api.yaml': deployment('api'), 'policy.yaml': DENY_ALL }, { 'allow.yaml': ALLOW_WEB_TO_API });
    const runner = runnerFiles({ pull_request: { base: { sha: base } } });
    const code = runAction({ env: runnerEnv(dir, runner, { paths: '.' }), cwd: '/', stdout: () => undefined, stderr: () => undefined });
    expect(code).toBeLessThan(2);
    const summary = readFileSync(runner.summary, 'utf8');
    expect(summary).toMatch(/^## kubevet/);
    expect(summary).toContain('### NetworkPolicy connectivity');
    expect(summary).toContain('| added | shop/web\\[Deployment\\] | shop/api\\[Deployment\\] | No Connections | TCP 8080 |');
    expect(readOutputs(runner).errors).toBeDefined();
  });

  test('a push (no pull request) has no connectivity section', () => {
    const dir = tempDir();
    gitRepository(dir, { 'policy.yaml': DENY_ALL }, { 'allow.yaml': ALLOW_WEB_TO_API });
    const runner = runnerFiles({});
    runAction({ env: runnerEnv(dir, runner, { paths: '.' }, { GITHUB_EVENT_NAME: 'push' }), cwd: '/', stdout: () => undefined, stderr: () => undefined });
    expect(readFileSync(runner.summary, 'utf8')).not.toContain('connectivity');
  });

  test('long diffs are capped', () => {
    const dir = tempDir();
    const names = Array.from({ length: 9 }, (_, i) => `svc${i}`);
    const files = Object.fromEntries(names.map((n) => [`${n}.yaml`, deployment(n)]));
    const { base } = gitRepository(dir, { ...files }, { 'policy.yaml': DENY_ALL });
    const result = connectivityChanges({ base, cwd: dir, paths: ['.'], temp: tempDir() });
    const rows = (result as Extract<ConnectivityResult, { kind: 'diff' }>).rows;
    expect(rows.length).toBeGreaterThan(MAX_DIFF_ROWS);
    expect(connectivitySection(result, base)).toContain(`Showing ${MAX_DIFF_ROWS} of ${rows.length} changes`);
  });
});
