import rule from '../../../rules/schema/duplicate-name';
import { findingsOf, testRule } from '../../helpers/rule-tester';

testRule('schema/duplicate-name', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  initContainers:\n    - {name: init, image: busybox:1.36, ports: [{containerPort: 80, hostPort: 80}]}\n    - {name: init2, image: busybox:1.36, ports: [{containerPort: 80, hostPort: 80}]}\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports: [{name: http, containerPort: 80, hostPort: 80}, {name: http-udp, containerPort: 80, protocol: UDP, hostPort: 80}]\n      volumeMounts: [{name: a, mountPath: /a}, {name: a, mountPath: /b}]\n  volumes:\n    - {name: a, emptyDir: {}}\n    - {name: b, emptyDir: {}}\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - {port: 80}\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - {name: dns, port: 53, protocol: UDP, nodePort: 30053}\n    - {name: dns-tcp, port: 53, nodePort: 30053}\n',
    // Invalid port names are reported by schema/invalid-pod-field, not compared.
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - {name: web, image: nginx:1.27, ports: [{name: HTTP, containerPort: 80}, {name: HTTP, containerPort: 81}]}\n',
  ],
  invalid: [
    {
      name: 'container names repeat across init and regular containers',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  initContainers:\n    - {name: app, image: busybox:1.36}\n  containers:\n    - {name: app, image: nginx:1.27}\n    - {name: app, image: nginx:1.27}\n',
      errors: [
        { line: 9, column: 14, path: 'spec.containers[0].name', message: 'container name `app` is already used at spec.initContainers[0].name; names must be unique across init, regular and ephemeral containers' },
        { line: 10, path: 'spec.containers[1].name', message: 'already used at spec.initContainers[0].name' },
      ],
    },
    {
      name: 'volumes, port names, mount paths, host ports',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: agent:1\n          ports: [{name: m, containerPort: 9100, hostPort: 9100}, {name: m, containerPort: 9101}]\n          volumeMounts: [{name: a, mountPath: /x}, {name: b, mountPath: /x}]\n        - name: helper\n          image: helper:1\n          ports: [{containerPort: 9200, hostPort: 9100}]\n      volumes:\n        - {name: a, emptyDir: {}}\n        - {name: a, hostPath: {path: /tmp}}\n',
      errors: [
        { line: 11, path: 'spec.template.spec.containers[0].ports[1].name', message: 'port name `m` is already used at spec.template.spec.containers[0].ports[0].name in container `agent`' },
        { line: 12, path: 'spec.template.spec.containers[0].volumeMounts[1].mountPath', message: 'mountPath `/x` is already mounted' },
        { line: 15, path: 'spec.template.spec.containers[1].ports[0].hostPort', message: 'hostPort 9100/TCP is already claimed at spec.template.spec.containers[0].ports[0].hostPort' },
        { line: 18, path: 'spec.template.spec.volumes[1].name', message: 'volume name `a` is already used' },
      ],
    },
    {
      name: 'Service ports: duplicate names, numbers and node ports, unnamed port among several',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n    - {name: http, port: 80, nodePort: 30080}\n    - {name: http, port: 80, protocol: TCP, nodePort: 30080}\n    - {port: 81}\n',
      errors: [
        { line: 9, path: 'spec.ports[1].name', message: 'Service port name `http` is already used at spec.ports[0].name' },
        { line: 9, path: 'spec.ports[1].port', message: 'port 80/TCP is already exposed' },
        { line: 9, path: 'spec.ports[1].nodePort', message: 'nodePort 30080/TCP is already used' },
        { line: 10, path: 'spec.ports[2]', message: 'this Service has several ports, so each needs a name' },
      ],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/duplicate-name', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/duplicate-name', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
