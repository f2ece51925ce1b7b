import fc from 'fast-check';
import {
  containerResourceNameProblem,
  dns1035LabelProblem,
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  envVarNameProblem,
  isExtendedResource,
  isIpAddress,
  isOvercommitAllowed,
  labelRequirementProblem,
  labelValueProblem,
  localDescendingPathProblem,
  maskTrailingDash,
  nameFormatProblem,
  nameRuleFor,
  pathSegmentProblem,
  portNameProblem,
  qualifiedNameProblem,
  suggestLabelPart,
  suggestName,
  valuesAt,
  wildcardSubdomainProblem,
} from '../../src/data/k8s-validation';

/** The regular expressions of k8s.io/apimachinery/pkg/util/validation, used as the oracle. */
const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const dnsChars = fc.string({ unit: fc.constantFrom(...'abz09-.A_'.split('')), maxLength: 70 });

describe('DNS names agree with the apimachinery regular expressions and limits', () => {
  test('DNS-1123 label', () => {
    fc.assert(fc.property(dnsChars, (s) => {
      expect(dns1123LabelProblem(s) === undefined).toBe(LABEL_RE.test(s) && s.length <= 63);
    }));
  });
  test('DNS-1123 subdomain', () => {
    fc.assert(fc.property(dnsChars, (s) => {
      expect(dns1123SubdomainProblem(s) === undefined).toBe(SUBDOMAIN_RE.test(s) && s.length <= 253);
    }));
  });
  test('DNS-1035 label', () => {
    fc.assert(fc.property(dnsChars, (s) => {
      expect(dns1035LabelProblem(s) === undefined).toBe(DNS1035_RE.test(s) && s.length <= 63);
    }));
  });
  test('suggested names are valid', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('dns1123-label', 'dns1123-subdomain', 'dns1035-label', 'path-segment' as const), (s, format) => {
      const fixed = suggestName(s, format);
      if (fixed !== undefined) expect(nameFormatProblem(format, fixed)).toBeUndefined();
    }));
  });
  test('reasons are precise', () => {
    expect(dns1123LabelProblem('Web_API')).toBe('contains uppercase letters');
    expect(dns1123LabelProblem('db_primary')).toBe('contains `_`');
    expect(dns1123LabelProblem('web.api')).toBe("contains '.'");
    expect(dns1123LabelProblem('-web')).toBe('starts with `-`');
    expect(dns1123LabelProblem('web-')).toBe('ends with `-`');
    expect(dns1123LabelProblem('')).toBe('is empty');
    expect(dns1123SubdomainProblem('a..b')).toBe('has an empty part between dots');
    expect(dns1123SubdomainProblem('a.-b')).toBe('has a part starting with `-`');
    expect(dns1035LabelProblem('1web')).toBe('does not start with a letter');
    expect(dns1123LabelProblem('a'.repeat(64))).toBe('is 64 characters long (at most 63)');
  });
  test('suggestions for the issue examples', () => {
    expect(suggestName('db_primary', 'dns1123-subdomain')).toBe('db-primary');
    expect(suggestName('Web-API', 'dns1035-label')).toBe('web-api');
    expect(suggestName('Web_API', 'dns1123-label')).toBe('web-api');
    expect(suggestName('My.App_v1', 'dns1123-subdomain')).toBe('my.app-v1');
    expect(suggestName('___', 'dns1123-label')).toBeUndefined();
  });
  test('wildcards only as the whole first label', () => {
    expect(wildcardSubdomainProblem('*.example.com')).toBeUndefined();
    expect(wildcardSubdomainProblem('*.*.example.com')).toBeDefined();
    expect(wildcardSubdomainProblem('foo.*.com')).toBeDefined();
    expect(wildcardSubdomainProblem('*example.com')).toBeDefined();
    expect(wildcardSubdomainProblem('*')).toBeDefined();
  });
});

describe('object name rules per kind', () => {
  test.each([
    ['', 'Service', 'dns1035-label'], ['', 'Namespace', 'dns1123-label'], ['apps', 'StatefulSet', 'dns1123-label'],
    ['apps', 'Deployment', 'dns1123-subdomain'], ['rbac.authorization.k8s.io', 'ClusterRole', 'path-segment'],
    ['example.com', 'Widget', 'dns1123-subdomain'], ['gateway.networking.k8s.io', 'Gateway', 'dns1123-subdomain'],
  ])('%s/%s', (group, kind, format) => {
    expect(nameRuleFor(group, kind)?.format).toBe(format);
  });
  test('unknown built-in kinds and aggregated APIs are not guessed', () => {
    expect(nameRuleFor('storage.k8s.io', 'CSIDriver')).toBeUndefined();
    expect(nameRuleFor('user.openshift.io', 'User')).toBeUndefined();
    expect(nameRuleFor('metrics.k8s.io', 'PodMetrics')).toBeUndefined();
  });
  test('length limits of CronJob and Job', () => {
    expect(nameRuleFor('batch', 'CronJob')?.maxLength).toBe(52);
    expect(nameRuleFor('batch', 'Job')?.maxLength).toBe(63);
  });
  test('generateName prefixes mask a trailing dash like apimachinery', () => {
    expect(maskTrailingDash('web-')).toBe('wea');
    expect(maskTrailingDash('a-')).toBe('a');
    expect(nameFormatProblem('dns1123-label', 'web-', true)).toBeUndefined();
    expect(nameFormatProblem('dns1123-label', 'web-', false)).toBeDefined();
  });
  test('path segments', () => {
    expect(pathSegmentProblem('system:controller:x')).toBeUndefined();
    expect(pathSegmentProblem('..')).toBe("may not be '..'");
    expect(pathSegmentProblem('..', true)).toBeUndefined();
    expect(pathSegmentProblem('a%2f')).toBe("may not contain '%'");
  });
});

