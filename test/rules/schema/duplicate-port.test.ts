import rule from '../../../rules/schema/duplicate-port';
import { findingsOf, testRule } from '../../helpers/rule-tester';

testRule('schema/duplicate-port', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      ports: [{containerPort: 53}, {containerPort: 53, protocol: UDP}]\n    - name: b\n      image: nginx:1.27\n      ports: [{containerPort: 80, hostPort: 8080}, {containerPort: 80, hostPort: 8081}]\n',
  ],
  invalid: [
    {
      name: 'two containers declare one port (protocol defaults to TCP)',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      ports: [{containerPort: 8080, protocol: TCP}]\n    - name: b\n      image: nginx:1.27\n      ports: [{containerPort: 8080}, {containerPort: 9090, hostPort: 9090}, {containerPort: 9090}]\n',
      errors: [
        { line: 12, path: 'spec.containers[1].ports[0].containerPort', message: 'containerPort 8080/TCP is already declared at spec.containers[0].ports[0]; containers of a pod share one network namespace, so this duplicates that declaration' },
        { line: 12, path: 'spec.containers[1].ports[2].containerPort', message: 'this overlaps that declaration' },
      ],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/duplicate-port', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/duplicate-port', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
  expect(rule.meta.severity).toBe('warning');
});
