import rule from '../../../rules/schema/invalid-cron-schedule';
import { findingsOf, testRule } from '../../helpers/rule-tester';

/** Line 6 is the schedule, line 7 the time zone. */
const CRON = (schedule: string, timeZone?: string): string => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: ${schedule}
${timeZone === undefined ? '' : `  timeZone: ${timeZone}\n`}`;

testRule('schema/invalid-cron-schedule', {
  valid: [
    CRON('"*/15 * * * *"'),
    CRON('"0 3 * * MON-FRI"', 'Europe/Paris'),
    CRON('"@daily"', 'UTC'),
    CRON('"@every 1h30m"'),
    CRON('"0 0 1 jan,jul ?"', 'America/Argentina/Buenos_Aires'),
    // Not a string: another rule reports the type.
    CRON('5'),
  ],
  invalid: [
    {
      name: 'six fields (a seconds field)',
      code: CRON('"0 0 3 * * *"'),
      errors: [{ line: 6, column: 13, path: 'spec.schedule', message: 'schedule `0 0 3 * * *` is not a valid cron expression: expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6; the API server rejects it' }],
    },
    { name: 'Sunday as 7', code: CRON('"0 0 * * 7"'), errors: [{ line: 6, message: 'Sunday is 0, not 7' }] },
    { name: 'out of range minute', code: CRON('"60 * * * *"'), errors: [{ line: 6, message: 'minute field `60`: 60 is above the maximum 59' }] },
    { name: 'unknown descriptor', code: CRON('"@reboot"'), errors: [{ line: 6, message: '`@reboot` is not a known descriptor' }] },
    {
      name: 'TZ prefix, moved to spec.timeZone',
      code: CRON('"CRON_TZ=Europe/Paris 0 3 * * *"'),
      errors: [{ line: 6, message: 'contains `TZ`; the API server rejects new CronJobs with a time zone in the schedule: remove the prefix and set `spec.timeZone: Europe/Paris` instead' }],
    },
    { name: 'time zone in the wrong case', code: CRON('"0 3 * * *"', 'europe/paris'), errors: [{ line: 7, column: 13, path: 'spec.timeZone', message: 'timeZone `europe/paris` is not in the IANA time zone database (names are case-sensitive); the API server rejects it: use `Europe/Paris`' }] },
    { name: 'Local', code: CRON('"0 3 * * *"', 'Local'), errors: [{ line: 7, message: 'not `Local`' }] },
    { name: 'an offset is not a zone name', code: CRON('"0 3 * * *"', '"+01:00"'), errors: [{ line: 7, message: 'is not a time zone name' }] },
    { name: 'an unknown zone', code: CRON('"0 3 * * *"', 'Mars/Olympus_Mons'), errors: [{ line: 7, message: 'is not in the IANA time zone database; the API server rejects it' }] },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-cron-schedule', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-cron-schedule', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
