import { removedApi } from '../../../src/data/removed-apis';
import { testRule } from '../../helpers/rule-tester';

testRule('deprecation/removed-api', {
  valid: [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n',
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\n',
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n',
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Ingress, with its field migration',
      code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n',
      errors: [{ line: 1, column: 13, path: 'apiVersion', message: 'Ingress in `extensions/v1beta1` was removed in Kubernetes 1.22 (deprecated since 1.14), so Kubernetes 1.36 refuses it. Use `apiVersion: networking.k8s.io/v1`; `backend.serviceName`' }],
    },
    {
      name: 'PodSecurityPolicy has no replacement',
      code: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\n',
      errors: [{ line: 1, message: /removed in Kubernetes 1\.25.*There is no replacement API; .*Pod Security Admission/ }],
    },
    { name: 'batch/v1beta1 CronJob', code: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n', errors: [{ line: 1, message: 'Use `apiVersion: batch/v1`' }] },
    { name: 'autoscaling/v2beta2 HPA', code: 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\n', errors: [{ line: 1, message: 'removed in Kubernetes 1.26' }] },
  ],
});

test('removal depends on the target version', () => {
  expect(removedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toBeUndefined();
  expect(removedApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.33')?.replacement).toBe('flowcontrol.apiserver.k8s.io/v1');
  expect(removedApi('apps/v1', 'Deployment', '1.36')).toBeUndefined();
});
