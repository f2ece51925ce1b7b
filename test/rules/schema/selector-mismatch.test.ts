import rule from '../../../rules/schema/selector-mismatch';
import { findingsOf, testRule } from '../../helpers/rule-tester';

const controller = (kind: string, selector: string, labels: string): string => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  selector: ${selector}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

const job = (spec: string, labels = '{}', name = 'migrate'): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}  template:
    metadata:
      labels: ${labels}
    spec:
      restartPolicy: Never
      containers: [{name: m, image: busybox:1.36}]
`;

testRule('schema/selector-mismatch', {
  valid: [
    controller('Deployment', '{matchLabels: {app: web}}', '{app: web, tier: front}'),
    controller('StatefulSet', '{matchExpressions: [{key: app, operator: In, values: [web, api]}, {key: legacy, operator: DoesNotExist}]}', '{app: web}'),
    controller('DaemonSet', '{matchExpressions: [{key: tier, operator: NotIn, values: [db]}]}', '{app: web}'),
    job(''),
    job('  manualSelector: true\n  selector: {matchLabels: {app: m}}\n', '{app: m}'),
    job('  selector: {matchLabels: {job-name: migrate}}\n'),
    job('', '{job-name: migrate}'),
    'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n',
    'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n',
    // Mistyped selectors are left to other rules.
    controller('Deployment', '{matchLabels: {replicas: 3}}', '{app: web}'),
  ],
  invalid: [
    {
      name: 'template labels do not match (the classic typo)',
      code: controller('Deployment', '{matchLabels: {app: web}}', '{app: webapp}'),
      errors: [{ line: 9, column: 7, path: 'spec.template.metadata.labels', message: 'Deployment spec.selector does not match its pod template labels: the selector requires `app=web` but the pod template has `app: webapp`; the API server rejects it ("selector does not match template labels")' }],
    },
    {
      name: 'template without labels',
      code: 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      errors: [{ line: 6, path: 'spec.selector', message: 'the pod template has no `app` label' }],
    },
    {
      name: 'a near miss on the key',
      code: controller('StatefulSet', '{matchLabels: {app.kubernetes.io/name: web}}', '{app.kubernetes.io/nmae: web}'),
      errors: [{ line: 9, message: 'has no `app.kubernetes.io/name` label (it has `app.kubernetes.io/nmae`)' }],
    },
    {
      name: 'empty selectors of apps controllers',
      code: controller('Deployment', '{}', '{app: web}'),
      errors: [{ line: 6, column: 3, path: 'spec.selector', message: 'empty selector is invalid for deployment' }],
    },
    { name: 'empty DaemonSet selector', code: controller('DaemonSet', '{matchLabels: {}}', '{app: web}'), errors: [{ line: 6, message: 'empty selector is invalid for daemonset' }] },
    {
      name: 'matchExpressions: bad operator, missing values, values with Exists',
      code: controller('Deployment', '{matchExpressions: [{key: app, operator: in, values: [web]}, {key: tier, operator: NotIn}, {key: x, operator: Exists, values: [y]}]}', '{app: web}'),
      errors: [
        { line: 6, path: 'spec.selector.matchExpressions[0].operator', message: 'selector operator `in` is not one of In, NotIn, Exists, DoesNotExist; the API server rejects the selector: use `In`' },
        { line: 6, path: 'spec.selector.matchExpressions[1].values', message: '`values` must be given when `operator` is NotIn' },
        { line: 6, path: 'spec.selector.matchExpressions[2].values', message: '`values` must be empty when `operator` is Exists' },
      ],
    },
    {
      name: 'a Job with manualSelector must match its template',
      code: job('  manualSelector: true\n  selector: {matchLabels: {app: m}}\n', '{app: other}'),
      errors: [{ line: 10, message: 'Job spec.selector does not match its pod template labels' }],
    },
    {
      name: 'a Job selector without manualSelector is rejected',
      code: job('  selector: {matchLabels: {app: m}}\n', '{app: m}'),
      errors: [{ line: 6, path: 'spec.selector', message: 'spec.manualSelector is not true' }],
    },
    {
      name: 'a job-name label that differs from the Job name',
      code: job('', '{job-name: other}'),
      errors: [{ line: 8, path: 'spec.template.metadata.labels.job-name', message: 'Kubernetes sets it to the Job name `migrate`' }],
    },
    {
      name: 'CronJob job templates may not set a selector',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      manualSelector: true\n      selector: {matchLabels: {app: c}}\n',
      errors: [
        { line: 8, path: 'spec.jobTemplate.spec.manualSelector', message: 'may not set manualSelector: true' },
        { line: 9, path: 'spec.jobTemplate.spec.selector', message: '"`selector` will be auto-generated"' },
      ],
    },
    {
      name: 'ReplicationController map selector',
      code: 'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  template:\n    metadata:\n      labels: {app: api}\n',
      errors: [{ line: 9, message: 'ReplicationController spec.selector does not match' }],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/selector-mismatch', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/selector-mismatch', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
