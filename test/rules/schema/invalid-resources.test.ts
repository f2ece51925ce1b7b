import rule from '../../../rules/schema/invalid-resources';
import { findingsOf, testRule } from '../../helpers/rule-tester';

/** Line 9 is `requests`, line 10 `limits`. */
const POD = (requests: string, limits: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      resources:
        requests: ${requests}
        limits: ${limits}
`;

testRule('schema/invalid-resources', {
  valid: [
    POD('{cpu: 500m, memory: 512Mi, ephemeral-storage: 1G}', '{cpu: "1", memory: 1Gi}'),
    POD('{cpu: 0.5, memory: 1e9}', '{cpu: 500m, memory: 1G}'),
    POD('{nvidia.com/gpu: 2, cpu: 1}', '{nvidia.com/gpu: "2"}'),
    POD('{}', '{nvidia.com/gpu: 1}'),
    POD('{hugepages-2Mi: 4Mi, memory: 1Gi}', '{hugepages-2Mi: 4Mi, memory: 1Gi}'),
    // Mistyped values are another rule's business.
    POD('{cpu: true}', '{cpu: [1]}'),
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources:\n    requests: {storage: 10Gi}\n',
  ],
  invalid: [
    {
      name: 'request above limit',
      code: POD('{cpu: "2", memory: 1Gi}', '{cpu: 1500m, memory: 1G}'),
      errors: [
        { line: 10, column: 25, path: 'spec.containers[0].resources.requests.cpu', message: 'cpu request `2` is more than its limit `1500m`; a container cannot be guaranteed more than it may use, so the API server rejects it ("must be less than or equal to cpu limit")' },
        { line: 10, path: 'spec.containers[0].resources.requests.memory', message: 'memory request `1Gi` is more than its limit `1G`' },
      ],
    },
    {
      name: 'negative quantities',
      code: POD('{cpu: -1}', '{}'),
      errors: [{ line: 10, message: 'cpu request `-1` is negative' }],
    },
    {
      name: 'extended resources: request without limit, request different from limit, fractions',
      code: POD('{nvidia.com/gpu: 1, example.com/fpga: 1}', '{example.com/fpga: 2, example.com/nic: 0.5}'),
      errors: [
        { line: 10, path: 'spec.containers[0].resources.requests["nvidia.com/gpu"]', message: 'nvidia.com/gpu is requested without a limit; extended resources cannot be overcommitted' },
        { line: 10, path: 'spec.containers[0].resources.requests["example.com/fpga"]', message: 'example.com/fpga request `1` differs from its limit `2`' },
        { line: 11, path: 'spec.containers[0].resources.limits["example.com/nic"]', message: 'is not a whole number' },
      ],
    },
    {
      name: 'resource names that are not container resources',
      code: POD('{gpu: 1, storage: 1Gi}', '{}'),
      errors: [
        { line: 10, path: 'spec.containers[0].resources.requests.gpu', message: 'resource `gpu` is not a container resource (cpu, memory, ephemeral-storage, hugepages-<size>); extended resources need a domain prefix, e.g. `nvidia.com/gpu`' },
        { line: 10, path: 'spec.containers[0].resources.requests.storage' },
      ],
    },
    {
      name: 'huge pages: page-size multiples, and cpu or memory required',
      code: POD('{hugepages-2Mi: 3Mi}', '{hugepages-2Mi: 3Mi}'),
      errors: [
        { line: 9, path: 'spec.containers[0].resources', message: 'huge pages are requested without cpu or memory' },
        { line: 10, path: 'spec.containers[0].resources.requests.hugepages-2Mi', message: 'is not a whole multiple of the page size 2Mi' },
        { line: 11, path: 'spec.containers[0].resources.limits.hugepages-2Mi', message: 'is not a whole multiple of the page size 2Mi' },
      ],
    },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-resources', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-resources', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});

test('a limit too large to compare exactly is not compared', () => {
  const code = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {memory: 1Gi}\n        limits: {memory: "1e2000"}\n';
  expect(findingsOf('schema/invalid-resources', code, 'm.yaml', [rule])).toEqual([]);
});
