import { isInteger, isValidPercent } from '../../src/data/k8s-validation';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';

function checkBudget(object: KubeObject, context: RuleContext, field: 'minAvailable' | 'maxUnavailable'): void {
  const value = object.get(['spec', field]);
  const path = ['spec', field];
  if (isInteger(value)) {
    if (value < 0) context.report({ path, message: `${field} ${value} is negative; the API server rejects it: use a number of pods (0 or more) or a percentage such as "50%"` });
    return;
  }
  if (typeof value !== 'string') return;
  if (!isValidPercent(value)) {
    const digits = /^\s*(\d+)\s*%?\s*$/.exec(value)?.[1];
    context.report({
      path,
      message: `${field} \`${value}\` is a string, so it must be a percentage of digits followed by '%' (such as "50%"); the API server rejects it: ${digits === undefined ? 'use a number of pods or a percentage' : `write \`${digits}\` (a number of pods, without quotes) or \`"${digits}%"\``}`,
    });
    return;
  }
  const percent = Number(value.slice(0, -1));
  if (percent > 100) context.report({ path, message: `${field} \`${value}\` is more than 100%; the API server rejects it: use at most "100%"` });
}

export default defineObjectRule({
  meta: {
    id: 'schema/pdb-conflict',
    category: 'schema',
    severity: 'error',
    description: 'A PodDisruptionBudget sets both `minAvailable` and `maxUnavailable`, or one of them is negative, above 100% or not a valid percentage.',
    rationale: 'A PodDisruptionBudget takes exactly one of `minAvailable` and `maxUnavailable` (they express the same budget two ways), each a non-negative number of pods or a percentage like "50%" of at most 100%. Helm charts that template both, or values like "50" in quotes, are rejected by the API server ("minAvailable and maxUnavailable cannot be both set").',
    fix: 'Keep only one of the two fields; write a pod count as a bare number and a percentage as a quoted string such as "50%".',
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n',
    },
  },
  appliesTo: (object) => object.kind === 'PodDisruptionBudget' && object.group === 'policy',
  check(object, context) {
    const min = object.get(['spec', 'minAvailable']);
    const max = object.get(['spec', 'maxUnavailable']);
    if (min !== undefined && min !== null && max !== undefined && max !== null) {
      context.report({
        path: ['spec', 'maxUnavailable'],
        target: 'key',
        message: 'minAvailable and maxUnavailable are both set, but a PodDisruptionBudget takes only one of them; the API server rejects it ("minAvailable and maxUnavailable cannot be both set"): remove one',
      });
    }
    checkBudget(object, context, 'minAvailable');
    checkBudget(object, context, 'maxUnavailable');
  },
});
