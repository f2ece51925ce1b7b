import fc from 'fast-check';
import { serviceAccountUser, userOf } from '../../../src/analysis/rbac/subjects';
import type { PolicyRule, RequestAttributes, UserInfo } from '../../../src/analysis/rbac/types';
import { resourceRequestArb, ruleArb } from './arbitraries';
import { binding, group, policyOf, role, rule, sa, user } from './helpers';
import { refAuthorize, type RefBinding } from './reference';

const getSecrets = (namespace: string, name = ''): RequestAttributes => ({ kind: 'resource', verb: 'get', apiGroup: '', resource: 'secrets', subresource: '', name, namespace });

describe('binding scope', () => {
  const text =
    role('ClusterRole', 'secret-reader', [rule(['get'], [''], ['secrets'])]) +
    binding('RoleBinding', 'rb', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('app')], 'team-a') +
    binding('ClusterRoleBinding', 'crb', { kind: 'ClusterRole', name: 'secret-reader' }, [user('jane')]);
  const policy = policyOf(text);

  test('a RoleBinding to a ClusterRole grants only in its namespace', () => {
    const app = serviceAccountUser('team-a', 'app');
    expect(policy.authorize(app, getSecrets('team-a'))).toBeDefined();
    expect(policy.authorize(app, getSecrets('team-b'))).toBeUndefined();
    expect(policy.authorize(app, getSecrets(''))).toBeUndefined();
  });

  test('a ServiceAccount subject without namespace means the RoleBinding\'s namespace', () => {
    expect(policy.authorize(serviceAccountUser('default', 'app'), getSecrets('team-a'))).toBeUndefined();
  });

  test('a ClusterRoleBinding grants in every namespace and cluster-wide', () => {
    const jane = userOf({ kind: 'User', name: 'jane' });
    expect(policy.authorize(jane, getSecrets('anywhere'))?.binding.name).toBe('crb');
    expect(policy.authorize(jane, getSecrets(''))).toBeDefined();
  });

  test('cluster-scoped resources and URLs are never granted through a RoleBinding, except the own Namespace object', () => {
    const p = policyOf(
      role('ClusterRole', 'wide', [rule(['*'], ['*'], ['*']), { verbs: ['get'], nonResourceURLs: ['*'] }]) + binding('RoleBinding', 'rb', { kind: 'ClusterRole', name: 'wide' }, [user('bob')], 'team-a'),
    );
    const bob = userOf({ kind: 'User', name: 'bob' });
    expect(p.authorize(bob, { kind: 'resource', verb: 'get', apiGroup: '', resource: 'nodes', subresource: '', name: 'n1', namespace: '' })).toBeUndefined();
    expect(p.authorize(bob, { kind: 'nonResource', verb: 'get', path: '/metrics' })).toBeUndefined();
    expect(p.authorize(bob, { kind: 'resource', verb: 'patch', apiGroup: '', resource: 'namespaces', subresource: '', name: 'team-a', namespace: 'team-a' })).toBeDefined();
    expect(p.authorize(bob, { kind: 'resource', verb: 'patch', apiGroup: '', resource: 'namespaces', subresource: '', name: 'team-b', namespace: 'team-b' })).toBeUndefined();
  });

  test('a ClusterRoleBinding referencing a Role, and a ServiceAccount without namespace in a ClusterRoleBinding, grant nothing', () => {
    const p = policyOf(
      role('Role', 'r', [rule(['get'], [''], ['secrets'])], { namespace: 'default' }) +
        binding('ClusterRoleBinding', 'to-role', { kind: 'Role', name: 'r' }, [user('amy')]) +
        role('ClusterRole', 'c', [rule(['get'], [''], ['secrets'])]) +
        binding('ClusterRoleBinding', 'no-ns', { kind: 'ClusterRole', name: 'c' }, [sa('sa1')]),
    );
    expect(p.resolve(p.bindings[0]).status).toBe('invalid');
    expect(p.authorize(userOf({ kind: 'User', name: 'amy' }), getSecrets('default'))).toBeUndefined();
    expect(p.bindings[1].subjects[0].problem?.message).toMatch(/needs `namespace`/);
    expect(p.authorize(serviceAccountUser('default', 'sa1'), getSecrets('default'))).toBeUndefined();
  });

  test('implicit groups: system:serviceaccounts[:ns] and system:authenticated reach ServiceAccounts; a User subject naming an SA user matches it', () => {
    const p = policyOf(
      role('ClusterRole', 'c', [rule(['get'], [''], ['secrets'])]) +
        binding('RoleBinding', 'all-sa', { kind: 'ClusterRole', name: 'c' }, [group('system:serviceaccounts:team-a')], 'team-a') +
        binding('RoleBinding', 'authn', { kind: 'ClusterRole', name: 'c' }, [group('system:authenticated')], 'team-b') +
        binding('RoleBinding', 'user-sa', { kind: 'ClusterRole', name: 'c' }, [user('system:serviceaccount:team-c:x')], 'team-c'),
    );
    expect(p.authorize(serviceAccountUser('team-a', 'any'), getSecrets('team-a'))).toBeDefined();
    expect(p.authorize(serviceAccountUser('team-z', 'any'), getSecrets('team-a'))).toBeUndefined();
    expect(p.authorize(serviceAccountUser('team-z', 'any'), getSecrets('team-b'))).toBeDefined();
    expect(p.authorize(userOf({ kind: 'User', name: 'carol' }), getSecrets('team-b'))).toBeDefined();
    expect(p.authorize(userOf({ kind: 'User', name: 'system:anonymous' }), getSecrets('team-b'))).toBeUndefined();
    expect(p.authorize(serviceAccountUser('team-c', 'x'), getSecrets('team-c'))).toBeDefined();
  });

  test('a roleRef to a Role of another namespace does not resolve', () => {
    const p = policyOf(role('Role', 'r', [rule(['get'], [''], ['secrets'])], { namespace: 'a' }) + binding('RoleBinding', 'rb', { kind: 'Role', name: 'r' }, [user('u')], 'b'));
    expect(p.resolve(p.bindings[0]).status).toBe('missing');
  });
});

