import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'reliability/pdb-without-budget',
    category: 'reliability',
    severity: 'warning',
    description: 'A PodDisruptionBudget sets neither `minAvailable` nor `maxUnavailable`, so it protects nothing.',
    rationale:
      'The disruption controller derives the pods that must stay up from `minAvailable` or `maxUnavailable`. A `policy/v1` budget with neither requires no pod to stay up, so the eviction API lets a node drain evict every selected pod at once, while the budget\'s presence suggests they are protected. (The removed `policy/v1beta1` defaulted such a budget to `minAvailable: 1`; `policy/v1` has no default.)',
    fix: 'Set `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n',
    },
    equivalents: { 'kube-score': 'poddisruptionbudget-has-policy' },
  },
  appliesTo: (object) => object.kind === 'PodDisruptionBudget' && object.apiVersion === 'policy/v1',
  check(object, context) {
    const spec = object.get(['spec']);
    const set = (key: string): boolean => object.get(['spec', key]) !== undefined && object.get(['spec', key]) !== null;
    if (set('minAvailable') || set('maxUnavailable')) return;
    context.report({
      path: spec === undefined ? [] : ['spec'],
      target: 'key',
      message: `PodDisruptionBudget \`${object.name}\` sets neither minAvailable nor maxUnavailable, so it requires no pod to stay up and a node drain may evict all of its pods at once: set maxUnavailable: 1`,
    });
  },
});
