import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { compileCrdSchema, SharedCompiler, translatePattern } from '../../src/analysis/crd';
import { loadText, SourceText } from '../../src/load';
import { buildObjects } from '../../src/model/build';
import { findingsOf } from '../helpers/rule-tester';
import { describeShared, sharedPath } from '../helpers/shared';
import { runCli } from '../cli/run-cli';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                port: {x-kubernetes-int-or-string: true}
                note: {type: string, nullable: true}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                mode: {type: string, pattern: "^(?i)(fast|slow)$"}
    - name: v0
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object}
`;

const widget = (spec: string, apiVersion = 'example.com/v1'): string => `${CRD}---\napiVersion: ${apiVersion}\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;

describe('custom resources are validated by the CRD in the run', () => {
  test('a valid resource passes, with int-or-string, nullable, preserved fields and a (?i) pattern', () => {
    const code = widget('  size: 3\n  port: http\n  note: null\n  extra: {anything: [1, 2]}\n  mode: FAST\n');
    for (const id of ['schema/unknown-field', 'schema/invalid-type', 'schema/required-field', 'schema/invalid-value', 'schema/unknown-kind', 'schema/missing-crd']) {
      expect(findingsOf(id, code)).toEqual([]);
    }
  });

  test('unknown fields, types, required fields and patterns are reported at the field', () => {
    const code = widget('  sise: 3\n  port: 1.5\n  mode: medium\n');
    expect(findingsOf('schema/unknown-field', code).map((f) => [f.line, f.path, f.message.slice(0, 62)])).toEqual([[37, 'spec.sise', 'unknown field `sise` in `spec`; did you mean `size`? (the API ']]);
    expect(findingsOf('schema/required-field', code).map((f) => f.path)).toEqual(['spec.size']);
    expect(findingsOf('schema/invalid-type', code).map((f) => f.path)).toEqual(['spec.port']);
    expect(findingsOf('schema/invalid-value', code).map((f) => f.path)).toEqual(['spec.mode']);
  });

  test('a version the CRD does not serve is an unknown-kind error naming the served ones', () => {
    const [finding] = findingsOf('schema/unknown-kind', widget('  size: 1\n', 'example.com/v0'));
    expect(finding.message).toBe('the CustomResourceDefinition for Widget (widgets.example.com) does not serve `example.com/v0`; it serves `example.com/v1`');
  });

  test('without the CRD: one info per kind, with a hint when the kind is misspelt', () => {
    const code = 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: a}\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: b}\n';
    const findings = findingsOf('schema/missing-crd', code);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('(2 objects in this run)');
    expect(findingsOf('schema/missing-crd', `${CRD}---\napiVersion: example.com/v1\nkind: Widgit\nmetadata: {name: a}\n`)[0].message).toContain('A CRD in the run defines `Widget` in this group');
  });
});

describe('Go patterns', () => {
  test.each([
    ['^(?i)(fast|slow)$', 'FaSt', true],
    ['(?i)abc', 'ABC', true],
    ['^[a-z]+$', 'abc', true],
  ])('%s matches %s', (pattern, text, expected) => {
    const translated = translatePattern(pattern);
    expect(translated).toBeDefined();
    expect(new RegExp(translated as string, 'u').test(text)).toBe(expected);
  });

  test('untranslatable patterns are dropped with a note, never a crash', () => {
    expect(translatePattern('^(?P<name>x)$')).toBeUndefined();
    const compiled = compileCrdSchema({ type: 'object', properties: { a: { type: 'string', pattern: '^((?i)x)$' } } });
    expect(compiled.validate).toBeDefined();
    expect(compiled.notes[0]).toMatch(/Go regular-expression syntax/);
  });
});

/** An instance that breaks as much of a schema as it can: wrong types, unknown fields, nesting. */
function breakingSample(schema: unknown, depth = 0): unknown {
  if (schema === null || typeof schema !== 'object' || depth > 8) return 'x';
  const s = schema as Record<string, unknown>;
  const props = s.properties as Record<string, unknown> | undefined;
  if (props !== undefined || s.type === 'object') {
    const out: Record<string, unknown> = { bogusField: 1 };
    Object.entries(props ?? {}).forEach(([name, child], i) => {
      out[name] = i % 3 === 0 ? 42 : breakingSample(child, depth + 1);
    });
    return out;
  }
  if (s.type === 'array') return [breakingSample(s.items, depth + 1), 'x'];
  if (s.type === 'integer' || s.type === 'number') return 'not a number';
  if (s.type === 'boolean') return 'yes';
  return depth % 2 === 0 ? 'x' : { nested: true };
}

/**
 * What kubevet reads from a validation error. schemaPath differs where parts are shared, and
 * params may hold another CRD's (equal) enum array, whose source positions differ: compare as JSON.
 */
