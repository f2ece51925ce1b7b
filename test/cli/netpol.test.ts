/** `kubevet netpol list|explain|diff` through the CLI entry point. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

const APP = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db:1, ports: [{name: pg, containerPort: 5432}]}]}
`;

const POLICY = (port: number): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports: [{port: ${port}}]
`;

let dir: string;
let oldDir: string;
let newDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubevet-netpol-'));
  oldDir = join(dir, 'old');
  newDir = join(dir, 'new');
  mkdirSync(oldDir);
  mkdirSync(newDir);
  writeFileSync(join(oldDir, 'app.yaml'), `${APP}---\n${POLICY(5432)}`);
  writeFileSync(join(newDir, 'app.yaml'), `${APP}---\n${POLICY(5433)}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubevet netpol list', () => {
  test('prints the allowed connections, sorted, in netpol-analyzer text', () => {
    const r = runCli(['netpol', 'list', oldDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections',
        'shop/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/db[Deployment] => shop/web[Deployment] : All Connections',
        'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/web[Deployment] => shop/db[Deployment] : TCP 5432',
        '',
      ].join('\n'),
    );
  });

  test('--format json, csv and md carry the same rows', () => {
    expect(JSON.parse(runCli(['netpol', 'list', oldDir, '--format', 'json']).stdout)).toContainEqual({ src: 'shop/web[Deployment]', dst: 'shop/db[Deployment]', conn: 'TCP 5432' });
    expect(runCli(['netpol', 'list', oldDir, '-f', 'csv']).stdout).toContain('src,dst,conn\n');
    expect(runCli(['netpol', 'list', oldDir, '-f', 'md']).stdout).toContain('| shop/web[Deployment] | shop/db[Deployment] | TCP 5432 |');
  });

  test('--format dot groups namespaces', () => {
    const out = runCli(['netpol', 'list', oldDir, '-f', 'dot']).stdout;
    expect(out).toContain('subgraph "cluster_shop[namespace]"');
    expect(out).toContain('"shop/web[Deployment]" -> "shop/db[Deployment]" [label="TCP 5432"');
  });

  test('--format html writes one self-contained page with the graph', () => {
    const file = join(dir, 'out', 'graph.html');
    const r = runCli(['netpol', 'list', oldDir, '-f', 'html', '-o', file]);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('TCP 5432');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  test('--focus-workload and --focus-direction', () => {
    const out = runCli(['netpol', 'list', oldDir, '--focus-workload', 'shop/db', '--focus-direction', 'ingress']).stdout;
    expect(out.trim().split('\n')).toEqual(['shop/web[Deployment] => shop/db[Deployment] : TCP 5432']);
  });

  test('--exposure adds what each workload is open to beyond the run', () => {
    const out = runCli(['netpol', 'list', oldDir, '--exposure']).stdout;
    expect(out).toContain('Exposure Analysis Result:');
    expect(out).toMatch(/shop\/web\[Deployment\]\s+<=\s+entire-cluster : All Connections/);
    expect(out).toContain('shop/web[Deployment] is not protected on Ingress');
  });

  test('--explain prints the reasons for every pair', () => {
    const out = runCli(['netpol', 'list', oldDir, '--explain']).stdout;
    expect(out).toContain('Connections between shop/web[Deployment] => shop/db[Deployment]:');
    expect(out).toContain("NetworkPolicy 'shop/db' allows connections by Ingress rule #1");
    expect(out).toContain('# All Connections due to the system default (Allow all) #');
    expect(runCli(['netpol', 'list', oldDir, '--explain', '-f', 'json']).code).toBe(2);
  });

  test('invalid policies are reported on standard error and the listing goes on', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'app.yaml'), `${APP}---\n${POLICY(5432).replace('ports: [{port: 5432}]', 'ports: [{port: http, endPort: 9000}]')}`);
    const r = runCli(['netpol', 'list', bad]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/NetworkPolicy shop\/db is invalid \(endPort cannot be used with a named port/);
  });

  test('usage errors exit 2', () => {
    expect(runCli(['netpol', 'list', oldDir, '-f', 'xml']).code).toBe(2);
    expect(runCli(['netpol', 'list', '--focus-direction', 'up']).code).toBe(2);
    expect(runCli(['netpol', 'frobnicate']).code).toBe(2);
    expect(runCli(['netpol']).code).toBe(2);
    expect(runCli(['netpol', '--help']).code).toBe(0);
  });
});

describe('kubevet netpol explain', () => {
  test('names the policy and rule that allow the port', () => {
    const r = runCli(['netpol', 'explain', 'web', 'shop/db', oldDir, '--port', '5432']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop/web[Deployment] => shop/db[Deployment] on TCP 5432: ALLOWED');
    expect(r.stdout).toContain("NetworkPolicy 'shop/db'");
    expect(r.stdout).toContain('ingress rule #1: allows TCP 5432');
  });

  test('explains a default deny', () => {
    const r = runCli(['netpol', 'explain', 'shop/db', 'shop/web', oldDir, '--port', '5432/UDP']);
    expect(r.stdout).toContain('on UDP 5432: ALLOWED');
    const denied = runCli(['netpol', 'explain', '10.0.0.1', 'shop/db', oldDir, '--port', '5432']);
    expect(denied.stdout).toContain('10.0.0.1[External] => shop/db[Deployment] on TCP 5432: DENIED');
    expect(denied.stdout).toContain('no peer matches 10.0.0.1[External]');
    expect(denied.stdout).toContain('isolated for Ingress');
  });

  test('unknown or ambiguous workloads and bad ports are usage errors', () => {
    expect(runCli(['netpol', 'explain', 'nope', 'db', oldDir]).code).toBe(2);
    expect(runCli(['netpol', 'explain', 'web', 'db', oldDir, '--port', 'http']).code).toBe(2);
    expect(runCli(['netpol', 'explain', 'web']).code).toBe(2);
  });
});

describe('kubevet netpol diff', () => {
  test('text: changed connections', () => {
    const r = runCli(['netpol', 'diff', oldDir, newDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Connectivity diff:\ndiff-type: changed, source: shop/web[Deployment], destination: shop/db[Deployment], ref1: TCP 5432, ref2: TCP 5433\n');
  });

  test('markdown for a pull-request comment, json, csv', () => {
    expect(runCli(['netpol', 'diff', oldDir, newDir, '-f', 'md']).stdout).toContain('**Connectivity diff:** 0 added, 0 removed, 1 changed');
    expect(JSON.parse(runCli(['netpol', 'diff', oldDir, newDir, '-f', 'json']).stdout).summary).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(runCli(['netpol', 'diff', oldDir, newDir, '-f', 'csv']).stdout).toContain('changed,shop/web[Deployment],shop/db[Deployment],TCP 5432,TCP 5433,');
  });

  test('identical versions print nothing; --exit-code reports changes with 1', () => {
    expect(runCli(['netpol', 'diff', oldDir, oldDir]).stdout).toBe('');
    expect(runCli(['netpol', 'diff', oldDir, oldDir, '--exit-code']).code).toBe(0);
    expect(runCli(['netpol', 'diff', oldDir, newDir, '--exit-code']).code).toBe(1);
    expect(runCli(['netpol', 'diff', oldDir]).code).toBe(2);
    expect(runCli(['netpol', 'diff', '--old', oldDir, '--new', join(newDir, 'app.yaml'), '--exit-code']).code).toBe(1);
    expect(runCli(['netpol', 'diff', '--old', oldDir]).code).toBe(2);
  });
});
