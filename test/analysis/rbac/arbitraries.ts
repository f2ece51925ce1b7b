/** fast-check generators over small alphabets, so that wildcards, subresources and names collide often. */
import fc from 'fast-check';
import type { PolicyRule, RequestAttributes, ResourceAttributes } from '../../../src/analysis/rbac/types';

export const VERBS = ['get', 'list', 'create', 'bind', '*', ''];
export const GROUPS = ['', 'apps', 'rbac.authorization.k8s.io', '*'];
export const RESOURCES = ['pods', 'secrets', 'pods/exec', 'pods/log', 'deployments/scale', '*', '*/exec', '*/scale', 'pods/*', '*/', 'exec'];
export const NAMES = ['a', 'b', ''];
export const URLS = ['/healthz', '/healthz/*', '/api', '/api/*', '*', '/a*', '/a**', '/'];
export const NAMESPACES = ['ns1', 'ns2', 'kube-system'];

const sub = <T>(values: readonly T[], max = 3): fc.Arbitrary<T[]> => fc.uniqueArray(fc.constantFrom(...values), { maxLength: max });

export const ruleArb: fc.Arbitrary<PolicyRule> = fc.record({
  verbs: sub(VERBS),
  apiGroups: sub(GROUPS),
  resources: sub(RESOURCES),
  resourceNames: sub(['a', 'b'], 2),
  nonResourceURLs: sub(URLS),
});

export const resourceRequestArb: fc.Arbitrary<ResourceAttributes> = fc.record({
  kind: fc.constant('resource' as const),
  verb: fc.constantFrom('get', 'list', 'create', 'bind', 'delete'),
  apiGroup: fc.constantFrom('', 'apps', 'rbac.authorization.k8s.io', 'batch'),
  resource: fc.constantFrom('pods', 'secrets', 'deployments', 'roles'),
  subresource: fc.constantFrom('', 'exec', 'log', 'scale', '*'),
  name: fc.constantFrom(...NAMES),
  namespace: fc.constantFrom('', ...NAMESPACES),
});

export const requestArb: fc.Arbitrary<RequestAttributes> = fc.oneof(
  resourceRequestArb,
  fc.record({ kind: fc.constant('nonResource' as const), verb: fc.constantFrom('get', 'post', '*'), path: fc.constantFrom('/healthz', '/healthz/ready', '/api', '/api/v1', '/apis', '/a', '/abc', '/', '') }),
);
