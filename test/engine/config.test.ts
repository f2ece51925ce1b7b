import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, effectiveSeverity, findConfigFile, parseConfig, parseRuleFlag } from '../../src/engine/config';
import { defineObjectRule } from '../../src/engine/rule';
import { SourceText } from '../../src/load/source';
import { BUILTIN_RULES } from '../../rules';

const withOptions = defineObjectRule<{ registries: string[] }>({
  meta: {
    id: 'image/test-registries',
    category: 'image',
    severity: 'warning',
    description: 'test',
    rationale: 'test',
    options: { schema: { type: 'object', additionalProperties: false, properties: { registries: { type: 'array', items: { type: 'string' } } } }, defaults: { registries: [] } },
  },
  check() {},
});
const rules = [...BUILTIN_RULES, withOptions];

function parse(text: string) {
  return parseConfig(new SourceText('.kubevet.yaml', text), rules);
}

function errorOf(text: string): string {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  test('a full valid configuration', () => {
    const config = parse(`# yaml-language-server: $schema=./schemas/config.schema.json
kubernetesVersion: "1.35"
namespace: shop
failOn: warning
maxWarnings: 10
ignore: [vendor/**]
checks:
  yaml/slash-comment: error
  "security/*": warning
  image/test-registries:
    severity: error
    options: {registries: [registry.k8s.io]}
exclude:
  - kinds: [Job]
    rules: [reliability/*]
    reason: batch jobs are short-lived
`);
    expect(config).toMatchObject({ kubernetesVersion: '1.35', namespace: 'shop', failOn: 'warning', maxWarnings: 10, ignore: ['vendor/**'] });
    expect(config.checks['yaml/slash-comment']).toEqual({ severity: 'error' });
    expect(config.checks['image/test-registries'].options).toEqual({ registries: ['registry.k8s.io'] });
  });

  test('a YAML 1.1 boolean or number where a string belongs says to quote it', () => {
    expect(errorOf('namespace: yes\n')).toBe('.kubevet.yaml:1:1: invalid configuration: `namespace` must be string (it is read as the boolean true: YAML 1.1 reads unquoted yes/no/on/off/y/n and numbers that way, so quote the value)');
    expect(errorOf('namespace: 1.0\n')).toContain('(it is read as the number 1:');
    expect(errorOf('maxWarnings: "ten"\n')).not.toContain('YAML 1.1');
  });

  test('errors name the file, line and column, and what is wrong', () => {
    expect(errorOf('failOn: warnings\n')).toBe('.kubevet.yaml:1:1: invalid configuration: `failOn` must be one of "error", "warning", "info", "never"');
    expect(errorOf('namespace: default\nchecks:\n  yaml/slash-coment: error\n')).toBe('.kubevet.yaml:3:3: no rule "yaml/slash-coment"; did you mean "yaml/slash-comment"? (`kubevet rules` lists them all)');
    expect(errorOf('checks:\n  securty/*: off\n')).toBe('.kubevet.yaml:2:3: no rule category "securty"; did you mean "security/*"?');
    expect(errorOf('exclude:\n  - kinds: [Job]\n')).toBe('.kubevet.yaml:2:5: invalid configuration: `exclude[0]` needs `reason`');
    expect(errorOf('unknownKey: 1\n')).toBe('.kubevet.yaml:1:1: invalid configuration: unknown key `unknownKey` at the top level');
    expect(errorOf('checks:\n  image/test-registries: {options: {registries: [1]}}\n')).toMatch(/^\.kubevet\.yaml:2:50: invalid options of image\/test-registries: `registries\[0\]` must be string/);
    expect(errorOf('checks:\n  yaml/syntax: {options: {a: 1}}\n')).toBe('.kubevet.yaml:2:17: the rule yaml/syntax takes no options');
    expect(errorOf('checks: [\n')).toBe('.kubevet.yaml:1:9: this flow sequence `[` is never closed with `]`; close it on the same indentation level, or write the items as a block');
  });

  test('--rule flags', () => {
    expect(parseRuleFlag('yaml/syntax=warning', rules)).toEqual(['yaml/syntax', 'warning']);
    expect(parseRuleFlag('security/*=off', rules)).toEqual(['security/*', 'off']);
    expect(() => parseRuleFlag('yaml/syntax', rules)).toThrow(/--rule expects id=severity/);
    expect(() => parseRuleFlag('yaml/sintax=off', rules)).toThrow(/did you mean "yaml\/syntax"/);
  });

  test('opt-in rules are off unless configured', () => {
    const optIn = { ...withOptions, meta: { ...withOptions.meta, enabledByDefault: false } };
    expect(effectiveSeverity(optIn, {}, new Map())).toBe('off');
    expect(effectiveSeverity(optIn, { 'image/*': { severity: 'info' } }, new Map())).toBe('info');
  });

  test('the nearest .kubevet.yaml is found by walking up', () => {
    const root = mkdtempSync(join(tmpdir(), 'kubevet-config-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, '.kubevet.yaml'), 'failOn: never\n');
    expect(findConfigFile(join(root, 'a', 'b'))).toBe(join(root, '.kubevet.yaml'));
    writeFileSync(join(root, 'a', '.kubevet.yml'), 'failOn: info\n');
    expect(findConfigFile(join(root, 'a', 'b'))).toBe(join(root, 'a', '.kubevet.yml'));
  });
});
