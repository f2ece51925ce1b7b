import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { OPERATORS } from '../../src/custom/operators';
import { loadText } from '../../src/load';
import { SourceText } from '../../src/load/source';
import { check, loadError, POD, rule } from './helpers';

const ROOT = join(__dirname, '..', '..');
const RULE_SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas', 'rule.schema.json'), 'utf8')) as object;

function ruleFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.yaml')).map((n) => join(dir, n));
}

describe('the rule file schema', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(RULE_SCHEMA);
  const shipped = [...ruleFiles(join(ROOT, 'examples', 'custom-rules', 'rules')), ...ruleFiles(join(ROOT, 'test', 'fixtures', 'custom-rules', 'polaris'))];

  test.each(shipped.map((f) => [f.slice(ROOT.length + 1), f]))('%s is valid', (_name, file) => {
    for (const document of loadText(new SourceText(file, readFileSync(file, 'utf8'))).documents) {
      expect(validate(JSON.parse(JSON.stringify(document.value)))).toBe(true);
    }
  });

  test('it refuses what the loader refuses, so editors flag it too', () => {
    expect(validate({ id: 'acme/x', category: 'metadata', description: 'x', target: {} })).toBe(false);
    expect(validate({ id: 'x', category: 'metadata', description: 'x', target: {}, assert: [{ exists: true }] })).toBe(false);
    expect(validate({ id: 'acme/x', category: 'custom', description: 'x', target: {}, assert: [{ exists: true }] })).toBe(false);
    expect(validate({ id: 'acme/x', category: 'metadata', description: 'x', target: { each: 'pod' }, assert: [{ exists: true }] })).toBe(false);
    expect(validate({ id: 'acme/x', category: 'metadata', description: 'x', target: {}, assert: [{ equal: 1 }] })).toBe(false);
    expect(validate({ id: 'acme/x', category: 'metadata', description: 'x', target: { kinds: 'Pod' }, assert: [{ field: 'a', exists: true }] })).toBe(true);
  });

  test('it documents every operator the loader knows', () => {
    const properties = Object.keys((RULE_SCHEMA as { definitions: { assertion: { properties: object } } }).definitions.assertion.properties);
    expect(properties.sort()).toEqual([...OPERATORS, 'field', 'message'].sort());
  });
});

