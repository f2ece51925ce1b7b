import {
  PORT_NAME_RULE,
  dns1035LabelProblem,
  dns1123SubdomainProblem,
  isInteger,
  isIpAddress,
  portNameProblem,
  suggestName,
  wildcardSubdomainProblem,
} from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import { isRecord, type FieldPath } from '../../src/model/path';

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function checkHost(context: RuleContext, host: unknown, path: FieldPath, what: string): void {
  if (typeof host !== 'string' || host === '') return;
  if (isIpAddress(host)) {
    context.report({ path, message: `${what} \`${host}\` is an IP address, but Ingress hosts must be DNS names; the API server rejects it: use a DNS name, or omit host to match every request` });
    return;
  }
  const problem = host.includes('*') ? wildcardSubdomainProblem(host) : dns1123SubdomainProblem(host);
  if (problem === undefined) return;
  const lower = host.toLowerCase();
  const hint = lower !== host && (host.includes('*') ? wildcardSubdomainProblem(lower) : dns1123SubdomainProblem(lower)) === undefined ? `: use \`${lower}\`` : host.includes('*') ? ": a wildcard must be the whole first label, as in `*.example.com`" : '';
  context.report({ path, message: `${what} \`${host}\` is not a valid ${host.includes('*') ? 'wildcard ' : ''}DNS name: it ${problem}; the API server rejects it${hint}` });
}

function checkBackend(context: RuleContext, backend: unknown, path: FieldPath): void {
  if (!isRecord(backend)) return;
  const hasService = present(backend.service);
  const hasResource = present(backend.resource);
  if (hasService && hasResource) {
    context.report({ path: [...path, 'resource'], target: 'key', message: 'an Ingress backend may name a service or a resource, not both; the API server rejects it: remove one' });
    return;
  }
  if (!hasService && !hasResource) {
    context.report({ path, target: 'key', message: 'this Ingress backend names neither a service nor a resource; the API server rejects it: add `service: {name: ..., port: {number: ...}}`' });
    return;
  }
  const service = backend.service;
  if (!isRecord(service)) return;
  if (typeof service.name === 'string' && service.name !== '') {
    const problem = dns1035LabelProblem(service.name);
    if (problem !== undefined) {
      const fixed = suggestName(service.name, 'dns1035-label');
      context.report({ path: [...path, 'service', 'name'], message: `backend service name \`${service.name}\` is not a valid Service name (a DNS-1035 label): it ${problem}; the API server rejects it${fixed === undefined ? '' : `: the Service is probably called \`${fixed}\``}` });
    }
  }
  const port = service.port;
  if (!isRecord(port)) {
    if (port === undefined || port === null) context.report({ path: [...path, 'service'], target: 'key', message: 'the backend service has no port; the API server rejects it: add `port: {number: 80}` or `port: {name: http}`' });
    return;
  }
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = isInteger(port.number) && port.number !== 0;
  if (hasName && hasNumber) {
    context.report({ path: [...path, 'service', 'port'], target: 'key', message: 'the backend service port sets both name and number; the API server rejects it: keep one' });
  } else if (!hasName && !hasNumber && (port.name === undefined || port.name === null || port.name === '') && (port.number === undefined || port.number === null || port.number === 0)) {
    context.report({ path: [...path, 'service', 'port'], target: 'key', message: 'the backend service port has neither name nor number; the API server rejects it: add `number:` or `name:`' });
  } else if (hasName) {
    const problem = portNameProblem(port.name as string);
    if (problem !== undefined) context.report({ path: [...path, 'service', 'port', 'name'], message: `backend port name \`${String(port.name)}\` is not a valid port name (${PORT_NAME_RULE}): it ${problem}; the API server rejects it` });
  } else if (isInteger(port.number) && (port.number < 1 || port.number > 65535)) {
    context.report({ path: [...path, 'service', 'port', 'number'], message: `backend port number ${port.number} is not between 1 and 65535; the API server rejects it` });
  }
}

