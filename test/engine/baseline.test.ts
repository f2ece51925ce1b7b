import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyBaseline, createBaseline, fingerprint, parseBaseline } from '../../src/engine/baseline';
import type { Finding } from '../../src/types';
import { runCli } from '../cli/run-cli';

const base: Finding = {
  ruleId: 'schema/unknown-field',
  category: 'schema',
  severity: 'error',
  message: 'unknown field `x`',
  file: 'deploy/app.yaml',
  line: 10,
  column: 3,
  endLine: 10,
  endColumn: 4,
  object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
  path: 'spec.x',
};

describe('fingerprints', () => {
  test('ignore positions and the API version, but not rule, file, object or path', () => {
    expect(fingerprint({ ...base, line: 99, column: 7, endLine: 99 })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, object: { ...base.object!, apiVersion: 'apps/v1beta2' } })).toBe(fingerprint(base));
    for (const changed of [{ ruleId: 'schema/invalid-type' }, { file: 'other.yaml' }, { path: 'spec.y' }, { object: { ...base.object!, name: 'api' } }]) {
      expect(fingerprint({ ...base, ...changed })).not.toBe(fingerprint(base));
    }
  });

  test('findings without a path are told apart by their message, with numbers ignored', () => {
    const yaml: Finding = { ...base, ruleId: 'yaml/duplicate-key', object: null, path: null, message: 'duplicate key `a` (first defined on line 4)' };
    expect(fingerprint({ ...yaml, message: 'duplicate key `a` (first defined on line 9)', line: 14 })).toBe(fingerprint(yaml));
    expect(fingerprint({ ...yaml, message: 'duplicate key `b` (first defined on line 4)' })).not.toBe(fingerprint(yaml));
  });

  test('each recorded finding absorbs one occurrence', () => {
    const baseline = createBaseline([base]);
    const { kept, baselined } = applyBaseline([base, { ...base, line: 30 }], baseline, 'b.json');
    expect(baselined).toHaveLength(1);
    expect(baselined[0].suppressedBy).toBe('baseline (b.json)');
    expect(kept).toHaveLength(1);
  });

  test('a file that is not a baseline is refused with the reason', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(/not a kubevet baseline \(invalid JSON/);
    expect(() => parseBaseline('{"tool":"other","findings":[]}', 'b.json')).toThrow(/write one with --write-baseline b\.json/);
  });
});

describe('--write-baseline and --baseline', () => {
  const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {tier: NO}\ndata:\n  a: "1"\n';
  test('only new findings are reported; one that moved lines stays baselined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubevet-baseline-'));
    writeFileSync(join(dir, 'cm.yaml'), manifest);
    const written = runCli(['--write-baseline', 'kubevet-baseline.json', 'cm.yaml'], dir);
    expect(written.code).toBe(1);
    expect(written.stderr).toContain('wrote 1 finding to the baseline kubevet-baseline.json');
    expect(JSON.parse(readFileSync(join(dir, 'kubevet-baseline.json'), 'utf8')).findings[0]).toMatchObject({ ruleId: 'schema/invalid-type', object: 'default/ConfigMap/settings', path: 'metadata.labels.tier' });

    writeFileSync(join(dir, 'cm.yaml'), `# a comment moves everything down\n\n${manifest}`);
    const moved = runCli(['-f', 'json', '--baseline', 'kubevet-baseline.json', 'cm.yaml'], dir);
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout).summary).toMatchObject({ errors: 0, suppressed: 1 });

    writeFileSync(join(dir, 'cm.yaml'), `${manifest.replace('a: "1"', 'a: 1')}`);
    const added = JSON.parse(runCli(['-f', 'json', '--baseline', 'kubevet-baseline.json', 'cm.yaml'], dir).stdout);
    expect(added.findings.map((f: Finding) => f.path)).toEqual(['data.a']);
    expect(added.summary.suppressed).toBe(1);
  });

  test('a missing or broken baseline is a usage error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubevet-baseline-'));
    writeFileSync(join(dir, 'cm.yaml'), manifest);
    expect(runCli(['--baseline', 'nope.json', 'cm.yaml'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read the file') });
    writeFileSync(join(dir, 'bad.json'), '[]');
    expect(runCli(['--baseline', 'bad.json', 'cm.yaml'], dir)).toMatchObject({ code: 2, stderr: expect.stringContaining('not a kubevet baseline') });
  });
});
