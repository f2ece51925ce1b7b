import { cronScheduleProblem, timeZoneLookup, timeZoneShapeProblem } from '../../src/data/cron';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-cron-schedule',
    category: 'schema',
    severity: 'error',
    description: 'A CronJob `spec.schedule` is not a valid cron expression, contains a `TZ=`/`CRON_TZ=` prefix, or `spec.timeZone` is not an IANA time zone.',
    rationale: 'The API server parses schedules with robfig/cron: exactly five fields (minute hour day-of-month month day-of-week) or a descriptor such as `@daily`; day-of-week runs 0–6 (7 is rejected), there is no seconds field, and a time zone must go in `spec.timeZone`: the API server rejects new CronJobs whose schedule contains `TZ=` or `CRON_TZ=`. The schema sees only a string, so a bad schedule is found on apply.',
    fix: 'Write five fields, e.g. `*/15 * * * *` or `0 3 * * 1-5`, or a descriptor (`@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`); put the zone in `spec.timeZone`, e.g. `Europe/Paris`.',
    examples: {
      bad: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: report, image: busybox:1.36}]\n',
      good: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  timeZone: Europe/Paris\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: report, image: busybox:1.36}]\n',
    },
    equivalents: { Datree: 'CRONJOB_INVALID_SCHEDULE_VALUE' },
  },
  appliesTo: (object) => object.kind === 'CronJob' && object.group === 'batch',
  check(object, context) {
    const schedule = object.get(['spec', 'schedule']);
    if (typeof schedule === 'string' && schedule !== '') {
      const problem = cronScheduleProblem(schedule);
      if (problem?.kind === 'tz') {
        const zone = /^(?:CRON_)?TZ=(\S+)/.exec(schedule)?.[1];
        context.report({
          path: ['spec', 'schedule'],
          message: `schedule \`${schedule}\` contains \`TZ\`; the API server rejects new CronJobs with a time zone in the schedule: remove the prefix and set \`spec.timeZone${zone === undefined ? '' : `: ${zone}`}\` instead`,
        });
      } else if (problem !== undefined) {
        context.report({
          path: ['spec', 'schedule'],
          message: `schedule \`${schedule}\` is not a valid cron expression: ${problem.reason}; the API server rejects it: use five fields (minute hour day-of-month month day-of-week), e.g. \`0 3 * * *\`, or a descriptor such as \`@daily\``,
        });
      }
    }
    const zone = object.get(['spec', 'timeZone']);
    if (typeof zone !== 'string') return;
    const shape = timeZoneShapeProblem(zone);
    if (shape !== undefined) {
      context.report({ path: ['spec', 'timeZone'], message: `timeZone \`${zone}\` ${shape}; the API server rejects it: use an IANA name such as \`Europe/Paris\` or \`America/New_York\`` });
      return;
    }
    const lookup = timeZoneLookup(zone);
    if (lookup.exists === false) {
      context.report({
        path: ['spec', 'timeZone'],
        message: `timeZone \`${zone}\` is not in the IANA time zone database${lookup.suggestion === undefined ? '' : ' (names are case-sensitive)'}; the API server rejects it: ${lookup.suggestion === undefined ? 'use an IANA name such as `Europe/Paris`' : `use \`${lookup.suggestion}\``}`,
      });
    }
  },
});
