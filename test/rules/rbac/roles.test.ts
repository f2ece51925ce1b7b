import { testRule } from '../../helpers/rule-tester';
import { RBAC_RULES } from './rbac-rules';

function roleWith(rules: string, kind = 'Role'): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: r
${kind === 'Role' ? '  namespace: shop\n' : ''}rules:
${rules}`;
}

const BIND_IT = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: r
  namespace: shop
subjects:
  - kind: User
    name: jane
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
`;

testRule('rbac/wildcard-rule', {
  valid: [roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n'), roleWith('  - apiGroups: ["*"]\n    resources: ["*"]\n    verbs: ["*"]\n').replace('  name: r\n', '  name: r\n  labels:\n    kubernetes.io/bootstrapping: rbac-defaults\n')],
  invalid: [
    { code: roleWith('  - apiGroups: ["example.com"]\n    resources: ["*"]\n    verbs: ["get"]\n'), errors: [{ line: 8, path: 'rules[0].resources[0]', message: '`*` in resources means every resource' }] },
    { code: roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n  - apiGroups: ["*"]\n    resources: ["x"]\n    verbs: ["get", "*"]\n'), errors: [{ line: 12, path: 'rules[1].verbs[1]', message: /`\*` in verbs .*; `\*` in apiGroups/ }] },
    { code: roleWith('  - nonResourceURLs: ["*"]\n    verbs: ["get"]\n', 'ClusterRole'), errors: [{ line: 6, path: 'rules[0].nonResourceURLs[0]' }] },
  ],
}, RBAC_RULES);

testRule('rbac/ineffective-rule', {
  valid: [roleWith('  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles"]\n    resourceNames: ["view"]\n    verbs: ["bind"]\n'), roleWith('  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["db"]\n    verbs: ["get", "list", "watch"]\n')],
  invalid: [
    { name: 'bind on rolebindings', code: roleWith('  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["rolebindings"]\n    verbs: ["delete", "bind"]\n'), errors: [{ line: 9, path: 'rules[0].verbs[1]', message: 'checks `bind` only on roles and clusterroles' }] },
    { name: 'escalate on a core resource', code: roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["escalate"]\n'), errors: [{ line: 9, message: '`escalate`' }] },
    { name: 'impersonate on pods', code: roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["impersonate"]\n'), errors: [{ line: 9, message: '`impersonate` is only checked on' }] },
    { name: 'create with resourceNames', code: roleWith('  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["x"]\n    verbs: ["get", "create"]\n'), errors: [{ line: 9, path: 'rules[0].resourceNames', message: 'create requests carry no object name' }] },
    { name: 'no apiGroups', code: roleWith('  - resources: ["pods"]\n    verbs: ["get"]\n'), errors: [{ line: 7, path: 'rules[0]', message: 'no apiGroups' }] },
    { name: 'pods/*', code: roleWith('  - apiGroups: [""]\n    resources: ["pods/*"]\n    verbs: ["get"]\n'), errors: [{ line: 8, message: '`pods/*` is not a wildcard' }] },
    { name: 'empty verb', code: roleWith('  - apiGroups: [""]\n    resources: ["*"]\n    verbs: [""]\n'), errors: [{ line: 9, message: 'an empty verb matches no request' }] },
    { name: 'URLs in a Role', code: roleWith('  - nonResourceURLs: ["/metrics"]\n    verbs: ["get"]\n'), errors: [{ line: 7, message: 'a Role cannot grant nonResourceURLs' }] },
    {
      name: 'URLs in a ClusterRole bound only by RoleBindings',
      code: `${roleWith('  - nonResourceURLs: ["/metrics"]\n    verbs: ["get"]\n', 'ClusterRole')}${BIND_IT.replace('kind: Role\n  name: r', 'kind: ClusterRole\n  name: r')}`,
      errors: [{ line: 6, message: 'granted only through ClusterRoleBindings' }],
    },
  ],
}, RBAC_RULES);

testRule('rbac/unbound-role', {
  valid: [
    roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n') + BIND_IT,
    roleWith('  - apiGroups: ["x.io"]\n    resources: ["widgets"]\n    verbs: ["get"]\n', 'ClusterRole').replace('  name: r\n', '  name: r\n  labels:\n    rbac.authorization.k8s.io/aggregate-to-view: "true"\n'),
  ],
  invalid: [{ code: roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n'), errors: [{ line: 4, path: 'metadata.name', message: 'no binding in the run references Role r in namespace shop' }] }],
}, RBAC_RULES);

testRule('rbac/missing-resource-names', {
  valid: [
    roleWith('  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["web"]\n    verbs: ["get"]\n'),
    roleWith('  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get", "list"]\n'),
    roleWith('  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get"]\n'),
  ],
  invalid: [{ code: roleWith('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "update"]\n'), errors: [{ line: 9, path: 'rules[0].verbs', message: 'uses only get, update on secrets' }] }],
}, RBAC_RULES);