describe('aggregation', () => {
  test('an aggregated ClusterRole holds the rules of the ClusterRoles its selectors match, not its own', () => {
    const p = policyOf(
      role('ClusterRole', 'agg', [rule(['delete'], [''], ['nodes'])], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'x/agg': 'true' } }, { matchExpressions: [{ key: 'y/agg', operator: 'Exists' }] }] } }) +
        role('ClusterRole', 'one', [rule(['get'], [''], ['pods'])], { labels: { 'x/agg': 'true' } }) +
        role('ClusterRole', 'two', [rule(['create'], [''], ['pods'])], { labels: { 'y/agg': 'anything' } }) +
        role('ClusterRole', 'three', [rule(['get'], [''], ['secrets'])], { labels: { 'x/agg': 'false' } }),
    );
    const agg = p.findRole('ClusterRole', null, 'agg');
    expect(agg).toBeDefined();
    const rules = p.effectiveRules(agg!).map((r) => `${r.rule.verbs.join()} ${r.rule.resources.join()} <- ${r.origin.name}`);
    expect(rules).toEqual(['get pods <- one', 'create pods <- two']);
  });

  test('built-in admin ⊇ edit ⊇ view, and a run ClusterRole labelled aggregate-to-view extends all three', () => {
    const p = policyOf(role('ClusterRole', 'widgets-view', [rule(['get'], ['example.com'], ['widgets'])], { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }));
    const keys = (name: string): Set<string> => new Set(p.effectiveRules(p.findRole('ClusterRole', null, name)!).map((r) => JSON.stringify(r.rule)));
    const [admin, edit, view] = [keys('admin'), keys('edit'), keys('view')];
    for (const k of view) expect(edit.has(k)).toBe(true);
    for (const k of edit) expect(admin.has(k)).toBe(true);
    expect(admin.size).toBeGreaterThan(edit.size);
    for (const name of ['admin', 'edit', 'view']) expect([...keys(name)].some((k) => k.includes('widgets'))).toBe(true);
  });

  test('aggregation cycles terminate', () => {
    const p = policyOf(
      role('ClusterRole', 'a', [], { labels: { b: 'x' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'x' } }] } }) +
        role('ClusterRole', 'b', [], { labels: { a: 'x' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { b: 'x' } }] } }),
    );
    expect(p.effectiveRules(p.findRole('ClusterRole', null, 'a')!)).toEqual([]);
  });

  test('a run ClusterRole named like a built-in replaces it', () => {
    const p = policyOf(role('ClusterRole', 'view', [rule(['get'], [''], ['configmaps'])]));
    expect(p.effectiveRules(p.findRole('ClusterRole', null, 'view')!)).toHaveLength(1);
  });
});

