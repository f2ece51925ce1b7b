import rule from '../../../rules/schema/invalid-pod-field';
import { findingsOf, testRule } from '../../helpers/rule-tester';

/** A Pod whose only container gets `container` (indented 6 spaces); line 7 is the container's first field after name. */
const POD = (container: string, spec = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
${container}${spec}`;

testRule('schema/invalid-pod-field', {
  valid: [
    POD('      ports:\n        - {name: http-alt, containerPort: 8080, hostPort: 0}\n        - {containerPort: 65535, hostPort: 65535}\n'),
    POD('      env:\n        - {name: "my.env-name", value: x}\n        - {name: "1st var with spaces", value: x}\n      envFrom:\n        - {prefix: "CONFIG_", configMapRef: {name: c}}\n'),
    POD('      volumeMounts:\n        - {name: data, mountPath: /data, subPath: a/b..c/d}\n        - {name: data, mountPath: /e, subPathExpr: $(POD_NAME)}\n', '  volumes:\n    - {name: data, emptyDir: {}}\n'),
    POD('      livenessProbe:\n        httpGet: {path: /, port: http}\n      readinessProbe:\n        tcpSocket: {port: 8080}\n      ports: [{name: http, containerPort: 8080}]\n'),
    POD('      volumeMounts:\n        - {name: shared, mountPath: /s, mountPropagation: Bidirectional}\n      securityContext: {privileged: true}\n', '  volumes:\n    - {name: shared, hostPath: {path: /mnt}}\n'),
    // StatefulSet volumeClaimTemplates provide volumes.
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - name: db\n          image: postgres:16\n          volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - {name: http, port: 80, targetPort: http, nodePort: 30080}\n    - {name: metrics-9090, port: 9090, targetPort: 0}\n',
    // Mistyped values are another rule's business.
    POD('      ports:\n        - {containerPort: "80"}\n      env:\n        - {name: 12}\n'),
    POD('', '  topologySpreadConstraints:\n    - {maxSkew: 2, minDomains: 3, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports: [{containerPort: 80, hostPort: 80}, {containerPort: 81}]\n',
  ],
  invalid: [
    {
      name: 'topology spread: maxSkew 0, minDomains 0, minDomains with ScheduleAnyway (kube-score fixtures)',
      code: POD('', '  topologySpreadConstraints:\n    - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n    - {maxSkew: 1, minDomains: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n    - {maxSkew: 1, minDomains: 2, topologyKey: host, whenUnsatisfiable: ScheduleAnyway}\n'),
      errors: [
        { line: 10, path: 'spec.topologySpreadConstraints[0].maxSkew', message: 'maxSkew 0 must be greater than zero' },
        { line: 11, path: 'spec.topologySpreadConstraints[1].minDomains', message: 'minDomains 0 must be greater than zero' },
        { line: 12, path: 'spec.topologySpreadConstraints[2].minDomains', message: 'minDomains only works with whenUnsatisfiable: DoNotSchedule, not "ScheduleAnyway"' },
      ],
    },
    {
      name: 'container name (the issue\'s example)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: Web_API\n      image: nginx:1.27\n',
      errors: [{ line: 7, column: 13, path: 'spec.containers[0].name', message: "container name `Web_API` is not a valid DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters): it contains uppercase letters; the API server rejects it: rename it, e.g. `web-api`" }],
    },
    {
      name: 'init and volume names',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  initContainers:\n    - {name: init.db, image: busybox:1.36}\n  containers:\n    - {name: web, image: nginx:1.27}\n  volumes:\n    - {name: Data, emptyDir: {}}\n',
      errors: [
        { line: 7, path: 'spec.initContainers[0].name', message: "it contains '.'" },
        { line: 11, path: 'spec.volumes[0].name', message: 'volume name `Data`' },
      ],
    },
    {
      name: 'port names and numbers',
      code: POD('      ports:\n        - {name: HTTP, containerPort: 0}\n        - {name: very-long-port-name, containerPort: 70000, hostPort: -1}\n        - {name: "8080", containerPort: 8080}\n        - {name: a--b, containerPort: 81}\n'),
      errors: [
        { line: 10, path: 'spec.containers[0].ports[0].name', message: "it must contain only lowercase letters, digits and '-'; the API server rejects it: rename it, e.g. `http`" },
        { line: 10, path: 'spec.containers[0].ports[0].containerPort', message: 'containerPort 0 is not a port number between 1 and 65535' },
        { line: 11, path: 'spec.containers[0].ports[1].name', message: 'it is 19 characters long (at most 15)' },
        { line: 11, path: 'spec.containers[0].ports[1].containerPort', message: 'containerPort 70000' },
        { line: 11, path: 'spec.containers[0].ports[1].hostPort', message: 'hostPort -1' },
        { line: 12, path: 'spec.containers[0].ports[2].name', message: 'it must contain at least one letter' },
        { line: 13, path: 'spec.containers[0].ports[3].name', message: "it must not contain '--'" },
      ],
    },
    {
      name: 'hostPort must equal containerPort with hostNetwork',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports: [{containerPort: 80, hostPort: 8080}]\n',
      errors: [{ line: 10, path: 'spec.containers[0].ports[0].hostPort', message: 'hostPort 8080 differs from containerPort 80' }],
    },
    {
      name: 'env names: = and control characters are rejected even with relaxed validation',
      code: POD('      env:\n        - {name: "A=B", value: x}\n        - {name: "TAB\\tNAME", value: x}\n      envFrom:\n        - {prefix: "P=", secretRef: {name: s}}\n'),
      errors: [
        { line: 10, path: 'spec.containers[0].env[0].name', message: "environment variable name `A=B` is invalid for Kubernetes 1.36: it must consist only of printable ASCII characters other than '='" },
        { line: 11, path: 'spec.containers[0].env[1].name' },
        { line: 13, path: 'spec.containers[0].envFrom[0].prefix', message: 'envFrom prefix `P=`' },
      ],
    },
    {
      name: 'volumeMount of an undefined volume, escaping subPaths, Bidirectional without privileged',
      code: POD('      volumeMounts:\n        - {name: cache, mountPath: /c}\n        - {name: data, mountPath: /d, subPath: /etc}\n        - {name: data, mountPath: /e, subPathExpr: ../$(X)}\n        - {name: data, mountPath: /f, mountPropagation: Bidirectional}\n', '  volumes:\n    - {name: data, emptyDir: {}}\n'),
      errors: [
        { line: 10, path: 'spec.containers[0].volumeMounts[0].name', message: 'volumeMount refers to volume `cache`, which the pod does not define (it has `data`)' },
        { line: 11, path: 'spec.containers[0].volumeMounts[1].subPath', message: 'subPath `/etc` must be a relative path' },
        { line: 12, path: 'spec.containers[0].volumeMounts[2].subPathExpr', message: "subPathExpr `../$(X)` must not contain '..'" },
        { line: 13, path: 'spec.containers[0].volumeMounts[3].mountPropagation', message: 'only allowed in privileged containers' },
      ],
    },
    {
      name: 'probe ports',
      code: POD('      livenessProbe:\n        httpGet: {path: /, port: "8080"}\n      startupProbe:\n        tcpSocket: {port: 0}\n'),
      errors: [
        { line: 10, path: 'spec.containers[0].livenessProbe.httpGet.port', message: 'to give a number, write it without quotes: 8080' },
        { line: 12, path: 'spec.containers[0].startupProbe.tcpSocket.port', message: 'startupProbe tcpSocket port 0 is not a port number' },
      ],
    },
    {
      name: 'Service ports',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - {name: HTTP, port: 0, targetPort: "80", nodePort: 30080}\n    - {name: b, port: 81, targetPort: 70000}\n',
      errors: [
        { line: 7, path: 'spec.ports[0].name', message: 'Service port name `HTTP` is not a valid DNS-1123 label' },
        { line: 7, path: 'spec.ports[0].port', message: 'Service port 0' },
        { line: 7, path: 'spec.ports[0].targetPort', message: 'write it without quotes: 80' },
        { line: 7, path: 'spec.ports[0].nodePort', message: 'nodePort 30080 is set on a ClusterIP Service' },
        { line: 8, path: 'spec.ports[1].targetPort', message: 'targetPort 70000 is not a port number' },
      ],
    },
  ],
}, [rule]);

test('environment variable names follow the target version', () => {
  const pod = POD('      env:\n        - {name: "1ST", value: x}\n');
  expect(findingsOf('schema/invalid-pod-field', pod, 'm.yaml', [rule])).toEqual([]);
});

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-pod-field', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-pod-field', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
