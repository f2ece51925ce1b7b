/** The schema rules driven by the bundled OpenAPI schemas: unknown fields, types, required fields, values, kinds. */
import { testRule } from '../../helpers/rule-tester';

const POD = (containerExtra: string, specExtra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:${specExtra}
  containers:
    - name: web
      image: nginx:1.27
${containerExtra}`;

testRule('schema/unknown-field', {
  valid: [POD('      securityContext:\n        readOnlyRootFilesystem: true\n'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {anything: goes}\n'],
  invalid: [
    {
      name: 'the issue\'s example, with did you mean',
      code: POD('      securityContext:\n        readyOnlyFilesystem: true\n'),
      errors: [{ line: 10, column: 9, path: 'spec.containers[0].securityContext.readyOnlyFilesystem', message: 'unknown field `readyOnlyFilesystem` in SecurityContext; did you mean `readOnlyRootFilesystem`?' }],
    },
    {
      name: 'a field at the wrong level lists the fields allowed there',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  selector: {app: web}\nspec:\n  ports: [{port: 80}]\n',
      errors: [{ line: 5, column: 3, path: 'metadata.selector', message: 'unknown field `selector` in ObjectMeta' }],
    },
  ],
});

testRule('schema/invalid-type', {
  valid: [POD('      ports:\n        - containerPort: 8080\n')],
  invalid: [
    {
      name: '// is not a comment',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3  // three copies\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      errors: [{ line: 5, column: 13, path: 'spec.replicas', message: '`spec.replicas` must be an integer, got the string "3  // three copies"; `//` is not a YAML comment' }],
    },
    {
      name: 'YAML 1.1 booleans and numbers where strings are required',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  labels:\n    country: NO\ndata:\n  version: 1.10\n',
      errors: [
        { line: 6, column: 14, path: 'metadata.labels.country', message: 'must be a string, got the boolean false; YAML 1.1 (which Kubernetes uses) reads the unquoted value as the boolean false: quote it' },
        { line: 8, column: 12, path: 'data.version', message: 'got the number 1.1; YAML 1.1 (which Kubernetes uses) reads the unquoted value as the number 1.1: quote it' },
      ],
    },
    { name: 'quoted number', code: POD('      ports:\n        - containerPort: "8080"\n'), errors: [{ line: 10, message: 'must be an integer, got the string "8080"; remove the quotes' }] },
    { name: 'explicit null is unset, not an error', code: POD('      ports:\n        - containerPort: 80\n          hostPort: null\n'), errors: [] },
  ],
});

testRule('schema/required-field', {
  valid: [POD('')],
  invalid: [
    { code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: Always\n', errors: [{ line: 5, column: 1, path: 'spec.containers', message: '`containers` is required in PodSpec (`spec`)' }] },
    {
      name: 'a required field written as null is not set (kube-score container-ports-check fixture)',
      code: POD('      ports:\n        - name: smtp\n          containerPort:\n'),
      errors: [{ line: 11, path: 'spec.containers[0].ports[0].containerPort', message: '`containerPort` is null, which the API server reads as not set, but it is required in ContainerPort' }],
    },
  ],
});

testRule('schema/invalid-value', {
  valid: [POD('      resources:\n        requests: {cpu: 500m, memory: 128Mi}\n        limits: {memory: 1Gi, cpu: 2}\n'), 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: c2VjcmV0\n'],
  invalid: [
    {
      name: 'malformed quantities, with suggestions',
      code: POD('      resources:\n        requests: {memory: 1 GB, ephemeral-storage: 500mb}\n        limits: {memory: 1gi, cpu: two}\n'),
      errors: [
        { line: 10, path: 'spec.containers[0].resources.requests.memory', message: /`1 GB` is not a valid quantity: .*: write `1Gi`$/ },
        { line: 10, path: 'spec.containers[0].resources.requests.ephemeral-storage', message: 'write `500Mi`' },
        { line: 11, path: 'spec.containers[0].resources.limits.memory', message: '`1gi` is not a valid quantity: it has `g` where a digit or a unit suffix belongs' },
        { line: 11, path: 'spec.containers[0].resources.limits.cpu', message: '`two` is not a valid quantity' },
      ],
    },
    {
      name: 'storage quantities of claims and emptyDir',
      code: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers: [{name: db, image: postgres:16}]\n      volumes: [{name: tmp, emptyDir: {sizeLimit: 1 GiB}}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec:\n        resources: {requests: {storage: 10gb}}\n',
      errors: [
        { line: 9, path: 'spec.template.spec.volumes[0].emptyDir.sizeLimit', message: 'write `1Gi`' },
        { line: 13, path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage', message: 'write `10Gi`' },
      ],
    },
    {
      name: 'Secret data must be base64',
      code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: hunter2!\n',
      errors: [{ line: 5, column: 13, path: 'data.password', message: 'must be base64-encoded, got the string "hunter2!"; encode it (`echo -n value | base64`) or move it to `stringData`' }],
    },
  ],
});

testRule('schema/unknown-kind', {
  valid: ['apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n', 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\n'],
  invalid: [
    { name: 'right kind, wrong group', code: 'apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\n', errors: [{ line: 2, column: 7, path: 'kind', message: 'Deployment is not in `v1`; use `apiVersion: apps/v1`' }] },
    { name: 'wrong case', code: 'apiVersion: v1\nkind: service\nmetadata: {name: web}\n', errors: [{ line: 2, message: 'kinds are case-sensitive: did you mean `Service` (`apiVersion: v1`)?' }] },
    { name: 'statefulset in the core group', code: 'apiVersion: v1\nkind: statefulset\nmetadata: {name: db}\n', errors: [{ line: 2, message: 'did you mean `StatefulSet` (`apiVersion: apps/v1`)?' }] },
    { name: 'a version the group does not serve', code: 'apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: web}\n', errors: [{ line: 2, message: 'Deployment is served as `apps/v1` in Kubernetes 1.36, not `apps/v2`' }] },
    { name: 'misspelt kind in a built-in group', code: 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n', errors: [{ line: 2, message: 'did you mean `Deployment` (`apiVersion: apps/v1`)?' }] },
  ],
});
