import type { ErrorObject } from 'ajv';
import { validatorFor } from '../../src/schema';

type Json = Record<string, unknown>;

function deployment(): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              ports: [{ containerPort: 8080, name: 'http' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '256Mi' } },
              securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            },
          ],
        },
      },
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test edits reach deep into plain objects
type Deep = any;

/** Applies `edit` to a fresh Deployment and returns the validation errors (empty when valid). */
function deploymentErrors(edit: (d: Deep) => void, version = '1.36'): ErrorObject[] {
  const object = deployment();
  edit(object);
  const validate = validatorFor(version, 'apps/v1', 'Deployment');
  if (validate === undefined) throw new Error('no validator');
  return validate(object) ? [] : [...(validate.errors ?? [])];
}

function errors(version: string, object: Json): ErrorObject[] {
  const validate = validatorFor(version, String(object.apiVersion), String(object.kind));
  if (validate === undefined) throw new Error(`no validator for ${String(object.apiVersion)} ${String(object.kind)}`);
  return validate(object) ? [] : [...(validate.errors ?? [])];
}

const container = (d: Deep): Deep => d.spec.template.spec.containers[0];

describe('validatorFor', () => {
  test('a realistic Deployment is valid in every release', () => {
    for (const version of ['1.33', '1.34', '1.35', '1.36']) expect(deploymentErrors(() => {}, version)).toEqual([]);
  });

  test('unknown kinds have no validator; validators are cached', () => {
    expect(validatorFor('1.36', 'v1', 'Deployment')).toBeUndefined();
    expect(validatorFor('1.36', 'apps/v1', 'Deployment')).toBe(validatorFor('1.36', 'apps/v1', 'Deployment'));
  });

  test('strict: an unknown field under securityContext is an additionalProperties error naming it', () => {
    const found = deploymentErrors((d) => {
      container(d).securityContext.readyOnlyFilesystem = true;
    });
    expect(found).toEqual([
      expect.objectContaining({
        keyword: 'additionalProperties',
        instancePath: '/spec/template/spec/containers/0/securityContext',
        params: { additionalProperty: 'readyOnlyFilesystem' },
      }),
    ]);
  });

  test('strict at the root, in metadata and in empty structs', () => {
    const found = deploymentErrors((d) => {
      d.metdata = {};
      d.metadata.labelz = {};
    });
    expect(found.map((e) => [e.instancePath, e.params.additionalProperty])).toEqual(
      expect.arrayContaining([['', 'metdata'], ['/metadata', 'labelz']]),
    );
  });

  test('types: replicas must be an integer; a wrong type is reported once at its path', () => {
    const found = deploymentErrors((d) => {
      d.spec.replicas = '3';
    });
    expect(found).toEqual([expect.objectContaining({ keyword: 'type', instancePath: '/spec/replicas' })]);
    expect(found[0].params.type).toEqual(['integer', 'null']);
    expect(deploymentErrors((d) => { container(d).ports[0].containerPort = '8080'; })).toEqual([
      expect.objectContaining({ keyword: 'type', instancePath: '/spec/template/spec/containers/0/ports/0/containerPort' }),
    ]);
  });

  test('int32 fields reject out-of-range numbers; a fraction is one type error', () => {
    expect(deploymentErrors((d) => { d.spec.replicas = 1.5; })).toEqual([expect.objectContaining({ keyword: 'type', instancePath: '/spec/replicas' })]);
    expect(deploymentErrors((d) => { d.spec.replicas = 2 ** 31; })).toEqual([
      expect.objectContaining({ keyword: 'format', instancePath: '/spec/replicas', params: { format: 'int32' } }),
    ]);
  });

  test('required fields: selector, template, container name', () => {
    const found = deploymentErrors((d) => {
      delete d.spec.selector;
      delete container(d).name;
    });
    expect(found.map((e) => [e.keyword, e.instancePath, e.params.missingProperty])).toEqual(
      expect.arrayContaining([['required', '/spec', 'selector'], ['required', '/spec/template/spec/containers/0', 'name']]),
    );
  });

  test('null is accepted for optional fields (as the API server does) but not for required ones', () => {
    expect(deploymentErrors((d) => {
      d.spec.replicas = null;
      d.spec.strategy = null;
      container(d).resources = null;
      container(d).securityContext.runAsNonRoot = null;
      d.metadata.annotations = null;
    })).toEqual([]);
    expect(deploymentErrors((d) => { d.spec.template = null; })).toEqual([
      expect.objectContaining({ keyword: 'type', instancePath: '/spec/template', params: { type: 'object' } }),
    ]);
    expect(deploymentErrors((d) => { d.spec.template.spec.containers = null; })).toEqual([
      expect.objectContaining({ keyword: 'type', instancePath: '/spec/template/spec/containers' }),
    ]);
  });

  test('IntOrString: integers and strings, nothing else', () => {
    expect(deploymentErrors((d) => {
      d.spec.strategy.rollingUpdate = { maxSurge: 1, maxUnavailable: '10%' };
      container(d).readinessProbe.httpGet.port = 8080;
    })).toEqual([]);
    const found = deploymentErrors((d) => {
      d.spec.strategy.rollingUpdate = { maxSurge: 1.5, maxUnavailable: true };
      container(d).readinessProbe.httpGet.port = { name: 'http' };
    });
    expect(found.map((e) => [e.instancePath, e.keyword]).sort()).toEqual([
      ['/spec/strategy/rollingUpdate/maxSurge', 'type'],
      ['/spec/strategy/rollingUpdate/maxUnavailable', 'type'],
      ['/spec/template/spec/containers/0/readinessProbe/httpGet/port', 'type'],
    ]);
    expect(found[0].params.type).toEqual(['integer', 'string', 'null']);
  });

  test.each([
    [{ cpu: '500m', memory: '1Gi' }, []],
    [{ cpu: 0.5, memory: 1073741824 }, []],
    [{ cpu: '+1.5', memory: '1e9', 'nvidia.com/gpu': 1, 'ephemeral-storage': '.5Gi' }, []],
    [{ cpu: null }, []],
    [{ memory: '1 GB' }, ['memory']],
    [{ memory: '1gi', cpu: '1K' }, ['cpu', 'memory']],
    [{ memory: true }, ['memory']],
  ] as [Record<string, unknown>, string[]][])('quantity: limits %j → errors at %j', (limits, bad) => {
    const found = deploymentErrors((d) => {
      container(d).resources = { limits };
    });
    expect(found.map((e) => e.instancePath.split('/').pop()).sort()).toEqual(bad);
    for (const e of found) expect(['format', 'type']).toContain(e.keyword);
    if (bad.includes('memory') && typeof limits.memory === 'string') {
      expect(found.find((e) => e.instancePath.endsWith('memory'))?.params).toEqual({ format: 'quantity' });
    }
  });

  test('byte: Secret data must be base64 (empty allowed); stringData is free text', () => {
    const secret = (data: Json, stringData: Json = {}): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data, stringData });
    expect(errors('1.36', secret({ a: 'aGVsbG8=', b: '', c: 'aGVs\nbG8=' }, { d: 'not base64 !' }))).toEqual([]);
    expect(errors('1.36', secret({ a: 'hello world', b: 'aGVsbG8' }))).toEqual([
      expect.objectContaining({ keyword: 'format', instancePath: '/data/a', params: { format: 'byte' } }),
      expect.objectContaining({ keyword: 'format', instancePath: '/data/b', params: { format: 'byte' } }),
    ]);
    expect(errors('1.36', secret({ a: 42 }))).toEqual([expect.objectContaining({ keyword: 'type', instancePath: '/data/a' })]);
  });

  test('Time (date-time) and MicroTime (micro-time) fields accept RFC 3339 and null', () => {
    const event = (lastTimestamp: unknown, eventTime: unknown): Json => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', creationTimestamp: null }, involvedObject: {}, lastTimestamp, eventTime,
    });
    expect(errors('1.36', event('2025-01-01T00:00:00Z', '2025-01-01T00:00:00.123456Z'))).toEqual([]);
    expect(errors('1.36', event(null, null))).toEqual([]);
    expect(errors('1.36', event('yesterday', '2025-01-01T00:00:00Z'))).toEqual([
      expect.objectContaining({ keyword: 'format', instancePath: '/eventTime', params: { format: 'micro-time' } }),
      expect.objectContaining({ keyword: 'format', instancePath: '/lastTimestamp', params: { format: 'date-time' } }),
    ]);
  });

  test('free-form types stay open: RawExtension, FieldsV1, JSON', () => {
    expect(errors('1.36', {
      apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r', managedFields: [{ fieldsV1: { 'f:spec': { 'f:x': {} } } }] },
      revision: 1, data: { spec: { anything: [1, 'two', { three: 3 }] } },
    })).toEqual([]);
  });

  test('CustomResourceDefinition: the schema tree is checked strictly, with its unions and free-form defaults', () => {
    const crd = (schema: Json): Json => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, subresources: { status: {} } }],
      },
    });
    const good = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          additionalProperties: false,
          properties: {
            size: { 'x-kubernetes-int-or-string': true, default: { any: ['thing'] } },
            tags: { type: 'array', items: { type: 'string' } },
            tuple: { type: 'array', items: [{ type: 'string' }] },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
            deps: { type: 'object', dependencies: { a: ['b'], c: { required: ['d'] } } },
          },
        },
      },
    };
    expect(errors('1.36', crd(good))).toEqual([]);
    const found = errors('1.36', crd({ type: 'object', properties: { spec: { tpye: 'object', items: { typo: 1 }, additionalProperties: 'no' } } }));
    const base = '/spec/versions/0/schema/openAPIV3Schema/properties/spec';
    expect(found.map((e) => [e.instancePath, e.keyword, e.params.additionalProperty ?? e.params.type])).toEqual(
      expect.arrayContaining([[base, 'additionalProperties', 'tpye'], [`${base}/items`, 'additionalProperties', 'typo'], [`${base}/additionalProperties`, 'type', ['object', 'boolean', 'null']]]),
    );
    const emptyStatus = crd(good) as Deep;
    emptyStatus.spec.versions[0].subresources.status = { foo: 1 };
    expect(errors('1.36', emptyStatus)).toEqual([expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'foo' } })]);
  });

  test('releases differ where the API differs', () => {
    // Pod.spec.hostnameOverride appeared in 1.34; resize policies etc. exist in every bundled release.
    const pod = (spec: Json): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }], ...spec } });
    expect(errors('1.33', pod({ hostnameOverride: 'x' }))).toEqual([expect.objectContaining({ params: { additionalProperty: 'hostnameOverride' } })]);
    expect(errors('1.36', pod({ hostnameOverride: 'x' }))).toEqual([]);
  });
});
