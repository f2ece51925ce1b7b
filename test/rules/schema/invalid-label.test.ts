import rule from '../../../rules/schema/invalid-label';
import { findingsOf, testRule } from '../../helpers/rule-tester';

const DEPLOYMENT = (selector: string, templateLabels: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
${selector}
  template:
    metadata:
      labels:
${templateLabels}
    spec:
${extra}      containers: [{name: web, image: nginx:1.27}]
`;

testRule('schema/invalid-label', {
  valid: [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app.kubernetes.io/name: web\n    version: v1.2_rc-3\n    empty: ""\n    Upper.Case: OK\n',
    DEPLOYMENT('    matchLabels: {app: web}\n    matchExpressions: [{key: tier, operator: In, values: [front, back]}]', '        app: web'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app.kubernetes.io/name: web}\n',
    // Non-string values are a type problem, reported elsewhere.
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    version: 1.0\n',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    k: ${'a'.repeat(63)}\n`,
  ],
  invalid: [
    {
      name: 'a value with a space',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    release: "2024 spring"\n',
      errors: [{ line: 6, column: 14, path: 'metadata.labels.release', message: 'label `release` has value `2024 spring`, which is not a valid label value (empty, or letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit, at most 63 characters): it contains a space; the API server rejects it: change the value, e.g. `2024-spring`' }],
    },
    {
      name: 'a value longer than 63 characters',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    k: ${'a'.repeat(64)}\n`,
      errors: [{ line: 6, message: 'is 64 characters long (at most 63)' }],
    },
    { name: 'a value ending with a dash', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    k: web-\n', errors: [{ line: 6, message: 'it ends with `-`' }] },
    {
      name: 'keys: two slashes, bad prefix, empty name, long name',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    a/b/c: x\n    Example.com/app: x\n    example.com/: x\n    ${'n'.repeat(64)}: x\n`,
      errors: [
        { line: 6, column: 5, message: "it contains more than one '/'" },
        { line: 7, column: 5, message: 'has a prefix `Example.com` that is not a DNS subdomain: it contains uppercase letters' },
        { line: 8, column: 5, message: 'it has an empty name part' },
        { line: 9, column: 5, message: 'is 64 characters long (at most 63)' },
      ],
    },
    {
      name: 'pod template labels and selectors',
      code: DEPLOYMENT('    matchLabels: {app: web app}\n    matchExpressions: [{key: "bad key", operator: In, values: ["v 1"]}]', '        app: web app'),
      errors: [
        { line: 7, path: 'spec.selector.matchLabels.app', message: 'selector label `app` has value `web app`' },
        { line: 8, path: 'spec.selector.matchExpressions[0].key', message: 'selector key `bad key`' },
        { line: 8, path: 'spec.selector.matchExpressions[0].values[0]', message: 'selector value `v 1`' },
        { line: 12, path: 'spec.template.metadata.labels.app', message: 'pod template label `app` has value `web app`' },
      ],
    },
    {
      name: 'nodeSelector',
      code: DEPLOYMENT('    matchLabels: {app: web}', '        app: web', '      nodeSelector: {disk: fast ssd}\n'),
      errors: [{ line: 13, path: 'spec.template.spec.nodeSelector.disk', message: 'nodeSelector label `disk`' }],
    },
    {
      name: 'Service selector',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: "my app"}\n',
      errors: [{ line: 6, path: 'spec.selector.app', message: 'selector label `app` has value `my app`' }],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-label', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-label', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