function checkPath(context: RuleContext, item: Record<string, unknown>, path: FieldPath): void {
  const pathType = item.pathType;
  if (pathType === undefined || pathType === null) {
    context.report({ path: [...path, 'pathType'], target: 'key', message: 'pathType is required in networking.k8s.io/v1; the API server rejects the path without it: add `pathType: Prefix` (or Exact, ImplementationSpecific)' });
  } else if (typeof item.path === 'string' || item.path === undefined) {
    const p = typeof item.path === 'string' ? item.path : '';
    if (pathType === 'Exact' || pathType === 'Prefix') {
      if (!p.startsWith('/')) {
        context.report({ path: [...path, 'path'], message: `path \`${p}\` must start with '/' for pathType ${pathType}; the API server rejects it: use \`/${p}\`` });
      } else {
        const bad = INVALID_PATH_SEQUENCES.find((seq) => p.includes(seq)) ?? INVALID_PATH_SUFFIXES.find((suffix) => p.endsWith(suffix));
        if (bad !== undefined) context.report({ path: [...path, 'path'], message: `path \`${p}\` contains \`${bad}\`, which the API server rejects for pathType ${pathType} (no '//', '/./', '/../', encoded '/', or trailing '/.' or '/..'): normalise the path` });
      }
    } else if (pathType === 'ImplementationSpecific' && p !== '' && !p.startsWith('/')) {
      context.report({ path: [...path, 'path'], message: `path \`${p}\` must start with '/'; the API server rejects it: use \`/${p}\`` });
    }
  }
  checkBackend(context, item.backend, [...path, 'backend']);
}

export default defineObjectRule({
  meta: {
    id: 'schema/ingress-rule',
    category: 'schema',
    severity: 'error',
    description: 'An Ingress has no rules and no default backend, a host that is an IP address or a misplaced wildcard, a path without pathType or `/`, or a backend that does not name exactly one service port.',
    rationale: 'networking.k8s.io/v1 Ingresses are validated in code: hosts must be DNS names (a wildcard only as the whole first label), every path needs a pathType and Exact/Prefix paths must be absolute, and each backend must name either a service with exactly one of port number or name, or a resource. Manifests converted from extensions/v1beta1 often miss pathType or keep `servicePort` habits; the API server rejects them.',
    fix: 'Add `pathType: Prefix` and a leading `/`, give each backend `service: {name, port: {number}}`, use DNS names (or no host) and wildcards like `*.example.com`.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: 10.0.0.1\n      http:\n        paths:\n          - path: api\n            backend:\n              service: {name: web, port: {number: 80}}\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: web.example.com\n      http:\n        paths:\n          - path: /api\n            pathType: Prefix\n            backend:\n              service: {name: web, port: {number: 80}}\n',
    },
  },
  appliesTo: (object) => object.kind === 'Ingress' && object.apiVersion === 'networking.k8s.io/v1',
  check(object, context) {
    const spec = object.raw.spec;
    if (!isRecord(spec)) return;
    const rules = spec.rules;
    const hasRules = Array.isArray(rules) && rules.length > 0;
    if (!hasRules && !present(spec.defaultBackend) && (rules === undefined || rules === null || Array.isArray(rules))) {
      context.report({ path: ['spec'], target: 'key', message: 'this Ingress has neither rules nor a defaultBackend, so it routes nothing; the API server rejects it ("either `defaultBackend` or `rules` must be specified"): add rules or a defaultBackend' });
    }
    checkBackend(context, spec.defaultBackend, ['spec', 'defaultBackend']);
    if (Array.isArray(rules)) {
      rules.forEach((rule, i) => {
        if (!isRecord(rule)) return;
        checkHost(context, rule.host, ['spec', 'rules', i, 'host'], 'host');
        const http = rule.http;
        if (!isRecord(http)) return;
        if (http.paths === undefined || http.paths === null || (Array.isArray(http.paths) && http.paths.length === 0)) {
          context.report({ path: ['spec', 'rules', i, 'http'], target: 'key', message: 'this rule has `http` without paths; the API server rejects it: add at least one path or remove `http`' });
          return;
        }
        if (!Array.isArray(http.paths)) return;
        http.paths.forEach((item, j) => {
          if (isRecord(item)) checkPath(context, item, ['spec', 'rules', i, 'http', 'paths', j]);
        });
      });
    }
    if (Array.isArray(spec.tls)) {
      spec.tls.forEach((tls, i) => {
        if (!isRecord(tls) || !Array.isArray(tls.hosts)) return;
        tls.hosts.forEach((host, j) => checkHost(context, host, ['spec', 'tls', i, 'hosts', j], 'TLS host'));
      });
    }
    const annotation = object.annotations[CLASS_ANNOTATION];
    const className = spec.ingressClassName;
    if (annotation !== undefined && typeof className === 'string' && annotation !== className) {
      context.report({ path: ['metadata', 'annotations', CLASS_ANNOTATION], message: `the ${CLASS_ANNOTATION} annotation (\`${annotation}\`) differs from spec.ingressClassName (\`${className}\`); the API server rejects it: remove the deprecated annotation` });
    }
  },
});
