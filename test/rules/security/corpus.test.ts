/**
 * Zero false positives on hardened manifests; the insecure badPods corpus is caught at baseline
 * (except its control group, `nothing-allowed`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintPss } from './pss-helpers';

const ROOT = join(__dirname, '..', '..', '..');
const BAD_PODS = '/work/shared/corpus/insecure/badPods/manifests';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

function read(files: readonly string[], base: string): Record<string, string> {
  return Object.fromEntries(files.map((f) => [relative(base, f), readFileSync(f, 'utf8')]));
}

describe.each(['examples/good', 'test/fixtures/hardened'])('%s', (dir) => {
  const files = read(yamlFiles(join(ROOT, dir)), ROOT);

  test.each(['1.33', '1.34', '1.35', '1.36'])('no finding at restricted, Kubernetes %s', (version) => {
    expect(lintPss(files, { version, level: 'restricted' })).toEqual([]);
  });

  test('no finding with the defaults (baseline enforced, restricted advised)', () => {
    expect(lintPss(files)).toEqual([]);
  });
});

/** What each badPods group must be refused for at baseline. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'everything-allowed': ['host namespaces (hostNetwork=true)', 'host namespaces (hostPID=true)', 'host namespaces (hostIPC=true)', 'privileged', 'hostPath volumes'],
  priv: ['privileged'],
  'priv-and-hostpid': ['privileged', 'host namespaces (hostPID=true)'],
  hostpath: ['hostPath volumes'],
  hostpid: ['host namespaces (hostPID=true)'],
  hostnetwork: ['host namespaces (hostNetwork=true)'],
  hostipc: ['host namespaces (hostIPC=true)'],
  'nothing-allowed': [],
};

(existsSync(BAD_PODS) ? describe : describe.skip)('badPods at baseline', () => {
  const groups = existsSync(BAD_PODS) ? readdirSync(BAD_PODS) : [];

  test('every group is expected', () => {
    expect([...groups].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(groups)('%s', (group) => {
    const files = read(yamlFiles(join(BAD_PODS, group)), BAD_PODS);
    expect(Object.keys(files).length).toBeGreaterThan(0);
    const errors = lintPss(files, { rule: 'security/pod-security' });
    for (const file of Object.keys(files)) {
      const messages = errors.filter((f) => f.file === file).map((f) => f.message);
      for (const expected of EXPECTED[group]) expect(messages.some((m) => m.includes(`violates PodSecurity "baseline:v1.36": ${expected}`))).toBe(true);
      if (EXPECTED[group].length === 0) expect(messages).toEqual([]);
    }
  });

  test('the control group still gets restricted advice', () => {
    const files = read(yamlFiles(join(BAD_PODS, 'nothing-allowed')), BAD_PODS);
    const warnings = lintPss(files, { rule: 'security/pod-security-restricted' });
    expect(new Set(warnings.map((f) => f.file)).size).toBe(Object.keys(files).length);
  });
});
