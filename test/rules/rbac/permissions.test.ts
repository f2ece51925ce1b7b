import { testRule } from '../../helpers/rule-tester';
import { RBAC_RULES } from './rbac-rules';

const SECRET_READER = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
`;

const BOUND_IN_NAMESPACE = `${SECRET_READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app-secrets
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: app
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
`;

const BOUND_CLUSTER_WIDE = `${SECRET_READER}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: app-secrets
subjects:
  - kind: ServiceAccount
    name: app
    namespace: shop
  - kind: User
    name: system:kube-scheduler
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
`;

const EDIT_IN_NAMESPACE = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: dev-edit
  namespace: shop
subjects:
  - kind: Group
    name: developers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`;

const HARDENED_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: compactor
  namespace: ledger
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    resourceNames: ["retention"]
    verbs: ["get"]
`;

const BOOTSTRAP_COPY = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:controller:generic-garbage-collector
  labels:
    kubernetes.io/bootstrapping: rbac-defaults
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["delete", "get", "list", "patch", "update", "watch"]
`;

const CLUSTER_ADMIN = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-admin
subjects:
  - kind: ServiceAccount
    name: deployer
    namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

testRule('rbac/critical-permission', {
  valid: [HARDENED_ROLE, BOOTSTRAP_COPY, CLUSTER_ADMIN, EDIT_IN_NAMESPACE, { code: BOUND_IN_NAMESPACE }],
  invalid: [
    {
      name: 'an unbound ClusterRole is rated as if bound cluster-wide, at the rule',
      code: SECRET_READER,
      errors: [{ line: 9, path: 'rules[1]', message: /ClusterRole secret-reader lets its subjects read Secrets: .* if bound cluster-wide/ }],
    },
    {
      name: 'role and binding, naming the subjects but not the system components',
      code: BOUND_CLUSTER_WIDE,
      errors: [
        { line: 9, message: /cluster-wide through ClusterRoleBinding\/app-secrets/ },
        { line: 23, path: 'roleRef', message: /^ClusterRoleBinding app-secrets lets ServiceAccount shop\/app cluster-wide \(through ClusterRole\/secret-reader\) read Secrets/ },
      ],
    },
    {
      name: 'in kube-system (privileged namespace)',
      code: BOUND_IN_NAMESPACE.replace('namespace: shop', 'namespace: kube-system'),
      errors: [{ line: 9 }, { line: 21, message: /in namespace kube-system/ }],
    },
  ],
}, RBAC_RULES);

testRule('rbac/high-risk-permission', {
  valid: [HARDENED_ROLE, BOOTSTRAP_COPY, BOUND_CLUSTER_WIDE],
  invalid: [
    {
      name: 'secrets in an ordinary namespace',
      code: BOUND_IN_NAMESPACE,
      errors: [{ line: 9, message: /in namespace shop through shop\/RoleBinding\/app-secrets/ }, { line: 21, message: /RoleBinding app-secrets lets ServiceAccount shop\/app in namespace shop/ }],
    },
    {
      name: 'binding the built-in edit role lists what edit allows',
      code: EDIT_IN_NAMESPACE,
      errors: [{ line: 9, message: /Group developers in namespace shop \(through ClusterRole\/edit\) read Secrets: .*create or change Secrets.*mint|create Pods/ }],
    },
  ],
}, RBAC_RULES);

testRule('rbac/sensitive-permission', {
  valid: [HARDENED_ROLE, SECRET_READER],
  invalid: [
    {
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: binder
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["create"]
`,
      errors: [{ line: 6, message: /create or change role bindings/ }],
    },
    {
      name: 'edit in a namespace: exec, port-forward, NetworkPolicies, Endpoints-free',
      code: EDIT_IN_NAMESPACE,
      errors: [{ line: 9, message: /exec into or attach to Pods/ }],
    },
  ],
}, RBAC_RULES);
