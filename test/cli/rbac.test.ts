import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

const MANIFESTS = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ops
  namespace: billing
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ops-admin
  namespace: billing
subjects:
  - kind: ServiceAccount
    name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
  - nonResourceURLs: ["/metrics"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: auditors
subjects:
  - kind: Group
    name: auditors
    apiGroup: rbac.authorization.k8s.io
  - kind: User
    name: jane
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ops
  namespace: billing
spec:
  selector:
    matchLabels: {app: ops}
  template:
    metadata:
      labels: {app: ops}
    spec:
      serviceAccountName: ops
      containers:
        - name: app
          image: example/ops:1
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubevet-rbac-'));
  writeFileSync(join(dir, 'rbac.yaml'), MANIFESTS);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(['rbac', ...args], dir);

describe('kubevet rbac who-can', () => {
  test('JSON: the contract shape, sorted Group, ServiceAccount, User, each with binding and role', () => {
    const result = cli('who-can', 'get', 'secrets', '--format', 'json', 'rbac.yaml');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      { kind: 'Group', name: 'auditors', via: [{ binding: 'ClusterRoleBinding/auditors', role: 'ClusterRole/secret-reader' }] },
      { kind: 'ServiceAccount', name: 'ops', namespace: 'billing', via: [{ binding: 'billing/RoleBinding/ops-admin', role: 'ClusterRole/admin' }] },
      { kind: 'User', name: 'jane', via: [{ binding: 'ClusterRoleBinding/auditors', role: 'ClusterRole/secret-reader' }] },
    ]);
  });

  test('--namespace limits to grants effective there', () => {
    const result = cli('who-can', 'get', 'secrets', '-n', 'other', '--format', 'json', 'rbac.yaml');
    expect(JSON.parse(result.stdout).map((r: { name: string }) => r.name)).toEqual(['auditors', 'jane']);
  });

  test('--name, subresources, groups and URLs', () => {
    expect(JSON.parse(cli('who-can', 'create', 'pods/exec', '-f', 'json').stdout).map((r: { name: string }) => r.name)).toEqual(['ops']);
    expect(JSON.parse(cli('who-can', 'delete', 'deployments.apps', '--name', 'web', '-f', 'json').stdout).map((r: { name: string }) => r.name)).toEqual(['ops']);
    expect(JSON.parse(cli('who-can', 'create', 'deployment', '-f', 'json').stdout).map((r: { name: string }) => r.name)).toEqual(['ops']);
    expect(JSON.parse(cli('who-can', 'get', '/metrics', '-f', 'json').stdout).map((r: { name: string }) => r.name)).toEqual(['auditors', 'jane']);
    expect(JSON.parse(cli('who-can', 'get', '/metrics', '-f', 'json', '--builtin-bindings').stdout).map((r: { name: string }) => r.name)).toEqual(['auditors', 'system:masters', 'system:monitoring', 'jane']);
  });

  test('text: a table, and a sentence when nobody can', () => {
    const result = cli('who-can', 'list', 'secrets');
    expect(result.stdout.split('\n')[0]).toMatch(/^KIND\s+NAME\s+NAMESPACE\s+BINDING\s+ROLE$/);
    expect(result.stdout).toMatch(/ServiceAccount\s+ops\s+billing\s+billing\/RoleBinding\/ops-admin\s+ClusterRole\/admin/);
    expect(cli('who-can', 'escalate', 'clusterroles').stdout).toBe('No subject in these manifests can escalate clusterroles.rbac.authorization.k8s.io.\n');
  });

  test('usage errors exit 2', () => {
    expect(cli('who-can', 'get').code).toBe(2);
    expect(cli('who-can', 'get', 'pods', '--format', 'xml').code).toBe(2);
    expect(cli('who-can', 'get', 'pods', '--bogus').code).toBe(2);
    expect(cli('whatever').code).toBe(2);
    expect(cli().code).toBe(2);
    expect(cli('who-can', 'get', 'pods', '-k', '1.20').stderr).toMatch(/not supported/);
    const missing = cli('who-can', 'get', 'pods', 'no-such-dir');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such-dir/);
  });

  test('documents that do not parse are left out, with a note on stderr', () => {
    writeFileSync(join(dir, 'broken.yaml'), 'kind: [\n');
    const result = cli('who-can', 'get', 'secrets', '-f', 'json');
    rmSync(join(dir, 'broken.yaml'));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1 problem\(s\) while reading the manifests/);
    expect(JSON.parse(result.stdout)).toHaveLength(3);
  });

  test('--help', () => {
    const result = cli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/kubevet rbac who-can VERB RESOURCE/);
  });
});

describe('kubevet rbac permissions', () => {
  test('JSON: rules per scope with their origin, the risky patterns and the workloads', () => {
    const result = cli('permissions', 'sa:billing/ops', '--format', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.subject).toEqual({ kind: 'ServiceAccount', name: 'ops', namespace: 'billing' });
    expect(json.user).toBe('system:serviceaccount:billing:ops');
    expect(json.scopes.map((s: { namespace: string | null }) => s.namespace)).toEqual(['billing']);
    const secrets = json.scopes[0].rules.find((r: { resource?: string; verbs: string[] }) => r.resource === 'secrets' && r.verbs.includes('get'));
    expect(secrets.via).toEqual([{ binding: 'billing/RoleBinding/ops-admin', role: 'ClusterRole/admin' }]);
    expect(json.risks.map((r: { pattern: string }) => r.pattern)).toContain('read-secrets');
    expect(json.workloads).toEqual([{ kind: 'Deployment', namespace: 'billing', name: 'ops', token: 'automatic' }]);
  });

  test('users get system:authenticated; URL rules only through ClusterRoleBindings', () => {
    const json = JSON.parse(cli('permissions', 'user:jane', '-f', 'json').stdout);
    expect(json.groups).toEqual(['system:authenticated']);
    expect(json.scopes).toEqual([
      {
        namespace: null,
        rules: [
          { apiGroup: '', resource: 'secrets', verbs: ['get', 'list'], via: [{ binding: 'ClusterRoleBinding/auditors', role: 'ClusterRole/secret-reader' }] },
          { nonResourceURL: '/metrics', verbs: ['get'], via: [{ binding: 'ClusterRoleBinding/auditors', role: 'ClusterRole/secret-reader' }] },
        ],
      },
    ]);
  });

  test('text: scopes, risky permissions and workloads', () => {
    const text = cli('permissions', 'sa:billing/ops').stdout;
    expect(text).toMatch(/^ServiceAccount billing\/ops \(user system:serviceaccount:billing:ops\), groups: system:serviceaccounts, system:serviceaccounts:billing, system:authenticated/);
    expect(text).toMatch(/\nNamespace billing:\n {2}VERBS/);
    expect(text).toMatch(/Risky permissions:\n {2}high {6}read Secrets in namespace billing/);
    expect(text).toMatch(/Workloads running as it:\n {2}billing\/Deployment\/ops \(token automounted\)/);
    expect(cli('permissions', 'group:nobody').stdout).toMatch(/No binding in these manifests grants it anything/);
  });

  test('subject syntax', () => {
    expect(cli('permissions', 'system:serviceaccount:billing:ops', '-f', 'json').code).toBe(0);
    expect(cli('permissions', 'sa:ops').code).toBe(2);
    expect(cli('permissions', 'robot:x').code).toBe(2);
    expect(cli('permissions', 'user:jane', '--namespace', 'x').code).toBe(2);
  });
});
