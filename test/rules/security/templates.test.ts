/**
 * Every control case of test/analysis/pss/cases.ts through the rules, as a Pod, a Deployment
 * and a CronJob: the findings sit at the field inside each kind's pod template.
 */
import { stringify } from 'yaml';
import { CASES, runs } from '../../analysis/pss/cases';
import { VERSIONS, type Json } from '../../analysis/pss/pods';
import { lintPss } from './pss-helpers';

const KINDS: Record<string, { prefix: string; wrap: (spec: Json, metadata: Json) => Json }> = {
  Pod: { prefix: 'spec', wrap: (spec, metadata) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', ...metadata }, spec }) },
  Deployment: {
    prefix: 'spec.template.spec',
    wrap: (spec, metadata) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' }, ...metadata }, spec } } }),
  },
  CronJob: {
    prefix: 'spec.jobTemplate.spec.template.spec',
    wrap: (spec, metadata) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'web' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata, spec } } } } }),
  },
};

function expectedPath(prefix: string, path: string): string {
  if (!path.startsWith('metadata.')) return `${prefix}.${path}`;
  return `${prefix.replace(/spec$/, '')}${path}`.replace(/^\./, '');
}

describe.each(Object.keys(KINDS))('%s', (kind) => {
  const { prefix, wrap } = KINDS[kind];
  const rows = CASES.flatMap((testCase) => VERSIONS.flatMap((version) => runs(testCase).map((list) => [testCase.name, version, list, testCase] as const)));
  test.each(rows)('%s, v%s, %s', (_name, version, list, testCase) => {
    const minor = Number(version.split('.')[1]);
    const active = testCase.since === undefined || minor >= testCase.since;
    const code = stringify(wrap(testCase.pod(list), testCase.metadata ?? {}));
    for (const level of ['baseline', 'restricted'] as const) {
      const expected = active ? testCase[level](list, minor) : [];
      const findings = lintPss({ 'm.yaml': code }, { version, level, rule: 'security/pod-security' });
      const actual = findings.map((f) => ({ path: f.path, message: f.message }));
      const wanted = expected.map((e) => ({ path: expectedPath(prefix, e.path), message: expect.stringContaining(`(${e.detail})`) }));
      expect(actual).toEqual(expect.arrayContaining(wanted));
      expect(actual).toHaveLength(wanted.length);
      for (const f of findings) expect(f.message.startsWith(`violates PodSecurity "${level}:v${version}": `)).toBe(true);
    }
  });
});
