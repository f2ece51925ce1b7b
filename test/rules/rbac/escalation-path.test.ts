import { testRule } from '../../helpers/rule-tester';
import { RBAC_RULES } from './rbac-rules';

const OPS = `apiVersion: v1
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
`;

const BUILDER = (verbs: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: job-runner
  namespace: billing
rules:
  - apiGroups: ["batch"]
    resources: ["jobs"]
    verbs: [${verbs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: builder-jobs
  namespace: billing
subjects:
  - kind: ServiceAccount
    name: builder
    namespace: build
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: job-runner
`;

testRule('rbac/escalation-path', {
  valid: [OPS + BUILDER('"get", "list"'), BUILDER('"create"')],
  invalid: [
    {
      name: 'the issue example: Jobs in billing, where ops is bound to admin',
      code: OPS + BUILDER('"create"'),
      errors: [
        {
          line: 39,
          path: 'roleRef',
          message: /^ServiceAccount build\/builder can create Jobs in namespace billing \(billing\/RoleBinding\/builder-jobs → billing\/Role\/job-runner\): it can run a pod as billing\/ops and take its token\. ServiceAccount billing\/ops is bound to ClusterRole\/admin \(billing\/RoleBinding\/ops-admin\), so build\/builder gains: read Secrets in namespace billing/,
        },
      ],
    },
  ],
}, RBAC_RULES);
