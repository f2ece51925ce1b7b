import { readFileSync } from 'node:fs';
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from '../../../src/data/bootstrap-roles';
import { roleFromBootstrap, roleFromObject } from '../../../src/analysis/rbac/parse';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../../src/versions';
import { compareWithBundled, renderRole, upstreamRoles } from '../../../scripts/generate-bootstrap-roles';
import { describeShared, sharedPath } from '../../helpers/shared';
import { objectsOf, policyOf } from './helpers';

const normalize = (rules: readonly { verbs: readonly string[]; apiGroups?: readonly string[]; resources?: readonly string[]; resourceNames?: readonly string[]; nonResourceURLs?: readonly string[] }[]): string[] =>
  rules.map((r) => JSON.stringify([r.verbs, r.apiGroups ?? [], r.resources ?? [], r.resourceNames ?? [], r.nonResourceURLs ?? []]));

describe('bundled built-in ClusterRoles', () => {
  test.each(SUPPORTED_KUBERNETES_VERSIONS.map((v) => [v]))('Kubernetes %s has cluster-admin, admin, edit, view and the system roles', (version) => {
    const names = new Set(bootstrapClusterRoles(version).map((r) => r.name));
    for (const name of ['cluster-admin', 'admin', 'edit', 'view', 'system:aggregate-to-edit', 'system:node', 'system:kubelet-api-admin', 'system:auth-delegator', 'system:controller:clusterrole-aggregation-controller']) expect(names).toContain(name);
    expect(names.size).toBe(bootstrapClusterRoles(version).length);
  });

  test('every default binding references a bundled role', () => {
    const names = new Set(bootstrapClusterRoles('1.36').map((r) => r.name));
    for (const b of bootstrapClusterRoleBindings('1.36')) expect(names).toContain(b.roleName);
  });

  test('every bundled role is labelled kubernetes.io/bootstrapping=rbac-defaults and has verbs in every rule', () => {
    for (const role of bootstrapClusterRoles('1.36')) {
      expect(role.labels['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
      for (const r of role.rules) expect(r.verbs.length).toBeGreaterThan(0);
    }
  });

  test('edit holds the escalating permissions the reference lists, view holds none of them', () => {
    const p = policyOf('');
    const has = (roleName: string, verb: string, group: string, resource: string, subresource = ''): boolean =>
      p.effectiveRules(p.findRole('ClusterRole', null, roleName)!).some((r) => r.compiled.verbs.has(verb) && r.compiled.groups.has(group) && r.compiled.resources.has(subresource === '' ? resource : `${resource}/${subresource}`));
    expect(has('edit', 'get', '', 'secrets')).toBe(true);
    expect(has('edit', 'create', '', 'pods', 'exec')).toBe(true);
    expect(has('edit', 'impersonate', '', 'serviceaccounts')).toBe(true);
    expect(has('edit', 'create', '', 'serviceaccounts', 'token')).toBe(true);
    expect(has('edit', 'create', 'rbac.authorization.k8s.io', 'rolebindings')).toBe(false);
    expect(has('admin', 'create', 'rbac.authorization.k8s.io', 'rolebindings')).toBe(true);
    expect(has('view', 'get', '', 'secrets')).toBe(false);
    expect(has('view', 'get', '', 'pods', 'log')).toBe(true);
  });
});

describeShared('bundled roles agree with the upstream subset in ../shared', () => {
  const text = readFileSync(sharedPath('conformance', 'rbac', 'kubernetes-bootstrap', 'default-clusterroles-subset.yaml'), 'utf8');
  const upstream = objectsOf(text).filter((o) => o.kind === 'ClusterRole').map(roleFromObject);
  const bundled = new Map(bootstrapClusterRoles('1.36').map((r) => [r.name, r]));

  test('the subset has the roles the README lists', () => {
    expect(upstream.length).toBeGreaterThanOrEqual(10);
  });

  test.each(upstream.map((r) => [r.name, r] as const))('%s: same rules, labels and aggregation', (name, role) => {
    const mine = bundled.get(name);
    expect(mine).toBeDefined();
    expect(normalize(mine!.rules)).toEqual(normalize(role.rules.map((r) => r.rule)));
    expect(mine!.labels).toEqual(role.labels);
    expect(roleFromBootstrap(mine!).aggregation).toEqual(role.aggregation);
  });
});

describeShared('scripts/generate-bootstrap-roles on the upstream subset', () => {
  const file = () => sharedPath('conformance', 'rbac', 'kubernetes-bootstrap', 'default-clusterroles-subset.yaml');

  test('--check finds no difference', () => {
    const roles = upstreamRoles(file(), readFileSync(file(), 'utf8'));
    expect(roles.length).toBe(10);
    expect(compareWithBundled(roles, '1.36')).toEqual([]);
  });

  test('renders the compact notation the data file uses', () => {
    const roles = upstreamRoles(file(), readFileSync(file(), 'utf8'));
    expect(renderRole(roles.find((r) => r.name === 'system:auth-delegator')!)).toBe("  role('system:auth-delegator', [\n    r('create', 'authentication.k8s.io', 'tokenreviews'),\n    r('create', 'authorization.k8s.io', 'subjectaccessreviews'),\n  ]),");
    expect(renderRole(roles.find((r) => r.name === 'edit')!)).toBe("  aggregated('edit', 'rbac.authorization.k8s.io/aggregate-to-edit', {\"rbac.authorization.k8s.io/aggregate-to-admin\":\"true\"}),");
  });

  test('a changed rule is reported', () => {
    const roles = upstreamRoles(file(), readFileSync(file(), 'utf8')).map((r) => (r.name === 'view' ? { ...r, labels: {} } : r));
    expect(compareWithBundled(roles, '1.36')).toEqual(['view: labels differ']);
  });
});
