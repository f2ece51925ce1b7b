import { testRule } from '../../helpers/rule-tester';

testRule('metadata/live-object-fields', {
  valid: [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {app: a}\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nstatus: {}\n',
  ],
  invalid: [
    {
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  uid: 1234\n  resourceVersion: "99"\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: "{}"\nspec: {}\nstatus:\n  replicas: 3\n',
      errors: [
        { line: 5, column: 3, path: 'metadata.uid', message: 'metadata.uid, metadata.resourceVersion are set by the API server' },
        { line: 8, path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]' },
        { line: 10, column: 1, path: 'status', message: 'delete the `status` block' },
      ],
    },
  ],
});
