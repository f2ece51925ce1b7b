import rule from '../../../rules/schema/ingress-rule';
import { findingsOf, testRule } from '../../helpers/rule-tester';

/** Line 7 is the rule's host, line 9 its first path. */
const INGRESS = (host: string, path: string, extra = ''): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: ${host}
      http:
        paths:
          - ${path}
${extra}`;

const OK_PATH = 'path: /\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}}';

testRule('schema/ingress-rule', {
  valid: [
    INGRESS('web.example.com', OK_PATH),
    INGRESS('"*.example.com"', 'pathType: ImplementationSpecific\n            backend: {service: {name: web, port: {name: http}}}'),
    INGRESS('web.example.com', 'path: /api/v1\n            pathType: Exact\n            backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: assets}}'),
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n',
    // A rule with a host and no http is accepted by the API server.
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: web.example.com\n',
    // Removed API versions are the business of deprecation/removed-api.
    'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec: {}\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {kubernetes.io/ingress.class: nginx}\nspec:\n  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n',
  ],
  invalid: [
    {
      name: 'neither rules nor defaultBackend',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls: []\n',
      errors: [{ line: 5, column: 1, path: 'spec', message: 'this Ingress has neither rules nor a defaultBackend' }],
    },
    { name: 'an IP address as host', code: INGRESS('10.0.0.1', OK_PATH), errors: [{ line: 7, column: 13, path: 'spec.rules[0].host', message: 'host `10.0.0.1` is an IP address' }] },
    { name: 'a wildcard not in the first label', code: INGRESS('"foo.*.example.com"', OK_PATH), errors: [{ line: 7, message: 'is not a valid wildcard DNS name' }] },
    { name: 'an uppercase host', code: INGRESS('Web.Example.com', OK_PATH), errors: [{ line: 7, message: 'use `web.example.com`' }] },
    { name: 'a path without pathType', code: INGRESS('web.example.com', 'path: /\n            backend: {service: {name: web, port: {number: 80}}}'), errors: [{ line: 10, path: 'spec.rules[0].http.paths[0].pathType', message: 'pathType is required in networking.k8s.io/v1' }] },
    { name: 'a relative Prefix path', code: INGRESS('web.example.com', 'path: api\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}}'), errors: [{ line: 10, path: 'spec.rules[0].http.paths[0].path', message: "path `api` must start with '/' for pathType Prefix; the API server rejects it: use `/api`" }] },
    { name: 'a path with //', code: INGRESS('web.example.com', 'path: /a//b\n            pathType: Exact\n            backend: {service: {name: web, port: {number: 80}}}'), errors: [{ line: 10, message: 'contains `//`' }] },
    {
      name: 'backends: both service and resource; neither; both port name and number; neither',
      code: INGRESS('web.example.com', 'path: /a\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}, resource: {kind: B, name: b}}\n          - path: /b\n            pathType: Prefix\n            backend: {}\n          - path: /c\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80, name: http}}}\n          - path: /d\n            pathType: Prefix\n            backend: {service: {name: web, port: {}}}'),
      errors: [
        { line: 12, path: 'spec.rules[0].http.paths[0].backend.resource', message: 'may name a service or a resource, not both' },
        { line: 15, path: 'spec.rules[0].http.paths[1].backend', message: 'names neither a service nor a resource' },
        { line: 18, path: 'spec.rules[0].http.paths[2].backend.service.port', message: 'sets both name and number' },
        { line: 21, path: 'spec.rules[0].http.paths[3].backend.service.port', message: 'has neither name nor number' },
      ],
    },
    {
      name: 'http without paths, TLS hosts, class annotation mismatch',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {kubernetes.io/ingress.class: nginx}\nspec:\n  ingressClassName: traefik\n  rules:\n    - host: web.example.com\n      http: {paths: []}\n  tls:\n    - hosts: ["*.*.example.com"]\n',
      errors: [
        { line: 5, path: 'metadata.annotations["kubernetes.io/ingress.class"]', message: 'differs from spec.ingressClassName' },
        { line: 10, path: 'spec.rules[0].http', message: 'this rule has `http` without paths' },
        { line: 12, path: 'spec.tls[0].hosts[0]', message: 'TLS host `*.*.example.com`' },
      ],
    },
    { name: 'backend service name and port number', code: INGRESS('web.example.com', 'path: /\n            pathType: Prefix\n            backend: {service: {name: Web_Svc, port: {number: 70000}}}'), errors: [{ line: 12, message: 'backend service name `Web_Svc` is not a valid Service name' }, { line: 12, message: 'backend port number 70000' }] },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/ingress-rule', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/ingress-rule', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
