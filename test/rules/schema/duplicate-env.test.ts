import rule from '../../../rules/schema/duplicate-env';
import { findingsOf, testRule } from '../../helpers/rule-tester';

testRule('schema/duplicate-env', {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      env: [{name: MODE, value: x}, {name: mode, value: y}]\n    - name: b\n      image: nginx:1.27\n      env: [{name: MODE, value: z}]\n',
  ],
  invalid: [
    {
      name: 'the same name twice in one container',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      env:\n        - {name: MODE, value: fast}\n        - {name: MODE, value: safe}\n',
      errors: [{ line: 11, column: 18, path: 'spec.containers[0].env[1].name', message: 'environment variable `MODE` is already defined at spec.containers[0].env[0].name in container `a`; the last definition silently wins' }],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/duplicate-env', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/duplicate-env', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});

test('severity is warning', () => {
  expect(rule.meta.severity).toBe('warning');
});
