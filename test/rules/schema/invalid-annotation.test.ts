import rule from '../../../rules/schema/invalid-annotation';
import { findingsOf, testRule } from '../../helpers/rule-tester';

const big = (bytes: number): string => 'x'.repeat(bytes);

testRule('schema/invalid-annotation', {
  valid: [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    Example.COM/Owner: anything goes here: spaces, UTF-8 é\n    note: ""\n',
    // 262144 bytes in total is still accepted (keys and values counted).
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    k: ${big(262143)}\n`,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  template:\n    metadata:\n      annotations: {prometheus.io/scrape: "true"}\n    spec:\n      containers: [{name: a, image: b}]\n',
  ],
  invalid: [
    {
      name: 'a key with a space',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    "owner team": platform\n',
      errors: [{ line: 6, column: 5, path: 'metadata.annotations["owner team"]', message: 'annotation key `owner team` is not a valid annotation key' }],
    },
    {
      name: 'a key with two slashes',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    example.com/a/b: x\n',
      errors: [{ line: 6, message: "it contains more than one '/'" }],
    },
    {
      name: 'more than 256 KiB in total',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    k: ${big(262144)}\n`,
      errors: [{ line: 5, column: 3, path: 'metadata.annotations', message: 'annotations total 262145 bytes (keys and values), more than the 262144 bytes' }],
    },
    {
      name: 'multi-byte characters count in bytes',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    k: ${'é'.repeat(131072)}\n`,
      errors: [{ line: 5, message: 'total 262145 bytes' }],
    },
    {
      name: 'pod template annotations',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  template:\n    metadata:\n      annotations: {"bad key!": "1"}\n    spec:\n      containers: [{name: a, image: b}]\n',
      errors: [{ line: 8, path: 'spec.template.metadata.annotations["bad key!"]', message: 'pod template annotation key `bad key!`' }],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-annotation', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-annotation', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
