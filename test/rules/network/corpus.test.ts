/**
 * Hardened manifests stay clean under every network rule (opt-in ones included); on the
 * netpol-analyzer inputs (real-world and deliberately broken) the rules never fail.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRun } from '../../../src/cli/pipeline';
import { EMPTY_CONFIG } from '../../../src/engine/config';
import { runEngine, type EngineResult } from '../../../src/engine/run';
import type { SeveritySetting } from '../../../src/types';
import { describeShared, sharedPath } from '../../helpers/shared';
import { NETWORK_RULES } from './network-rules';

const ROOT = join(__dirname, '..', '..', '..');

function lintNetwork(paths: string[], cwd: string, closedWorld = false): EngineResult {
  const { load, build } = loadRun(paths, { cwd, namespace: 'default', ignore: [], maxFileBytes: 64 * 1024 * 1024 });
  const overrides = new Map<string, SeveritySetting>(NETWORK_RULES.map((r) => [r.meta.id, r.meta.severity]));
  const rules = NETWORK_RULES;
  const result = runEngine(load, build, { rules, config: EMPTY_CONFIG, overrides, settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld } });
  return { ...result, internalErrors: result.internalErrors.filter((e) => !e.includes('unregistered rule id')) };
}

describe.each([['examples/good'], ['test/fixtures/hardened'], ['examples/good', 'test/fixtures/hardened']])('%s', (...dirs) => {
  test('no network finding of any severity (opt-in rules included)', () => {
    const result = lintNetwork(dirs, ROOT);
    expect(result.internalErrors).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
  });
});

describeShared('netpol-analyzer inputs', () => {
  const tests = sharedPath('conformance', 'netpol-analyzer', 'tests');
  const dirs = readdirSync(tests);
  test.each(dirs)('%s: the rules run without internal errors', (dir) => {
    for (const closedWorld of [false, true]) expect(lintNetwork([join(tests, dir)], tests, closedWorld).internalErrors).toEqual([]);
  });
});
