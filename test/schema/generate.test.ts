import Ajv from 'ajv';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  buildKinds,
  buildOutput,
  generateSchemas,
  linedJson,
  parseRestPath,
  stableStringify,
  transformDefinition,
  transformNode,
  type Swagger,
} from '../../scripts/generate-schemas';
import { addKubernetesFormats } from '../../src/schema/formats';
import type { SchemaNode } from '../../src/schema/types';
import { describeShared, sharedPath } from '../helpers/shared';

const SCHEMAS_DIR = resolve(__dirname, '..', '..', 'schemas', 'kubernetes');
const ctx = (definitions: Swagger['definitions'] = {}) => ({ definitions, where: 'test' });

function compile(definitions: Record<string, SchemaNode>, root: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addKubernetesFormats(ajv);
  ajv.addSchema({ $id: 'k8s', definitions });
  return ajv.compile({ $ref: `k8s#/definitions/${root}`, type: 'object' });
}

describe('transformation', () => {
  test('objects with properties are closed; optional properties become nullable; descriptions dropped', () => {
    const out = transformNode(
      { type: 'object', description: 'x', required: ['b'], properties: { b: { type: 'string', description: 'y' }, a: { type: 'integer', format: 'int32' } } },
      false,
      ctx(),
    );
    expect(out).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['b'],
      properties: { a: { type: ['integer', 'null'], format: 'int32' }, b: { type: 'string' } },
    });
  });

  test('x-kubernetes-preserve-unknown-fields keeps an object open, and the validator honours it', () => {
    const definitions = {
      Outer: { type: 'object', properties: { open: { $ref: '#/definitions/Open' }, closed: { type: 'object', properties: { x: { type: 'string' } } } } },
      Open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
    };
    const open = transformDefinition('Open', definitions);
    expect(open).toEqual({ 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: ['string', 'null'] } } });
    const validate = compile({ Outer: transformDefinition('Outer', definitions), Open: open }, 'Outer');
    expect(validate({ open: { known: 'k', extra: { deep: 1 } } })).toBe(true);
    expect(validate({ open: { known: 1 } })).toBe(false);
    expect(validate({ closed: { x: 'a', y: 'b' } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'y' } });
  });

  test('references carry the target type at the site, nullable when optional; bodies carry none', () => {
    const definitions = {
      A: { type: 'object', required: ['req'], properties: { req: { $ref: '#/definitions/B' }, opt: { $ref: '#/definitions/B', description: 'd' }, list: { type: 'array', items: { $ref: '#/definitions/B' } } } },
      B: { type: 'object', properties: { v: { type: 'boolean' } } },
    };
    expect(transformDefinition('A', definitions).properties).toEqual({
      req: { $ref: '#/definitions/B', type: 'object' },
      opt: { $ref: '#/definitions/B', type: ['object', 'null'] },
      list: { type: ['array', 'null'], items: { $ref: '#/definitions/B', type: 'object' } },
    });
    expect(transformDefinition('B', definitions).type).toBeUndefined();
  });

  test('IntOrString and Quantity are inlined; format int-or-string is mapped', () => {
    const definitions = {
      'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
      'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
      A: {
        type: 'object',
        required: ['q'],
        properties: {
          port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
          q: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' },
          raw: { type: 'string', format: 'int-or-string' },
        },
      },
    };
    expect(transformDefinition('A', definitions).properties).toEqual({
      port: { type: ['integer', 'string', 'null'], format: 'int32' },
      q: { type: ['string', 'number', 'null'], format: 'quantity' },
      raw: { type: ['integer', 'string', 'null'], format: 'int32' },
    });
  });

  test('empty structs are closed, free-form objects are not', () => {
    const definitions = {
      Empty: { type: 'object' },
      'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object' },
      Map: { type: 'object', additionalProperties: { type: 'string' } },
    };
    expect(transformDefinition('Empty', definitions)).toEqual({ additionalProperties: false });
    expect(transformDefinition('io.k8s.apimachinery.pkg.runtime.RawExtension', definitions)).toEqual({});
    expect(transformDefinition('Map', definitions)).toEqual({ additionalProperties: { type: 'string' } });
  });

  test('upstream surprises stop the generator', () => {
    expect(() => transformNode({ type: 'string', format: 'uuid' }, false, ctx())).toThrow(/unknown format uuid/);
    expect(() => transformNode({ type: 'object', allOf: [] }, false, ctx())).toThrow(/unexpected keyword allOf/);
    expect(() => transformNode({ $ref: '#/definitions/Missing' }, false, ctx())).toThrow(/unresolved/);
    expect(() => transformDefinition('io.k8s.apimachinery.pkg.api.resource.Quantity', { 'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'object' } })).toThrow(/changed upstream/);
  });
});

describe('kinds index', () => {
  test.each([
    ['/api/v1/namespaces/{namespace}/pods', { group: '', version: 'v1', namespaced: true, plural: 'pods', named: false }],
    ['/api/v1/namespaces/{name}', { group: '', version: 'v1', namespaced: false, plural: 'namespaces', named: true }],
    ['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', { group: 'apps', version: 'v1', namespaced: true, plural: 'deployments', named: true, subresource: 'scale' }],
    ['/api/v1/nodes/{name}/proxy/{path}', { group: '', version: 'v1', namespaced: false, plural: 'nodes', named: true, subresource: 'proxy' }],
    ['/api/v1/watch/namespaces/{namespace}/pods', undefined],
    ['/apis/apps/v1/', undefined],
    ['/version/', undefined],
  ])('parseRestPath(%j)', (path, expected) => {
    expect(parseRestPath(path)).toEqual(expected);
  });

  test('namespaced, creatable, list and served versions come from the paths', () => {
    const gvk = (group: string, version: string, kind: string) => ({ 'x-kubernetes-group-version-kind': [{ group, version, kind }] });
    const op = (group: string, version: string, kind: string, action: string) => ({ 'x-kubernetes-action': action, 'x-kubernetes-group-version-kind': { group, version, kind } });
    const swagger: Swagger = {
      definitions: {
        W1: { type: 'object', ...gvk('ex.io', 'v1', 'Widget') },
        W2: { type: 'object', ...gvk('ex.io', 'v2beta1', 'Widget') },
        WL: { type: 'object', properties: { items: { type: 'array' } }, ...gvk('ex.io', 'v1', 'WidgetList') },
        G: { type: 'object', ...gvk('ex.io', 'v1', 'Gadget') },
        S: { type: 'object', ...gvk('ex.io', 'v1', 'Scale') },
      },
      paths: {
        '/apis/ex.io/v1/namespaces/{namespace}/widgets': { post: op('ex.io', 'v1', 'Widget', 'post'), get: op('ex.io', 'v1', 'Widget', 'list') },
        '/apis/ex.io/v1/namespaces/{namespace}/widgets/{name}/scale': { get: op('ex.io', 'v1', 'Scale', 'get') },
        '/apis/ex.io/v2beta1/widgets': { post: op('ex.io', 'v2beta1', 'Widget', 'post') },
        '/apis/ex.io/v1/gadgets/{name}': { get: op('ex.io', 'v1', 'Gadget', 'get') },
      },
    };
    const kinds = buildKinds(swagger);
    const byKey = new Map(kinds.map((k) => [`${k.version}/${k.kind}`, k]));
    expect(byKey.get('v1/Widget')).toEqual({
      group: 'ex.io', version: 'v1', kind: 'Widget', definition: 'W1', namespaced: true, plural: 'widgets', subresources: ['scale'], creatable: true, list: false, servedVersions: ['v1', 'v2beta1'],
    });
    expect(byKey.get('v2beta1/Widget')).toMatchObject({ namespaced: false, creatable: true });
    expect(byKey.get('v1/WidgetList')).toMatchObject({ list: true, creatable: false, servedVersions: ['v1', 'v2beta1'] });
    expect(byKey.get('v1/Gadget')).toMatchObject({ creatable: false, namespaced: false, plural: 'gadgets' });
    expect(byKey.get('v1/Scale')).toMatchObject({ creatable: false, namespaced: true, servedVersions: [] });
    expect(byKey.get('v1/Scale')?.plural).toBeUndefined();
  });
});

describe('output', () => {
  test('serialization is canonical', () => {
    expect(stableStringify({ b: 1, a: [{ d: 1, c: 2 }], u: undefined })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(linedJson({ b: { y: 1, x: 2 }, a: [1, 2] }, 1)).toBe('{\n"a":[1,2],\n"b":{"x":2,"y":1}\n}');
  });

  test('identical definitions of different releases are stored once; output is deterministic', () => {
    const swagger: Swagger = { definitions: { A: { type: 'object', properties: { x: { type: 'string' } } }, B: { type: 'object', properties: { x: { type: 'string' } } } }, paths: {} };
    const changed: Swagger = { definitions: { ...swagger.definitions, B: { type: 'object', properties: { y: { type: 'string' } } } }, paths: {} };
    const inputs = [{ release: '1.1', swagger, sha256: 'a' }, { release: '1.2', swagger: changed, sha256: 'b' }];
    const files = buildOutput(inputs);
    expect(buildOutput(inputs)).toEqual(files);
    const pool = JSON.parse(files.get('definitions.json') ?? '') as Record<string, unknown>;
    expect(Object.keys(pool)).toHaveLength(2);
    const r1 = JSON.parse(files.get('kubernetes-1.1.json') ?? '') as { definitions: Record<string, string> };
    const r2 = JSON.parse(files.get('kubernetes-1.2.json') ?? '') as { definitions: Record<string, string> };
    expect(r1.definitions.A).toBe(r1.definitions.B);
    expect(r2.definitions.A).toBe(r1.definitions.A);
    expect(r2.definitions.B).not.toBe(r1.definitions.B);
  });
});

describeShared('generated schemas', () => {
  test('schemas/kubernetes/ is up to date with ../shared (run npm run generate:schemas)', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'kubevet-schemas-'));
    try {
      const result = generateSchemas({ openapiDir: sharedPath('k8s-openapi'), outDir });
      expect(readdirSync(SCHEMAS_DIR).sort()).toEqual([...result.files.keys()].sort());
      for (const name of result.files.keys()) {
        const committed = readFileSync(join(SCHEMAS_DIR, name), 'utf8');
        const fresh = readFileSync(join(outDir, name), 'utf8');
        if (committed !== fresh) throw new Error(`schemas/kubernetes/${name} is stale: run npm run generate:schemas`);
      }
      expect(result.rawBytes).toBeLessThan(3 * 1024 * 1024);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
