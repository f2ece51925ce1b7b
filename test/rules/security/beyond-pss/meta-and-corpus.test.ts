/**
 * Metadata of the rules beyond Pod Security, secrets and images; zero warnings and errors on
 * the hardened manifests; the insecure corpus (badPods, kubernetes-goat) is caught.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseConfig } from '../../../../src/engine/config';
import { SourceText } from '../../../../src/load';
import { lintTexts } from '../../../engine/helpers';
import { findingsOf } from '../../../helpers/rule-tester';
import { describeShared, sharedPath } from '../../../helpers/shared';
import { NEW_RULES } from './rules';

const ROOT = join(__dirname, '..', '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

function read(dir: string): Record<string, string> {
  return Object.fromEntries(yamlFiles(dir).map((f) => [relative(ROOT, f), readFileSync(f, 'utf8')]));
}

describe.each(NEW_RULES.map((r) => [r.meta.id, r] as const))('%s metadata', (id, rule) => {
  test('the id matches the module path and the metadata is complete', () => {
    const [category, name] = id.split('/');
    expect(category).toBe(rule.meta.category);
    expect(statSync(join(ROOT, 'rules', category, `${name}.ts`)).isFile()).toBe(true);
    expect(rule.meta.description).toMatch(/^[A-Z`].*\.$/);
    expect(rule.meta.rationale.length).toBeGreaterThan(80);
    expect(rule.meta.fix?.length ?? 0).toBeGreaterThan(20);
    expect(rule.meta.equivalents).toBeDefined();
  });

  test('the bad example is flagged and the good one is not', () => {
    const { bad, good } = rule.meta.examples ?? {};
    expect(findingsOf(id, bad ?? '', 'manifest.yaml', NEW_RULES).length).toBeGreaterThan(0);
    expect(findingsOf(id, good ?? '', 'manifest.yaml', NEW_RULES)).toEqual([]);
  });
});

test('option schemas are validated', () => {
  const bad = new SourceText('.kubevet.yaml', 'checks:\n  image/allowed-registries:\n    options:\n      registries: ghcr.io\n');
  expect(() => parseConfig(bad, NEW_RULES)).toThrow(/registries/);
  const good = new SourceText('.kubevet.yaml', 'checks:\n  image/allowed-registries:\n    severity: error\n    options:\n      registries: ["ghcr.io/acme/*"]\n');
  expect(parseConfig(good, NEW_RULES).checks['image/allowed-registries'].options).toEqual({ registries: ['ghcr.io/acme/*'] });
});

describe.each(['examples/good', 'test/fixtures/hardened'])('%s', (dir) => {
  test('no warning or error with the defaults', () => {
    const result = lintTexts(read(join(ROOT, dir)), { rules: [...NEW_RULES] });
    expect(result.internalErrors).toEqual([]);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('no finding at all, even from the info rules (only the allow list is site-specific)', () => {
    const overrides = NEW_RULES.filter((r) => r.meta.id !== 'image/allowed-registries').map((r): [string, 'warning'] => [r.meta.id, 'warning']);
    expect(lintTexts(read(join(ROOT, dir)), { rules: [...NEW_RULES], overrides }).findings).toEqual([]);
  });
});

describeShared('insecure corpus', () => {
  const files = (): Record<string, string> => {
    const dir = sharedPath('corpus', 'insecure');
    return Object.fromEntries(yamlFiles(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));
  };

  test('lights up, without internal errors', () => {
    const result = lintTexts(files(), { rules: [...NEW_RULES] });
    expect(result.internalErrors).toEqual([]);
    const fired = new Set(result.findings.map((f) => f.ruleId));
    for (const id of ['security/sensitive-host-mount', 'security/writable-host-mount', 'security/committed-secret', 'image/latest-tag']) expect(fired).toContain(id);
  });

  test('every badPods hostpath variant names its sensitive path', () => {
    const result = lintTexts(files(), { rules: [...NEW_RULES] });
    const hostpath = Object.keys(files()).filter((f) => f.startsWith('badPods/') && f.includes('/hostpath/'));
    expect(hostpath.length).toBeGreaterThan(0);
    for (const file of hostpath) expect(result.findings.some((f) => f.file === file && f.ruleId === 'security/sensitive-host-mount')).toBe(true);
  });

  test('kubernetes-goat: the docker socket and the committed vault keys', () => {
    const result = lintTexts(files(), { rules: [...NEW_RULES] });
    expect(result.findings.some((f) => f.ruleId === 'security/sensitive-host-mount' && f.file.startsWith('kubernetes-goat/') && f.message.includes('docker.sock'))).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === 'security/committed-secret' && f.file.startsWith('kubernetes-goat/')).length).toBeGreaterThanOrEqual(3);
  });
});