describe('broken rule files: file:line:column and what is wrong', () => {
  const base = 'id: acme/x\ncategory: metadata\ndescription: Test.\n';

  test.each([
    ['YAML syntax', `${base}target: {kinds: [Pod}\n`, /^rule\.yaml:4:\d+: /],
    ['an unknown key, with a suggestion', `${base}mesage: hi\ntarget: {}\nassert: [{exists: true}]\n`, 'rule.yaml:4:1: invalid rule: unknown key `mesage` at the top level; did you mean `message`?'],
    ['a misspelt operator', `${base}target: {}\nassert:\n  - field: a\n    equal: 1\n`, 'rule.yaml:7:5: invalid rule: unknown key `equal` at `assert[0]`; did you mean `equals`?'],
    ['a missing target', `${base}assert: [{exists: true}]\n`, 'rule.yaml:1:1: invalid rule: the top level needs `target`'],
    ['no condition', `${base}target: {kinds: [Pod]}\n`, 'rule.yaml:4:1: the rule has no condition: add `assert` (checks with operators such as exists, equals, matches) or `schema` (a JSON Schema the target must satisfy)'],
    ['an id that is not namespaced', 'id: required-labels\ncategory: metadata\ndescription: T.\ntarget: {}\nassert: [{exists: true}]\n', /^rule\.yaml:1:1: invalid rule: `id` must match pattern/],
    ['an id in a built-in category', 'id: security/mine\ncategory: security\ndescription: T.\ntarget: {}\nassert: [{exists: true}]\n', 'rule.yaml:1:1: `security/` is a built-in category; custom rule ids start with your own name, such as acme/mine'],
    ['an unknown category', 'id: acme/x\ncategory: labels\ndescription: T.\ntarget: {}\nassert: [{exists: true}]\n', /^rule\.yaml:2:1: invalid rule: `category` must be one of "yaml", "schema"/],
    ['an unknown target', `${base}target: {each: pods}\nassert: [{exists: true}]\n`, /^rule\.yaml:4:10: invalid rule: `target.each` must be one of "object", "podSpec", "podTemplate", "container"/],
    ['containerTypes without each: container', `${base}target:\n  containerTypes: [initContainer]\nassert: [{exists: true}]\n`, 'rule.yaml:5:3: `containerTypes` applies only with `each: container`'],
    ['a check without operator', `${base}target: {}\nassert:\n  - field: metadata.name\n`, /^rule\.yaml:6:5: this check has no operator; add one of exists, equals/],
    ['a bad field path', `${base}target: {}\nassert:\n  - field: metadata.labels[app]\n    exists: true\n`, 'rule.yaml:6:5: `[app]` is neither an index, `[*]` nor a quoted key (write ["app"]) at character 16 of the path `metadata.labels[app]`'],
    ['a catastrophic regex', `${base}target: {}\nassert:\n  - field: metadata.name\n    matches: "(a)\\\\1"\n`, 'rule.yaml:7:5: `(a)\\1`: backreferences (\\1) are not supported: they need a backtracking engine'],
    ['an invalid regex', `${base}target: {}\nassert:\n  - field: metadata.name\n    matches: "(["\n`, /^rule\.yaml:7:5: `\(\[`: invalid regular expression: /],
    ['a bad quantity', `${base}target: {}\nassert:\n  - field: a\n    quantityMaximum: 2 GB\n`, 'rule.yaml:7:5: `quantityMaximum`: "2 GB" is not a quantity: it has ` ` where a digit or a unit suffix belongs'],
    ['a placeholder with an unknown root', `${base}message: "{{ .obj.metadata.name }}"\ntarget: {}\nassert: [{exists: true}]\n`, /^rule\.yaml:4:1: \{\{ \.obj\.metadata\.name \}\}: unknown placeholder `\.obj` here .*did you mean \.object\?/],
    ['a Polaris-style placeholder', `${base}target: {}\nassert:\n  - field: metadata.name\n    equals: "{{ .metadata.name }}"\n`, /^rule\.yaml:7:5: .*did you mean \{\{ \.object\.metadata\.name \}\}\?/],
    ['an object placeholder where only parameters may go', `${base}target: {}\nassert:\n  - field: metadata.name\n    matches: "{{ .object.kind }}"\n`, 'rule.yaml:7:5: `matches` cannot refer to the checked object (only {{ .params… }} placeholders are allowed here)'],
    ['an object placeholder in the target', `${base}target: {namespaces: "{{ .object.metadata.name }}"}\nassert: [{exists: true}]\n`, 'rule.yaml:4:10: `namespaces` may use only {{ .params… }} placeholders (which object is checked cannot depend on the object)'],
    ['a misspelt schema keyword', `${base}target: {}\nschema:\n  type: object\n  requried: [metadata]\n`, 'rule.yaml:7:3: unknown JSON Schema keyword `requried`; did you mean `required`?'],
    ['an invalid schema', `${base}target: {}\nschema:\n  type: objct\n`, /^rule\.yaml:5:1: invalid JSON Schema: /],
    ['an unsupported $schema', `${base}target: {}\nschema:\n  $schema: http://json-schema.org/draft-04/schema#\n`, 'rule.yaml:6:3: unsupported `$schema` "http://json-schema.org/draft-04/schema#"; use draft-07, 2019-09 or 2020-12 (or leave it out for draft-07)'],
    ['an object placeholder in a schema outside const', `${base}target: {}\nschema:\n  properties:\n    kind: {pattern: "{{ .object.kind }}"}\n`, /^rule\.yaml:7:12: a schema can refer to the checked object only as the whole value of `const`/],
    ['an unsafe schema pattern', `${base}target: {}\nschema:\n  properties:\n    kind: {pattern: "(x)\\\\1"}\n`, /^rule\.yaml:5:1: invalid JSON Schema: .*backreferences/],
    ['an empty file', '# nothing here\n', 'rule.yaml: the rule file is empty'],
    ['a file that is not a mapping', '- a\n- b\n', 'rule.yaml:1:1: a rule must be a mapping with id, category, description, target and assert or schema'],
  ])('%s', (_name, text, expected) => {
    const message = loadError(text);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('errors in later documents of a multi-rule file name their own lines', () => {
    const text = `${base}target: {}\nassert: [{exists: true}]\n---\nid: acme/y\ncategory: metadata\ndescription: T.\ntarget: {}\nassert:\n  - {field: a, minimum: lots}\n`;
    expect(loadError(text)).toBe('rule.yaml:12:16: `minimum` must be a number, got "lots"');
  });

  test('a multi-rule file loads every rule', () => {
    const text = `${rule('target: {kinds: [Pod]}\nassert: [{field: metadata.labels.team, exists: true}]\n', 'acme/a')}---\n${rule('target: {kinds: [Pod]}\nassert: [{field: metadata.labels.app, exists: true}]\n', 'acme/b')}`;
    expect(check(text, POD).map((f) => f.ruleId)).toEqual(['acme/a']);
  });
});
