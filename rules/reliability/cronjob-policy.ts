import { isInteger } from '../../src/data/k8s-validation';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

export default defineObjectRule({
  meta: {
    id: 'reliability/cronjob-policy',
    category: 'reliability',
    severity: 'info',
    description: 'A CronJob leaves `concurrencyPolicy` or `startingDeadlineSeconds` unset, or keeps no failed Jobs.',
    rationale:
      'By default (`concurrencyPolicy: Allow`) a new run starts even while the previous one is still going, so a slow or hung job piles up parallel copies that compete for the same data and resources. Without `startingDeadlineSeconds` a run missed during a control-plane outage, a suspension or clock skew is started whenever the controller catches up, however late (the nightly job runs at noon), and after more than 100 missed schedules the controller only warns ("too many missed start times"). `failedJobsHistoryLimit: 0` deletes failed Jobs, and with them the pods and logs needed to see why they failed. These are choices rather than errors, hence info; an explicit `concurrencyPolicy: Allow` is respected.',
    fix: 'Set `concurrencyPolicy: Forbid` (or Replace), `startingDeadlineSeconds` (e.g. 300), and keep `failedJobsHistoryLimit` at 1 or more.',
    examples: {
      bad: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n      activeDeadlineSeconds: 1800\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: report, image: example/report:1.0}]\n',
      good: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 600\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n      activeDeadlineSeconds: 1800\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: report, image: example/report:1.0}]\n',
    },
    equivalents: { 'kube-score': 'cronjob-has-deadline' },
  },
  appliesTo: (object) => object.kind === 'CronJob' && object.group === 'batch',
  check(object, context) {
    const spec = object.raw.spec;
    if (!isRecord(spec)) return;
    const problems: string[] = [];
    if (spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === null) problems.push('concurrencyPolicy is not set, so a new run starts while the previous one is still running (Allow) and slow runs pile up');
    if (spec.startingDeadlineSeconds === undefined || spec.startingDeadlineSeconds === null) problems.push('startingDeadlineSeconds is not set, so a missed run starts whenever the controller catches up, however late');
    if (isInteger(spec.failedJobsHistoryLimit) && spec.failedJobsHistoryLimit === 0) problems.push('failedJobsHistoryLimit is 0, so failed Jobs and their logs are deleted at once');
    if (problems.length === 0) return;
    const fixes = [spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === null ? 'concurrencyPolicy: Forbid' : '', spec.startingDeadlineSeconds === undefined || spec.startingDeadlineSeconds === null ? 'startingDeadlineSeconds: 300' : '', spec.failedJobsHistoryLimit === 0 ? 'failedJobsHistoryLimit: 1' : ''].filter((f) => f !== '');
    context.report({
      path: spec.failedJobsHistoryLimit === 0 && problems.length === 1 ? ['spec', 'failedJobsHistoryLimit'] : ['spec'],
      target: 'key',
      message: `CronJob \`${object.name}\`: ${problems.join('; ')}: set ${fixes.join(', ')}`,
    });
  },
});
