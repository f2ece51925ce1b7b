import { permissionsOf, whoCan, type WhoCanQuery } from '../../../src/analysis/rbac/queries';
import { binding, group, policyOf, role, rule, sa, user } from './helpers';

const q = (verb: string, resource: string, extra: Partial<WhoCanQuery> = {}): WhoCanQuery => ({ verb, apiGroup: '', resource, subresource: '', name: '', namespace: undefined, ...extra });

const text =
  role('ClusterRole', 'wide', [rule(['get', 'patch'], [''], ['nodes', 'namespaces', 'pods']), { verbs: ['get'], nonResourceURLs: ['/metrics'] }]) +
  binding('RoleBinding', 'rb', { kind: 'ClusterRole', name: 'wide' }, [sa('app'), group('devs')], 'team-a') +
  binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'wide' }, [user('root')]);
const policy = policyOf(text);

describe('who-can', () => {
  test('namespaced resources: RoleBindings in their namespace, ClusterRoleBindings everywhere', () => {
    expect(whoCan(policy, q('get', 'pods')).map((r) => r.subject.name)).toEqual(['devs', 'app', 'root']);
    expect(whoCan(policy, q('get', 'pods', { namespace: 'team-b' })).map((r) => r.subject.name)).toEqual(['root']);
  });

  test('cluster-scoped resources and URLs: ClusterRoleBindings only', () => {
    expect(whoCan(policy, q('get', 'nodes')).map((r) => r.subject.name)).toEqual(['root']);
    expect(whoCan(policy, q('get', '', { path: '/metrics' })).map((r) => r.subject.name)).toEqual(['root']);
  });

  test('a Namespace object: RoleBindings of that namespace', () => {
    expect(whoCan(policy, q('patch', 'namespaces', { name: 'team-a' })).map((r) => r.subject.name)).toEqual(['devs', 'app', 'root']);
    expect(whoCan(policy, q('patch', 'namespaces', { name: 'team-b' })).map((r) => r.subject.name)).toEqual(['root']);
  });

  test('each subject lists every binding and role that allow it', () => {
    const p = policyOf(text + binding('ClusterRoleBinding', 'crb2', { kind: 'ClusterRole', name: 'view' }, [user('root')]));
    expect(whoCan(p, q('get', 'pods')).find((r) => r.subject.name === 'root')?.via).toEqual([
      { binding: 'ClusterRoleBinding/crb', role: 'ClusterRole/wide' },
      { binding: 'ClusterRoleBinding/crb2', role: 'ClusterRole/view' },
    ]);
  });
});

describe('permissions', () => {
  test('a RoleBinding does not list cluster-scoped resources or URLs; the Namespace object stays', () => {
    const scopes = permissionsOf(policy, { kind: 'ServiceAccount', namespace: 'team-a', name: 'app' });
    expect(scopes).toHaveLength(1);
    expect(scopes[0].rules.map((r) => r.resource ?? r.nonResourceURL)).toEqual(['namespaces', 'pods']);
  });

  test('a ClusterRoleBinding lists everything, cluster-wide first; rows merged by target and origin', () => {
    const scopes = permissionsOf(policyOf(text + binding('RoleBinding', 'root-ns', { kind: 'ClusterRole', name: 'view' }, [user('root')], 'x')), { kind: 'User', name: 'root' });
    expect(scopes.map((s) => s.namespace)).toEqual([null, 'x']);
    expect(scopes[0].rules.map((r) => `${r.verbs.join(',')} ${r.resource ?? r.nonResourceURL}`)).toEqual(['get,patch namespaces', 'get,patch nodes', 'get,patch pods', 'get /metrics']);
  });

  test('group members hold the group\'s bindings', () => {
    expect(permissionsOf(policy, { kind: 'Group', name: 'devs' }).map((s) => s.namespace)).toEqual(['team-a']);
  });
});
