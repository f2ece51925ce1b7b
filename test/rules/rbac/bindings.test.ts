import { EMPTY_CONFIG } from '../../../src/engine/config';
import { runEngine } from '../../../src/engine/run';
import { loadText, SourceText } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';
import type { Finding } from '../../../src/types';
import { testRule } from '../../helpers/rule-tester';
import { RBAC_RULES } from './rbac-rules';

function crb(subjects: string, roleName = 'view', kind = 'ClusterRole'): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: b
subjects:
${subjects}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${kind}
  name: ${roleName}
`;
}

function rb(subjects: string, roleName = 'view', kind = 'ClusterRole'): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: b
  namespace: shop
subjects:
${subjects}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${kind}
  name: ${roleName}
`;
}

const group = (name: string): string => `  - kind: Group\n    name: ${name}\n    apiGroup: rbac.authorization.k8s.io\n`;
const user = (name: string): string => `  - kind: User\n    name: ${name}\n`;
const sa = (name: string, ns?: string): string => `  - kind: ServiceAccount\n    name: ${name}\n${ns === undefined ? '' : `    namespace: ${ns}\n`}`;

testRule('rbac/public-binding', {
  valid: [crb(group('ops')), crb(group('system:authenticated'))],
  invalid: [
    { code: crb(group('system:unauthenticated')), errors: [{ line: 7, path: 'subjects[0].name', message: 'anyone who can reach the API server without credentials' }] },
    { code: rb(user('jane') + user('system:anonymous')), errors: [{ line: 10, message: /RoleBinding b grants ClusterRole\/view to User system:anonymous: .* in namespace shop/ }] },
  ],
}, RBAC_RULES);

testRule('rbac/authenticated-binding', {
  valid: [crb(group('ops')), crb(group('system:authenticated'), 'system:basic-user')],
  invalid: [
    { code: crb(group('system:authenticated')), errors: [{ line: 7, message: 'every authenticated identity' }] },
    { code: crb(group('system:serviceaccounts')), errors: [{ line: 7, message: 'every ServiceAccount of every namespace' }] },
    { code: rb(group('system:serviceaccounts:shop')), errors: [{ line: 8, message: /in namespace shop to group system:serviceaccounts:shop: that is every ServiceAccount of namespace shop/ }] },
  ],
}, RBAC_RULES);

testRule('rbac/cluster-admin-binding', {
  valid: [crb(group('ops')), crb(group('system:masters'), 'cluster-admin').replace('name: b', 'name: cluster-admin'), crb(user('system:kube-controller-manager'), 'cluster-admin')],
  invalid: [
    { code: crb(sa('deployer', 'ci'), 'cluster-admin'), errors: [{ line: 12, path: 'roleRef.name', message: 'makes ServiceAccount ci/deployer administrator of the whole cluster' }] },
    { code: rb(user('jane'), 'cluster-admin'), errors: [{ line: 12, message: 'administrator of namespace shop (including its Namespace object' }] },
    { name: 'system:masters in a new binding is pointless', code: crb(group('system:masters'), 'cluster-admin'), errors: [{ line: 12, message: 'bypass RBAC' }] },
  ],
}, RBAC_RULES);

testRule('rbac/role-outside-run', {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: mine\nrules: []\n---\n${crb(group('ops'), 'mine')}`,
  ],
  invalid: [
    { name: 'built-in', code: crb(group('ops'), 'edit'), errors: [{ line: 12, message: 'references the built-in ClusterRole edit; kubevet uses its Kubernetes 1.36 definition' }] },
    { name: 'unknown role, open world', code: rb(group('ops'), 'pod-reader', 'Role'), errors: [{ line: 13, message: 'Role pod-reader, which is not in the run in namespace shop and is not built in' }] },
  ],
}, RBAC_RULES);

testRule('rbac/undefined-service-account', {
  valid: [
    rb(sa('default')),
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: shop\n---\n${rb(sa('web'))}`,
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\n${crb(sa('web', 'applied-there'))}`,
  ],
  invalid: [
    { code: rb(sa('web')), errors: [{ line: 8, path: 'subjects[0].name', message: 'names ServiceAccount shop/web, which the run does not define' }] },
    { code: crb(sa('web', 'other')), errors: [{ line: 7, message: 'ServiceAccount other/web' }] },
  ],
}, RBAC_RULES);

testRule('rbac/binding-without-subjects', {
  valid: [rb(group('ops'))],
  invalid: [
    { code: rb('').replace('subjects:\n', 'subjects: []\n'), errors: [{ line: 6, path: 'subjects', message: 'has no subjects' }] },
    { code: rb('').replace('subjects:\n', ''), errors: [{ line: 1, path: null }] },
  ],
}, RBAC_RULES);

testRule('rbac/invalid-binding', {
  valid: [rb(sa('web')), crb(`  - kind: User\n    name: jane\n`)],
  invalid: [
    { name: 'ServiceAccount without namespace in a ClusterRoleBinding', code: crb(sa('reader')), errors: [{ line: 7, path: 'subjects[0].name', message: 'needs `namespace`' }] },
    { name: 'ClusterRoleBinding to a Role', code: crb(group('ops'), 'r', 'Role'), errors: [{ line: 11, path: 'roleRef.kind', message: 'a ClusterRoleBinding can only reference a ClusterRole' }] },
    { name: 'ServiceAccount with the rbac apiGroup', code: rb(`${sa('web')}    apiGroup: rbac.authorization.k8s.io\n`), errors: [{ line: 9, path: 'subjects[0].apiGroup', message: 'takes no apiGroup' }] },
    { name: 'unknown subject kind', code: rb('  - kind: Node\n    name: n1\n'), errors: [{ line: 7, path: 'subjects[0].kind' }] },
    { name: 'wrong roleRef apiGroup', code: rb(group('ops')).replace('  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole', '  apiGroup: rbac\n  kind: ClusterRole'), errors: [{ line: 11, path: 'roleRef.apiGroup' }] },
  ],
}, RBAC_RULES);

testRule('rbac/default-service-account-binding', {
  valid: [rb(sa('web'))],
  invalid: [{ code: rb(sa('default', 'shop')), errors: [{ line: 8, message: 'to the default ServiceAccount of namespace shop' }] }],
}, RBAC_RULES);

function closedWorldFindings(code: string, ruleId: string): Finding[] {
  const source = new SourceText('manifest.yaml', code);
  const loaded = loadText(source);
  const load = { files: 1, sources: [source], documents: loaded.documents, problems: loaded.problems };
  const build = buildObjects(load.documents, { defaultNamespace: 'default' });
  const result = runEngine(load, build, {
    rules: RBAC_RULES,
    config: EMPTY_CONFIG,
    overrides: new Map([['*', 'off'], [ruleId, 'warning']]),
    settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld: true },
  });
  return result.findings;
}

describe('rbac/missing-role', () => {
  test('only with closedWorld: a role neither in the run nor built in', () => {
    const code = rb(group('ops'), 'pod-reader', 'Role');
    expect(closedWorldFindings(code, 'rbac/missing-role').map((f) => [f.line, f.message])).toEqual([[13, expect.stringContaining('Role pod-reader, which is not defined in namespace shop in the run')]]);
    expect(closedWorldFindings(code, 'rbac/role-outside-run')).toEqual([]);
    expect(closedWorldFindings(crb(group('ops'), 'edit'), 'rbac/missing-role')).toEqual([]);
  });
});
