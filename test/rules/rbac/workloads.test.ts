import { testRule } from '../../helpers/rule-tester';
import { RBAC_RULES } from './rbac-rules';

const SA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: agent
  namespace: ops
---
`;

const EDIT_BINDING = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: agent-edit
  namespace: ops
subjects:
  - kind: ServiceAccount
    name: agent
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`;

function workload(kind: string, podExtra = '', sa = 'agent'): string {
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: agent
  namespace: ops
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      serviceAccountName: ${sa}
${podExtra}      containers:
        - name: app
          image: example/agent:1
`;
}

testRule('rbac/powerful-workload', {
  valid: [
    SA + workload('Deployment', '      automountServiceAccountToken: false\n') + EDIT_BINDING,
    SA + workload('Deployment'),
    `${SA + workload('Deployment')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: v\n  namespace: ops\nsubjects:\n  - kind: ServiceAccount\n    name: agent\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n`,
  ],
  invalid: [
    {
      code: SA + workload('Deployment') + EDIT_BINDING,
      errors: [{ line: 19, path: 'spec.template.spec.serviceAccountName', message: /^Deployment agent carries the automounted token of ServiceAccount ops\/agent, which can read Secrets, create or change Secrets, .* in namespace ops \(ops\/RoleBinding\/agent-edit → ClusterRole\/edit\): code execution/ }],
    },
    {
      name: 'a DaemonSet puts the token on every node',
      code: SA + workload('DaemonSet') + EDIT_BINDING,
      errors: [{ line: 19, message: 'The token is on every node' }],
    },
    {
      name: 'through the implicit group system:serviceaccounts:ops',
      code: `${SA + workload('Deployment')}---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: all\n  namespace: ops\nsubjects:\n  - kind: Group\n    name: system:serviceaccounts:ops\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n`,
      errors: [{ line: 19, message: '(ops/RoleBinding/all → ClusterRole/edit)' }],
    },
  ],
}, RBAC_RULES);

testRule('rbac/unused-token', {
  valid: [
    SA + workload('Deployment') + EDIT_BINDING,
    SA + workload('Deployment', '      automountServiceAccountToken: false\n'),
    SA.replace('---\n', 'automountServiceAccountToken: false\n---\n') + workload('Deployment'),
    SA + workload('Deployment', '      automountServiceAccountToken: false\n      volumes:\n        - name: t\n          projected:\n            sources:\n              - serviceAccountToken: {path: token}\n'),
  ],
  invalid: [
    { code: SA + workload('Deployment'), errors: [{ line: 18, path: 'spec.template.spec', message: 'mounts the API token of ServiceAccount ops/agent, but no binding in the run gives it any permission' }] },
    { name: 'explicit true', code: SA + workload('StatefulSet', '      automountServiceAccountToken: true\n'), errors: [{ line: 20, path: 'spec.template.spec.automountServiceAccountToken' }] },
  ],
}, RBAC_RULES);

testRule('rbac/default-service-account-token', {
  valid: ['apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: a\nautomountServiceAccountToken: false\n', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n  namespace: a\n'],
  invalid: [
    { code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: a\n', errors: [{ line: 1, message: 'the default ServiceAccount of namespace a mounts its token' }] },
    { code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: a\nautomountServiceAccountToken: true\n', errors: [{ line: 6, path: 'automountServiceAccountToken' }] },
  ],
}, RBAC_RULES);
