import { describeSelector, nearMissHint, pdbSelector, selectorMatchingNothing } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'reference/pdb-selects-nothing',
    category: 'reference',
    severity: 'warning',
    description: 'A PodDisruptionBudget selector matches the pods of no workload in its namespace.',
    rationale:
      'A PodDisruptionBudget protects only the pods its selector matches. One that matches nothing gives no protection at all during node drains and cluster upgrades, while reviewers believe the workload is covered; a renamed label or a selector copied from another app is the usual cause. Skipped in namespaces where the run has no workload (the workloads are evidently linted separately, unless `closedWorld` is set) and when the selector matches the labels of a custom resource (operator-managed pods). An empty selector in policy/v1 selects every pod of the namespace and is fine.',
    fix: 'Make the selector match the pod template labels of the workload to protect (the message names the nearest workload and the label that differs).',
    examples: {
      bad: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web-server}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.kind === 'PodDisruptionBudget' && object.group === 'policy',
  check(object, context) {
    const { run, settings } = context;
    const selector = selectorMatchingNothing(object, pdbSelector(object), run, settings);
    if (selector === undefined) return;
    context.report({
      path: ['spec', 'selector'],
      message: `PodDisruptionBudget \`${object.name}\` selects ${describeSelector(selector)}, but no pod template in namespace \`${object.namespace ?? ''}\` has these labels, so it protects nothing during drains and upgrades${nearMissHint(run.index, object, selector, settings)}: make the selector match the labels of the pods to protect`,
    });
  },
});