describe('labels and qualified names', () => {
  test.each(['app', 'app.kubernetes.io/name', 'Example_1.x', 'a', 'example.com/A-b_c.d'])('%s is a qualified name', (key) => {
    expect(qualifiedNameProblem(key)).toBeUndefined();
  });
  test.each(['', '/a', 'a/', 'a/b/c', 'Example.com/a', '-a', 'a b', 'a'.repeat(64), `${'a'.repeat(254)}/a`])('%j is not', (key) => {
    expect(qualifiedNameProblem(key)).toBeDefined();
  });
  test('label values agree with the regular expression', () => {
    const re = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'aZ9-_. /'.split('')), maxLength: 70 }), (v) => {
      expect(labelValueProblem(v) === undefined).toBe(re.test(v) && v.length <= 63);
    }));
  });
  test('label suggestions are valid label values', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (v) => {
      const fixed = suggestLabelPart(v);
      if (fixed !== undefined) expect(labelValueProblem(fixed)).toBeUndefined();
    }));
  });
});

describe('ports, env vars, paths, IPs', () => {
  test.each([['http', undefined], ['h2c', undefined], ['a-b-c', undefined], ['HTTP', 'lowercase'], ['8080', 'at least one letter'], ['a--b', "'--'"], ['-a', 'start or end'], ['abcdefghijklmnop', '16 characters']])('port name %s', (name, reason) => {
    const problem = portNameProblem(name);
    if (reason === undefined) expect(problem).toBeUndefined();
    else expect(problem).toContain(reason);
  });
  test('env names: relaxed (printable ASCII but =) from 1.32 on, C-like before', () => {
    expect(envVarNameProblem('1st var', '1.33')).toBeUndefined();
    expect(envVarNameProblem('A=B', '1.36')).toBeDefined();
    expect(envVarNameProblem('caf\u00e9', '1.36')).toBeDefined();
    expect(envVarNameProblem('1st', '1.31')).toBeDefined();
    expect(envVarNameProblem('my.env-name', '1.31')).toBeUndefined();
    expect(envVarNameProblem('..x', '1.31')).toBeDefined();
  });
  test('relaxed env names: valid exactly when printable ASCII without =', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20 }), (name) => {
      const ok = [...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e && c !== '=');
      expect(envVarNameProblem(name, '1.36') === undefined).toBe(ok);
    }));
  });
  test('local descending paths', () => {
    expect(localDescendingPathProblem('a/b')).toBeUndefined();
    expect(localDescendingPathProblem('a/..b')).toBeUndefined();
    expect(localDescendingPathProblem('/a')).toBe('must be a relative path');
    expect(localDescendingPathProblem('a/../b')).toBe("must not contain '..'");
  });
  test.each([['10.0.0.1', true], ['010.0.0.1', true], ['256.0.0.1', false], ['::1', true], ['fe80::1', true], ['::ffff:1.2.3.4', true], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7:8:9', false], ['example.com', false], ['1.2.3', false], [':::', false]])('IP %s', (text, ip) => {
    expect(isIpAddress(text)).toBe(ip);
  });
});

describe('resource names', () => {
  test('overcommit and extended resources', () => {
    expect(isOvercommitAllowed('cpu')).toBe(true);
    expect(isOvercommitAllowed('example.kubernetes.io/foo')).toBe(true);
    expect(isOvercommitAllowed('hugepages-2Mi')).toBe(false);
    expect(isOvercommitAllowed('nvidia.com/gpu')).toBe(false);
    expect(isExtendedResource('nvidia.com/gpu')).toBe(true);
    expect(isExtendedResource('cpu')).toBe(false);
  });
  test.each([['cpu', false], ['hugepages-1Gi', false], ['nvidia.com/gpu', false], ['gpu', true], ['storage', true], ['bad name', true]])('%s invalid: %s', (name, invalid) => {
    expect(containerResourceNameProblem(name) !== undefined).toBe(invalid);
  });
});

describe('selector requirements', () => {
  test.each([
    [{ key: 'a', operator: 'In', values: ['x'] }, undefined],
    [{ key: 'a', operator: 'In' }, 'values'],
    [{ key: 'a', operator: 'Exists', values: ['x'] }, 'values'],
    [{ key: 'a', operator: 'Gt', values: ['1'] }, 'operator'],
    [{ key: 'a', operator: 'in', values: ['x'] }, 'operator'],
  ])('%j', (requirement, field) => {
    expect(labelRequirementProblem(requirement)?.field).toBe(field);
  });
  test('node selector operators allow Gt and Lt with exactly one value', () => {
    const ops = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
    expect(labelRequirementProblem({ key: 'a', operator: 'Lt', values: ['1'] }, ops)).toBeUndefined();
    expect(labelRequirementProblem({ key: 'a', operator: 'Lt', values: [] }, ops)?.field).toBe('values');
  });
});

test('valuesAt walks patterns with list wildcards', () => {
  const root = { spec: { rules: [{ http: { paths: [{ pathType: 'a' }, { pathType: 'b' }] } }, { host: 'x' }, 'junk'] } };
  expect([...valuesAt(root, [], 'spec.rules[*].http.paths[*].pathType')]).toEqual([
    { path: ['spec', 'rules', 0, 'http', 'paths', 0, 'pathType'], value: 'a' },
    { path: ['spec', 'rules', 0, 'http', 'paths', 1, 'pathType'], value: 'b' },
  ]);
  expect([...valuesAt({ a: [['x']] }, ['base'], 'a[*][*]')]).toEqual([{ path: ['base', 'a', 0, 0], value: 'x' }]);
  expect([...valuesAt({ a: 'not a list' }, [], 'a[*].b')]).toEqual([]);
});
