/**
 * Polaris's custom-check conformance fixtures (../shared/conformance/polaris) run through
 * kubevet rules written to mirror those checks (test/fixtures/custom-rules/polaris), with
 * Polaris's verdicts: a failure file gets at least one finding; a success file none, and the
 * rule must apply to something in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { instantiate } from '../../src/custom/instantiate';
import { readRuleFile } from '../../src/custom/rule-file';
import { describeShared, sharedPath } from '../helpers/shared';
import { lintTexts } from '../engine/helpers';
import { runCli, ROOT } from '../cli/run-cli';

const MIRRORS: Readonly<Record<string, string>> = { nakedPod: 'nakedPod.yaml', oneController: 'oneController.yaml', resourceRange: 'resourceRange.yaml' };
const MIRROR_DIR = join(ROOT, 'test', 'fixtures', 'custom-rules', 'polaris');

interface Expected {
  file: string;
  check: string;
  expected: 'pass' | 'fail';
  customCheckDefinition?: string;
}

describeShared('Polaris custom-check conformance', () => {
  const expected = (JSON.parse(readFileSync(sharedPath('conformance', 'polaris', 'expected.json'), 'utf8')) as { checkFixtures: Expected[] }).checkFixtures.filter((f) => f.customCheckDefinition !== undefined);

  test('every custom-check fixture has a mirror rule', () => {
    expect(expected.length).toBe(8);
    expect([...new Set(expected.map((f) => f.check))].sort()).toEqual(Object.keys(MIRRORS).sort());
  });

  test.each(expected.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
    let targets = 0;
    const rules = readRuleFile(join(MIRROR_DIR, MIRRORS[fixture.check]), MIRRORS[fixture.check]).map((d) => instantiate(d, { id: d.id, params: {} }, { onTarget: () => targets++ }));
    const text = readFileSync(sharedPath('conformance', 'polaris', fixture.file), 'utf8');
    const findings = lintTexts({ [fixture.file]: text }, { rules }).findings.filter((f) => f.ruleId.startsWith('polaris/'));
    if (fixture.expected === 'fail') {
      expect(findings.length).toBeGreaterThan(0);
    } else {
      expect(findings).toEqual([]);
      expect(targets).toBeGreaterThan(0);
    }
  });

  test.each(Object.entries(MIRRORS))('kubevet test-rule agrees on %s', (check, file) => {
    const result = runCli(['test-rule', join(MIRROR_DIR, file), sharedPath('conformance', 'polaris', 'test', 'checks', check)]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(result.code).toBe(0);
  });
});

describe('the example rule pack', () => {
  const examples = join(ROOT, 'examples', 'custom-rules');
  const names = ['required-labels', 'allowed-registries', 'resource-limits', 'hostpath-allow-list', 'recommended-labels', 'no-latest-in-production', 'forbidden-annotations'];

  test.each(names)('%s passes its fixtures (kubevet test-rule)', (name) => {
    const result = runCli(['test-rule', join(examples, 'rules', `${name}.yaml`), join(examples, 'fixtures', name)]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(result.stdout).not.toContain('FAIL');
    expect(result.code).toBe(0);
  });

  test('its configuration loads every rule and instance, and a run over the fixtures reports them', () => {
    const rules = runCli(['rules'], examples);
    expect(rules.code).toBe(0);
    const ids = rules.stdout.split('\n').filter((l) => l.startsWith('acme/')).map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual([
      'acme/allowed-registries',
      'acme/forbidden-annotations',
      'acme/hostpath-allow-list',
      'acme/limits-elsewhere',
      'acme/limits-production',
      'acme/no-latest-in-production',
      'acme/recommended-labels',
      'acme/required-labels',
    ]);
    const report = JSON.parse(runCli(['--format', 'json', 'fixtures/'], examples).stdout) as { findings: { ruleId: string; severity: string }[] };
    const fired = new Set(report.findings.filter((f) => f.ruleId.startsWith('acme/')).map((f) => f.ruleId));
    expect([...fired].sort()).toEqual(ids);
    expect(report.findings.find((f) => f.ruleId === 'acme/forbidden-annotations')?.severity).toBe('error');
    expect(report.findings.find((f) => f.ruleId === 'acme/recommended-labels')?.severity).toBe('info');
  });
});
