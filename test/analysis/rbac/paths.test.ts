import { chainOf, describePath, escalationPaths } from '../../../src/analysis/rbac/paths';
import { analysisOf, binding, deployment, group, role, rule, sa, serviceAccount, user } from './helpers';

const CORE = [''];
const secretsEverywhere = role('ClusterRole', 'secret-reader', [rule(['get', 'list'], CORE, ['secrets'])]);
/** ServiceAccount billing/ops reads every Secret of the cluster. */
const powerfulOps = serviceAccount('ops', 'billing') + secretsEverywhere + binding('ClusterRoleBinding', 'ops-secrets', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('ops', 'billing')]);

function pathsOf(text: string, version = '1.36') {
  const analysis = analysisOf(text, version);
  return escalationPaths(analysis);
}

function grant(name: string, rules: object[], subject: object, namespace = 'billing'): string {
  return role('Role', name, rules, { namespace }) + binding('RoleBinding', name, { kind: 'Role', name }, [subject], namespace);
}

describe('escalation paths', () => {
  test.each<[string, object[], string, RegExp]>([
    ['create pods', [rule(['create'], CORE, ['pods'])], 'create-pods', /can create Pods in namespace billing .*it can run a pod as billing\/ops and take its token/],
    ['a pod controller', [rule(['create'], ['batch'], ['jobs'])], 'manage-workloads', /can create Jobs in namespace billing/],
    ['patching a Deployment', [rule(['patch'], ['apps'], ['deployments'])], 'manage-workloads', /can patch Deployments/],
    ['serviceaccounts/token', [rule(['create'], CORE, ['serviceaccounts/token'], ['ops'])], 'mint-token', /can request tokens for billing\/ops/],
    ['impersonation', [rule(['impersonate'], CORE, ['serviceaccounts'])], 'impersonate', /can impersonate billing\/ops/],
    ['token Secrets', [rule(['create', 'get'], CORE, ['secrets'])], 'token-secret', /service-account-token Secret for billing\/ops/],
  ])('%s', (_name, rules, move, message) => {
    const paths = pathsOf(powerfulOps + grant('step', rules, sa('builder', 'build')));
    expect(paths).toHaveLength(1);
    const [path] = paths;
    expect(path.start).toEqual({ kind: 'ServiceAccount', name: 'builder', namespace: 'build' });
    expect(path.steps.map((s) => s.move)).toEqual([move]);
    expect(path.steps[0].binding.name).toBe('step');
    expect(path.tier).toBe('critical');
    expect(path.gains[0].hit.pattern.id).toBe('read-secrets');
    expect(path.gains[0].namespace).toBeNull();
    expect(describePath(path)).toMatch(message);
    expect(describePath(path)).toMatch(/ServiceAccount billing\/ops is bound to ClusterRole\/secret-reader \(ClusterRoleBinding\/ops-secrets\), so build\/builder gains: read Secrets cluster-wide/);
  });

  test('exec into a pod that carries the token', () => {
    const text = powerfulOps + deployment('ops', 'billing', 'ops') + grant('exec', [rule(['create'], CORE, ['pods/exec'])], user('dev'));
    const [path] = pathsOf(text);
    expect(path.steps[0].move).toBe('exec');
    expect(describePath(path)).toMatch(/open a shell in billing\/Deployment\/ops, which runs as billing\/ops/);
  });

  test('no exec path when the pod does not mount the token, or when only `get` is granted on 1.35+', () => {
    const off = powerfulOps + deployment('ops', 'billing', 'ops', 'Deployment', '      automountServiceAccountToken: false\n') + grant('exec', [rule(['create'], CORE, ['pods/exec'])], user('dev'));
    expect(pathsOf(off)).toEqual([]);
    const viaGet = powerfulOps + deployment('ops', 'billing', 'ops') + grant('exec', [rule(['get'], CORE, ['pods/exec'])], user('dev'));
    expect(pathsOf(viaGet, '1.36')).toEqual([]);
    expect(pathsOf(viaGet, '1.34')).toHaveLength(1);
  });

  test('two hops: pods in one namespace, then impersonation in another', () => {
    const text =
      powerfulOps +
      serviceAccount('deployer', 'ci') +
      grant('ci-pods', [rule(['create'], CORE, ['pods'])], group('developers'), 'ci') +
      grant('deployer-imp', [rule(['impersonate'], CORE, ['serviceaccounts'], ['ops'])], sa('deployer', 'ci'), 'billing');
    const paths = pathsOf(text);
    const dev = paths.find((p) => p.start.kind === 'Group');
    expect(dev?.steps.map((s) => `${s.move}->${s.target.namespace}/${s.target.name}`)).toEqual(['create-pods->ci/deployer', 'impersonate->billing/ops']);
    expect(chainOf(dev!)).toEqual([
      expect.objectContaining({ subject: { kind: 'Group', name: 'developers' }, binding: 'ci/RoleBinding/ci-pods', role: 'ci/Role/ci-pods', bindingObject: expect.objectContaining({ kind: 'RoleBinding', namespace: 'ci', name: 'ci-pods' }), becomes: { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' } }),
      expect.objectContaining({ subject: { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' }, binding: 'billing/RoleBinding/deployer-imp', becomes: { kind: 'ServiceAccount', namespace: 'billing', name: 'ops' } }),
    ]);
    expect(describePath(dev!)).toMatch(/^Group developers can create Pods in namespace ci .*; then ci\/deployer can impersonate billing\/ops/);
  });

  test('no path when the target holds nothing more than the start', () => {
    const text = serviceAccount('ops', 'billing') + grant('ops', [rule(['get'], CORE, ['configmaps'])], sa('ops', 'billing')) + grant('step', [rule(['create'], CORE, ['pods'])], sa('builder', 'build'));
    expect(pathsOf(text)).toEqual([]);
  });

  test('the shortest path to the most powerful identity wins', () => {
    const text =
      powerfulOps +
      serviceAccount('helper', 'billing') +
      grant('helper', [rule(['patch'], CORE, ['namespaces'])], sa('helper', 'billing')) +
      grant('step', [rule(['create'], CORE, ['pods'])], sa('builder', 'build'));
    const [path] = pathsOf(text);
    expect(path.steps[0].target.name).toBe('ops');
  });

  test('system components are not starts', () => {
    const text = powerfulOps + grant('sys', [rule(['create'], CORE, ['pods'])], user('system:kube-scheduler'));
    expect(pathsOf(text)).toEqual([]);
  });
});

describe('gains', () => {
  test('a first move granted cluster-wide is a critical permission of its own, not a path', () => {
    const creator = role('ClusterRole', 'pods', [rule(['create'], CORE, ['pods'])]) + binding('ClusterRoleBinding', 'op', { kind: 'ClusterRole', name: 'pods' }, [sa('operator', 'ops')]);
    expect(pathsOf(powerfulOps + creator)).toEqual([]);
  });

  test('a start that already holds the permissions cluster-wide (or through `*`) gains nothing', () => {
    const wide = role('ClusterRole', 'wide', [rule(['*'], CORE, ['*'])]) + binding('ClusterRoleBinding', 'wide', { kind: 'ClusterRole', name: 'wide' }, [sa('runner', 'ci')]);
    expect(pathsOf(powerfulOps.replace(/get", "list/, 'get') + wide).filter((p) => p.start.name === 'runner')).toEqual([]);
    const readsEverything = secretsEverywhere.replace('secret-reader', 'reader2') + binding('ClusterRoleBinding', 'r2', { kind: 'ClusterRole', name: 'reader2' }, [sa('builder', 'build')]);
    expect(pathsOf(powerfulOps + readsEverything + grant('step', [rule(['create'], CORE, ['pods'])], sa('builder', 'build')))).toEqual([]);
  });
});
