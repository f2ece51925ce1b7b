import { compileRule } from '../../../src/analysis/rbac/matcher';
import { parsePolicyRule } from '../../../src/analysis/rbac/parse';
import { evaluateRisks, riskPatterns, type ScopeClass, type Tier } from '../../../src/analysis/rbac/risks';
import type { PolicyRule } from '../../../src/analysis/rbac/types';
import { analysisOf, binding, role, rule, sa } from './helpers';

function hits(rules: object[], scope: ScopeClass, version = '1.36'): Record<string, Tier> {
  const items = rules.map((r) => ({ compiled: compileRule(parsePolicyRule(r) as PolicyRule) }));
  return Object.fromEntries(evaluateRisks(items, scope, version).map((h) => [h.pattern.id, h.tier]));
}

const CORE = [''];

describe('risky permission table', () => {
  test.each<[string, object[], Partial<Record<ScopeClass, Tier | undefined>>]>([
    ['full-wildcard', [rule(['*'], ['*'], ['*'])], { cluster: 'critical', privileged: 'critical', namespace: 'high' }],
    ['wildcard-resource-write', [rule(['create'], CORE, ['*'])], { cluster: 'critical', namespace: 'high' }],
    ['wildcard-resource-read', [rule(['get', 'list'], ['*'], ['*'])], { cluster: 'high', namespace: 'medium' }],
    ['read-secrets', [rule(['list'], CORE, ['secrets'])], { cluster: 'critical', privileged: 'critical', namespace: 'high' }],
    ['write-secrets', [rule(['create'], CORE, ['secrets'])], { cluster: 'critical', namespace: 'high' }],
    ['mint-tokens', [rule(['create'], CORE, ['serviceaccounts/token'])], { cluster: 'critical', namespace: 'high' }],
    ['create-pods', [rule(['create'], CORE, ['pods'])], { cluster: 'critical', namespace: 'high' }],
    ['manage-workloads', [rule(['patch'], ['batch'], ['cronjobs'])], { cluster: 'critical', namespace: 'high' }],
    ['modify-pods', [rule(['update'], CORE, ['pods'])], { cluster: 'high', namespace: 'medium' }],
    ['exec-pods', [rule(['create'], CORE, ['pods/exec'])], { cluster: 'high', privileged: 'critical', namespace: 'medium' }],
    ['ephemeral-containers', [rule(['patch'], CORE, ['pods/ephemeralcontainers'])], { cluster: 'high', namespace: 'medium' }],
    ['port-forward', [rule(['create'], CORE, ['pods/portforward'])], { cluster: 'medium', namespace: 'low' }],
    ['node-proxy', [rule(['get'], CORE, ['nodes/proxy'])], { cluster: 'critical', privileged: undefined, namespace: undefined }],
    ['escalate-roles', [rule(['escalate'], ['rbac.authorization.k8s.io'], ['clusterroles'])], { cluster: 'critical' }],
    ['bind-roles', [rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles']), rule(['create'], ['rbac.authorization.k8s.io'], ['rolebindings'])], { cluster: 'critical', namespace: 'high' }],
    ['manage-bindings', [rule(['create'], ['rbac.authorization.k8s.io'], ['rolebindings'])], { cluster: 'medium', namespace: 'low' }],
    ['write-roles', [rule(['update'], ['rbac.authorization.k8s.io'], ['roles'])], { cluster: 'medium', namespace: 'low' }],
    ['impersonate', [rule(['impersonate'], CORE, ['groups'])], { cluster: 'critical', namespace: undefined }],
    ['approve-csr', [rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/approval']), rule(['approve'], ['certificates.k8s.io'], ['signers'])], { cluster: 'critical', namespace: undefined }],
    ['sign-csr', [rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/status']), rule(['sign'], ['certificates.k8s.io'], ['signers'])], { cluster: 'critical' }],
    ['control-webhooks', [rule(['patch'], ['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'])], { cluster: 'critical', namespace: undefined }],
    ['create-persistentvolumes', [rule(['create'], CORE, ['persistentvolumes'])], { cluster: 'critical', namespace: undefined }],
    ['modify-nodes', [rule(['patch'], CORE, ['nodes'])], { cluster: 'high', namespace: undefined }],
    ['modify-namespaces', [rule(['patch'], CORE, ['namespaces'])], { cluster: 'high', namespace: 'high' }],
    ['finalize-namespaces', [rule(['update'], CORE, ['namespaces/finalize'])], { cluster: 'medium' }],
    ['namespace-status', [rule(['update'], CORE, ['namespaces/status'])], { namespace: 'low' }],
    ['write-configmaps', [rule(['update'], CORE, ['configmaps'])], { cluster: 'critical', privileged: 'high', namespace: 'low' }],
    ['service-hijack', [rule(['patch'], CORE, ['services/status'])], { cluster: 'medium', namespace: 'medium' }],
    ['write-networkpolicies', [rule(['delete'], ['networking.k8s.io'], ['networkpolicies'])], { cluster: 'medium', namespace: 'low' }],
    ['write-crds', [rule(['create'], ['apiextensions.k8s.io'], ['customresourcedefinitions'])], { cluster: 'medium', namespace: undefined }],
    ['write-apiservices', [rule(['create'], ['apiregistration.k8s.io'], ['apiservices'])], { cluster: 'high' }],
    ['policy-engine', [rule(['delete'], ['kyverno.io'], ['clusterpolicies'])], { cluster: 'high', namespace: undefined }],
    ['storage-admin', [rule(['create'], ['storage.k8s.io'], ['storageclasses'])], { cluster: 'medium' }],
    ['pod-status', [rule(['patch'], CORE, ['pods/status'])], { namespace: 'low' }],
    ['review-oracle', [rule(['create'], ['authentication.k8s.io'], ['tokenreviews'])], { cluster: 'low' }],
    ['write-leases', [rule(['update'], ['coordination.k8s.io'], ['leases'])], { privileged: 'low', namespace: undefined }],
    ['pod-logs', [rule(['get'], CORE, ['pods/log'])], { namespace: 'low' }],
    ['all-urls', [{ verbs: ['get'], nonResourceURLs: ['*'] }], { cluster: 'medium', namespace: undefined }],
  ])('%s', (id, rules, expected) => {
    for (const [scope, tier] of Object.entries(expected) as [ScopeClass, Tier | undefined][]) {
      expect(hits(rules, scope)[id]).toBe(tier);
    }
  });

  test('every pattern in the table has a test above', () => {
    expect(riskPatterns('1.36').length).toBe(38);
  });

  test('wildcards count exactly as the API server counts them', () => {
    expect(hits([rule(['*'], ['*'], ['secrets'])], 'cluster')['read-secrets']).toBe('critical');
    expect(hits([rule(['get'], ['apps'], ['secrets'])], 'cluster')['read-secrets']).toBeUndefined();
    expect(hits([rule(['*'], CORE, ['pods'])], 'cluster')['exec-pods']).toBeUndefined();
    expect(hits([rule(['create'], ['*'], ['*/exec'])], 'namespace')['exec-pods']).toBe('medium');
    expect(hits([rule(['create'], CORE, ['pods/*'])], 'namespace')['exec-pods']).toBeUndefined();
  });

  test('full wildcard subsumes the rest', () => {
    expect(Object.keys(hits([rule(['*'], ['*'], ['*'])], 'cluster'))).toEqual(['full-wildcard']);
  });

  test('resourceNames lower the rating', () => {
    expect(hits([rule(['get'], CORE, ['secrets'], ['db'])], 'cluster')['read-secrets']).toBe('low');
    expect(hits([rule(['create'], CORE, ['serviceaccounts/token'], ['ci'])], 'namespace')['mint-tokens']).toBe('medium');
    expect(hits([rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles'], ['view']), rule(['create'], ['rbac.authorization.k8s.io'], ['rolebindings'])], 'cluster')['bind-roles']).toBe('medium');
    expect(hits([rule(['patch'], ['apps'], ['deployments'], ['web'])], 'namespace')['manage-workloads']).toBe('high');
  });

  test('bind on rolebindings (the checkov reading) is not a bind escalation', () => {
    const found = hits([rule(['bind', 'create'], ['rbac.authorization.k8s.io'], ['rolebindings'])], 'cluster');
    expect(found['bind-roles']).toBeUndefined();
    expect(found['manage-bindings']).toBe('medium');
  });

  test('bind on clusterroles is honoured through a RoleBinding (checked in the binding\'s namespace)', () => {
    expect(hits([rule(['bind'], ['rbac.authorization.k8s.io'], ['clusterroles']), rule(['create'], ['rbac.authorization.k8s.io'], ['rolebindings'])], 'namespace')['bind-roles']).toBe('high');
  });

  test('exec through `get` counts before Kubernetes 1.35 only', () => {
    expect(hits([rule(['get'], CORE, ['pods/exec'])], 'namespace', '1.34')['exec-pods']).toBe('medium');
    expect(hits([rule(['get'], CORE, ['pods/exec'])], 'namespace', '1.35')['exec-pods']).toBeUndefined();
  });
});

describe('roles, bindings and identities', () => {
  const text =
    role('ClusterRole', 'secret-reader', [rule(['get', 'list'], CORE, ['secrets'])]) +
    binding('RoleBinding', 'team', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('app')], 'team-a') +
    binding('RoleBinding', 'sys', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('agent')], 'kube-system') +
    role('ClusterRole', 'unbound', [rule(['get'], CORE, ['secrets'])]) +
    role('Role', 'local', [rule(['get'], CORE, ['secrets'])], { namespace: 'team-b' });
  const analysis = analysisOf(text);
  const find = (kind: 'Role' | 'ClusterRole', ns: string | null, name: string) => analysis.policy.findRole(kind, ns, name)!;

  test('a role is rated at the most severe scope it is bound at', () => {
    const [risk] = analysis.roleRisks(find('ClusterRole', null, 'secret-reader'));
    expect(risk.hit.tier).toBe('critical');
    expect(risk.use.scope).toBe('privileged');
  });

  test('an unbound ClusterRole is rated as if bound cluster-wide; a Role in its namespace', () => {
    expect(analysis.roleRisks(find('ClusterRole', null, 'unbound'))[0].use.scope).toBe('cluster');
    expect(analysis.roleRisks(find('Role', 'team-b', 'local'))[0].hit.tier).toBe('high');
  });

  test('privileged namespaces are configurable', () => {
    const a = analysisOf(text, '1.36', ['team-a']);
    expect(a.bindingRisks(a.policy.bindings[0])[0].scope).toBe('privileged');
    expect(a.bindingRisks(a.policy.bindings[1])[0].scope).toBe('namespace');
  });

  test('identity risks: per namespace, through the ServiceAccount\'s bindings', () => {
    const risks = analysis.serviceAccountRisks('team-a', 'app');
    expect(risks.map((r) => [r.hit.pattern.id, r.namespace, r.hit.tier])).toEqual([['read-secrets', 'team-a', 'high']]);
    expect(risks[0].hit.rules[0].binding.name).toBe('team');
  });
});
