import { defineObjectRule } from '../../src/engine/rule';
import { isRecord, type FieldPath } from '../../src/model/path';

export default defineObjectRule({
  meta: {
    id: 'reliability/job-limits',
    category: 'reliability',
    severity: 'info',
    description: 'A Job (or a CronJob\'s job template) sets no `activeDeadlineSeconds` or no `backoffLimit`.',
    rationale:
      'Without `activeDeadlineSeconds` a Job whose pod hangs (a stuck connection, a lock) runs forever and holds its resources; in a CronJob with `concurrencyPolicy: Forbid` it also blocks every later run. Without `backoffLimit` a failing Job is retried 6 times with growing back-off, which is rarely what was intended for jobs with side effects such as migrations or e-mails. Writing both down makes the failure behaviour a decision. Indexed Jobs with `backoffLimitPerIndex` need no backoffLimit.',
    fix: 'Set `activeDeadlineSeconds` to a generous upper bound of the run time and `backoffLimit` to the number of retries that is safe (0 for non-idempotent jobs).',
    examples: {
      bad: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: example/migrate:1.0}]\n',
      good: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  backoffLimit: 1\n  activeDeadlineSeconds: 900\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: example/migrate:1.0}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.group === 'batch' && (object.kind === 'Job' || object.kind === 'CronJob'),
  check(object, context) {
    const path: FieldPath = object.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
    const spec = object.get(path);
    if (!isRecord(spec)) return;
    const missing: string[] = [];
    if (spec.activeDeadlineSeconds === undefined || spec.activeDeadlineSeconds === null) missing.push('activeDeadlineSeconds');
    if ((spec.backoffLimit === undefined || spec.backoffLimit === null) && (spec.backoffLimitPerIndex === undefined || spec.backoffLimitPerIndex === null)) missing.push('backoffLimit');
    if (missing.length === 0) return;
    const effects = missing.map((m) => (m === 'activeDeadlineSeconds' ? 'a hung run is never stopped' : 'failures are retried 6 times by default'));
    const what = object.kind === 'CronJob' ? `the job template of CronJob \`${object.name}\`` : `Job \`${object.name}\``;
    context.report({ path, target: 'key', message: `${what} sets no ${missing.join(' and no ')}, so ${effects.join(' and ')}: set ${missing.join(' and ')} explicitly` });
  },
});