describe('property: the indexed policy authorizes exactly like the plain authorizer', () => {
  const subjectArb = fc.oneof(
    fc.record({ kind: fc.constant('User'), name: fc.constantFrom('u1', 'u2', 'system:serviceaccount:ns1:s1') }),
    fc.record({ kind: fc.constant('Group'), name: fc.constantFrom('g1', 'system:authenticated', 'system:serviceaccounts', 'system:serviceaccounts:ns1') }),
    fc.record({ kind: fc.constant('ServiceAccount'), name: fc.constantFrom('s1', 's2'), namespace: fc.constantFrom('ns1', 'ns2', undefined) }),
  );
  const bindingArb = fc.record({
    kind: fc.constantFrom('RoleBinding' as const, 'ClusterRoleBinding' as const),
    namespace: fc.constantFrom('ns1', 'ns2', 'kube-system'),
    subjects: fc.array(subjectArb, { maxLength: 3 }),
    rules: fc.array(ruleArb, { maxLength: 3 }),
  });
  const userArb: fc.Arbitrary<UserInfo> = fc.oneof(
    fc.constantFrom('ns1', 'ns2').chain((ns) => fc.constantFrom('s1', 's2').map((n) => serviceAccountUser(ns, n))),
    fc.constantFrom<UserInfo>({ name: 'u1', groups: ['g1', 'system:authenticated'] }, { name: 'u2', groups: ['system:authenticated'] }, { name: 'system:anonymous', groups: ['system:unauthenticated'] }),
  );

  function toText(bindings: readonly (RefBinding & { rules: PolicyRule[] })[]): string {
    return bindings
      .map((b, i) => {
        const subjects = b.subjects.map((s) => (s.kind === 'ServiceAccount' ? (s.namespace === undefined ? sa(s.name) : sa(s.name, s.namespace)) : { kind: s.kind, name: s.name, apiGroup: 'rbac.authorization.k8s.io' }));
        const rules = b.rules.map((r) => ({ ...r }));
        return b.kind === 'ClusterRoleBinding'
          ? role('ClusterRole', `r${i}`, rules) + binding('ClusterRoleBinding', `b${i}`, { kind: 'ClusterRole', name: `r${i}` }, subjects)
          : role('Role', `r${i}`, rules, { namespace: b.namespace }) + binding('RoleBinding', `b${i}`, { kind: 'Role', name: `r${i}` }, subjects, b.namespace);
      })
      .join('');
  }

  test('for random bindings, users and requests', () => {
    fc.assert(
      fc.property(fc.array(bindingArb, { maxLength: 4 }), userArb, resourceRequestArb, (bindings, u, request) => {
        // A ClusterRoleBinding ServiceAccount subject without namespace is invalid: the model drops it, the plain authorizer never matches it.
        const p = policyOf(toText(bindings));
        const ref = bindings.map((b) => ({ ...b, namespace: b.kind === 'ClusterRoleBinding' ? '' : b.namespace }));
        return (p.authorize(u, request) !== undefined) === refAuthorize(ref, u, request);
      }),
      { numRuns: 1500 },
    );
  });
});
