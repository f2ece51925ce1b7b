import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig } from '../../src/engine/config';
import { SourceText } from '../../src/load/source';
import { BUILTIN_RULES } from '../../rules';
import { lintTexts } from '../engine/helpers';
import { check, loadError, POD } from './helpers';

const REGISTRIES = `id: acme/registries
category: image
severity: error
description: Images come from allowed registries.
parameters:
  type: object
  additionalProperties: false
  required: [registries]
  properties:
    registries: {type: array, items: {type: string}, minItems: 1}
    namespaces: {type: array, items: {type: string}}
    severityWord: {type: string, default: forbidden}
target:
  each: container
  namespaces: "{{ .params.namespaces }}"
message: "{{ .container.name }}: {{ .value }} is {{ .params.severityWord }} (allowed: {{ .params.registries }})"
assert:
  - field: image
    startsWith: "{{ .params.registries }}"
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-custom-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function configOf(dir: string, text: string) {
  return parseConfig(new SourceText('.kubevet.yaml', text), BUILTIN_RULES, { baseDir: dir, cwd: dir });
}

function configError(dir: string, text: string): string {
  try {
    configOf(dir, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parameters', () => {
  test('values fill placeholders; defaults apply; a list stays a list', () => {
    const findings = check(REGISTRIES, POD, { registries: ['ghcr.io/'] });
    expect(findings.map((f) => f.message)).toEqual(['app: nginx:1.27 is forbidden (allowed: ghcr.io/)']);
  });

  test('an optional parameter without a value removes its key (no namespace filter here)', () => {
    expect(check(REGISTRIES, POD, { registries: ['ghcr.io/'], namespaces: ['other'] })).toEqual([]);
  });

  test('a required parameter without a value is a loading error naming the rule file', () => {
    expect(loadError(REGISTRIES)).toBe('rule.yaml:5:1: the rule acme/registries needs the parameter `registries`: give it in the configuration (rules: [{path: rule.yaml, params: {registries: …}}]) or a default here');
  });

  test('the configuration instantiates a rule once (params) or several times (instances)', () => {
    const dir = workspace({ 'registries.yaml': REGISTRIES });
    const config = configOf(
      dir,
      `rules:
  - path: registries.yaml
    instances:
      - id: acme/registries-prod
        params: {registries: [ghcr.io/acme/], namespaces: [prod]}
      - id: acme/registries-shop
        params: {registries: [docker.io/], namespaces: [shop]}
checks:
  acme/registries-shop: warning
`,
    );
    const rules = config.customRules ?? [];
    expect(rules.map((r) => r.meta.id)).toEqual(['acme/registries-prod', 'acme/registries-shop']);
    const result = lintTexts({ 'pod.yaml': POD }, { rules: [...rules], config });
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ['acme/registries-shop', 'warning', 'spec.containers[0].image'],
      ['acme/registries-shop', 'warning', 'spec.containers[1].image'],
    ]);
    const single = configOf(dir, 'rules:\n  - path: registries.yaml\n    params: {registries: [ghcr.io/]}\n');
    expect(single.customRules?.map((r) => [r.meta.id, r.meta.parameters])).toEqual([['acme/registries', { registries: ['ghcr.io/'], severityWord: 'forbidden' }]]);
  });

  test('parameter errors point into the configuration', () => {
    const dir = workspace({ 'registries.yaml': REGISTRIES, 'plain.yaml': REGISTRIES.replace(/parameters:[\s\S]*?target:/, 'target:').replace(/\{\{ \.params\.\w+ \}\}/g, 'x') });
    expect(configError(dir, 'rules:\n  - path: registries.yaml\n    params: {registries: [1]}\n')).toBe('.kubevet.yaml:3:27: invalid parameters of acme/registries: `registries[0]` must be string (it is read as the number 1: YAML 1.1 reads unquoted yes/no/on/off/y/n and numbers that way, so quote the value)');
    expect(configError(dir, 'rules:\n  - path: registries.yaml\n    params: {registry: [a]}\n')).toBe(
      '.kubevet.yaml:3:14: invalid parameters of acme/registries: unknown key `registry` at the top level; did you mean `registries`?',
    );
    expect(configError(dir, 'rules:\n  - registries.yaml\n')).toMatch(/^registries\.yaml:5:1: the rule acme\/registries needs the parameter `registries`/);
    expect(configError(dir, 'rules:\n  - path: plain.yaml\n    params: {a: 1}\n')).toBe('.kubevet.yaml:3:5: the rule acme/registries (plain.yaml:1) takes no parameters');
    expect(configError(dir, 'rules:\n  - path: registries.yaml\n    instances:\n      - {rule: acme/registry, params: {registries: [a]}}\n')).toBe(
      '.kubevet.yaml:4:10: registries.yaml defines no rule acme/registry; did you mean acme/registries? (it defines acme/registries)',
    );
    expect(configError(dir, 'rules:\n  - path: registries.yaml\n    instances:\n      - {params: {registries: [a]}}\n      - {params: {registries: [b]}}\n')).toMatch(
      /^\.kubevet\.yaml:5:9: the rule id acme\/registries is already defined at \.kubevet\.yaml:4:9; give each rule and instance its own id/,
    );
    expect(configError(dir, 'rules:\n  - missing/\n')).toBe('.kubevet.yaml:2:5: missing/: no such file or directory: missing/');
    expect(configError(dir, 'rules:\n  - {path: registries.yaml, param: {}}\n')).toBe('.kubevet.yaml:2:29: invalid configuration: unknown key `param` at `rules[0]`; did you mean `params`?');
  });

  test('checks: options are refused for custom rules, with where parameters go', () => {
    const dir = workspace({ 'registries.yaml': REGISTRIES });
    expect(configError(dir, 'rules:\n  - {path: registries.yaml, params: {registries: [a]}}\nchecks:\n  acme/registries: {options: {registries: [b]}}\n')).toMatch(
      /takes no options \(a custom rule's parameters go in `rules:`/,
    );
  });

  test('checks and --rule accept custom ids and owner/* ', () => {
    const dir = workspace({ 'registries.yaml': REGISTRIES });
    const config = configOf(dir, 'rules:\n  - {path: registries.yaml, params: {registries: [a]}}\nchecks:\n  "acme/*": info\n');
    const result = lintTexts({ 'pod.yaml': POD }, { rules: [...(config.customRules ?? [])], config });
    expect(new Set(result.findings.map((f) => f.severity))).toEqual(new Set(['info']));
    expect(configError(dir, 'rules:\n  - {path: registries.yaml, params: {registries: [a]}}\nchecks:\n  acme/registrie: off\n')).toMatch(/no rule "acme\/registrie"; did you mean "acme\/registries"\?/);
    expect(configError(dir, 'checks:\n  "acme/*": off\n')).toMatch(/no rule category "acme"/);
  });
});