function errorsOf(validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null }, data: unknown): unknown[] {
  validate(data);
  return (validate.errors ?? []).map((e) => JSON.stringify({ keyword: e.keyword, instancePath: e.instancePath, params: e.params, message: e.message }));
}

describe('compiling CRD schemas with shared parts', () => {
  const container = { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-z]+$' }, image: { type: 'string' }, ports: { type: 'array', items: { type: 'object', properties: { port: { type: 'integer', minimum: 1 }, protocol: { type: 'string', enum: ['TCP', 'UDP'] } } } } } };
  const schema = {
    type: 'object',
    properties: {
      spec: { type: 'object', properties: { init: { type: 'array', items: container }, main: { type: 'array', items: container }, sidecar: container, size: { type: 'integer', 'x-kubernetes-int-or-string': true } } },
    },
  };
  const other = { type: 'object', properties: { spec: { type: 'object', properties: { runner: container, count: { type: 'integer', nullable: true } } } } };
  const samples = [
    {},
    { spec: { init: [{ name: 'a' }], main: [{ name: 'B', ports: [{ port: 0, protocol: 'tcp' }, { port: 'http' }] }], sidecar: { image: 3 }, size: '50%', extra: true } },
    breakingSample(schema),
    { spec: { runner: { name: 'ok', ports: [{ port: 80 }] }, count: null } },
  ];

  test('the same errors, in the same order, as compiling each schema alone; parts shared across schemas', () => {
    const shared = new SharedCompiler();
    const alone = compileCrdSchema(schema).validate;
    const together = compileCrdSchema(schema, shared).validate;
    const otherAlone = compileCrdSchema(other).validate;
    const otherTogether = compileCrdSchema(other, shared).validate;
    for (const v of [alone, together, otherAlone, otherTogether]) expect(v).toBeDefined();
    for (const data of samples) {
      expect(errorsOf(together!, data)).toEqual(errorsOf(alone!, data));
      expect(errorsOf(otherTogether!, data)).toEqual(errorsOf(otherAlone!, data));
    }
    expect(errorsOf(together!, samples[1]).length).toBeGreaterThan(5);
  });

  test('schemas with their own references are compiled alone', () => {
    const shared = new SharedCompiler();
    expect(shared.compile({ type: 'object', properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: { type: 'string' } } } as Record<string, unknown>, new Set())).toBeUndefined();
    expect(compileCrdSchema({ type: 'object', properties: { a: { type: 'string' } } }, shared).validate).toBeDefined();
  });
});

describeShared('the real CRDs in ../shared/crds', () => {
  const dirs = readdirSync(sharedPath('crds'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const shared = new SharedCompiler();
  test.each(dirs)('%s: every served version compiles, alone and sharing parts with the others (same errors)', (dir) => {
    const files = readdirSync(sharedPath('crds', dir)).filter((f) => f.endsWith('.yaml'));
    for (const file of files) {
      const text = readFileSync(join(sharedPath('crds', dir), file), 'utf8');
      const objects = buildObjects(loadText(new SourceText(file, text)).documents, { defaultNamespace: 'default' }).objects;
      for (const crd of objects.filter((o) => o.kind === 'CustomResourceDefinition')) {
        const versions = (crd.raw.spec as { versions: { schema?: { openAPIV3Schema?: Record<string, unknown> } }[] }).versions;
        for (const version of versions) {
          const schema = version.schema?.openAPIV3Schema;
          if (schema === undefined) continue;
          const alone = compileCrdSchema(schema);
          const together = compileCrdSchema(schema, shared);
          expect(alone.validate).toBeDefined();
          expect(together.validate).toBeDefined();
          for (const data of [{}, breakingSample(alone.schema)]) expect(errorsOf(together.validate!, data)).toEqual(errorsOf(alone.validate!, data));
        }
      }
    }
  });

  test('--crd validates custom resources against them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubevet-crd-'));
    writeFileSync(join(dir, 'cert.yaml'), 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n  renewBefor: 360h\n  dnsNames: [web.example.com]\n  issuerRef: {name: letsencrypt, kind: ClusterIssuer}\n');
    const withCrds = JSON.parse(runCli(['-f', 'json', '--crd', sharedPath('crds', 'cert-manager'), 'cert.yaml'], dir).stdout);
    expect(withCrds.findings.map((f: { ruleId: string; line: number; message: string }) => [f.ruleId, f.line])).toEqual([['schema/unknown-field', 7]]);
    expect(withCrds.findings[0].message).toContain('did you mean `renewBefore`?');
    const without = JSON.parse(runCli(['-f', 'json', 'cert.yaml'], dir).stdout);
    expect(without.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['schema/missing-crd']);
    expect(runCli(['--crd', 'missing/', 'cert.yaml'], dir).code).toBe(2);
  });
});
