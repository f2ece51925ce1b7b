/** CronJob and Job settings. */
import { findings } from '../reference/support';

const job = (spec: string): string => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n${spec}  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: example/m:1}]\n`;
const cron = (spec: string, jobSpec = '      backoffLimit: 1\n      activeDeadlineSeconds: 600\n'): string => `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n${spec}  jobTemplate:\n    spec:\n${jobSpec}      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: r, image: example/r:1}]\n`;

describe('reliability/cronjob-policy', () => {
  const RULE = 'reliability/cronjob-policy';

  test('defaults left in place', () => {
    const found = findings(RULE, cron(''));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', path: 'spec', line: 5 });
    expect(found[0].message).toContain('set concurrencyPolicy: Forbid, startingDeadlineSeconds: 300');
  });

  test('no failed Jobs kept', () => {
    const found = findings(RULE, cron('  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 60\n  failedJobsHistoryLimit: 0\n'));
    expect(found[0]).toMatchObject({ path: 'spec.failedJobsHistoryLimit' });
  });

  test.each([
    ['all set', cron('  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 60\n')],
    ['an explicit Allow is a choice', cron('  concurrencyPolicy: Allow\n  startingDeadlineSeconds: 60\n')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

describe('reliability/job-limits', () => {
  const RULE = 'reliability/job-limits';

  test('a Job and a CronJob template without limits', () => {
    const found = findings(RULE, job(''));
    expect(found[0]).toMatchObject({ severity: 'info', path: 'spec', line: 5 });
    expect(found[0].message).toContain('sets no activeDeadlineSeconds and no backoffLimit');
    expect(findings(RULE, cron('', ''))[0]).toMatchObject({ path: 'spec.jobTemplate.spec' });
    expect(findings(RULE, job('  backoffLimit: 2\n'))[0].message).toContain('sets no activeDeadlineSeconds, so a hung run is never stopped');
  });

  test.each([
    ['both set', job('  backoffLimit: 0\n  activeDeadlineSeconds: 600\n')],
    ['backoffLimitPerIndex', job('  completionMode: Indexed\n  completions: 3\n  backoffLimitPerIndex: 1\n  activeDeadlineSeconds: 600\n')],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});
