import { describeSelector, nearMissHint, selectorMatchingNothing, serviceSelector } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'reference/service-selects-nothing',
    category: 'reference',
    severity: 'warning',
    description: 'A Service selector matches the pods of no workload in its namespace.',
    rationale:
      'A Service sends traffic to the pods its selector matches. When no pod template carries the selected labels the Service has no endpoints and every connection is refused, which shows up only at run time as "no endpoints available". Typical causes are a label renamed in the Deployment but not in the Service, a typo, or a selector copied from another app. Skipped: Services without a selector (their endpoints are managed elsewhere) and ExternalName Services; namespaces where the run has no workload at all (the workloads are evidently linted separately, unless `closedWorld` is set); selectors that match the labels of a custom resource in the namespace (the pods come from an operator, such as Prometheus or Argo Rollouts). Labels that controllers add to pods (`statefulset.kubernetes.io/pod-name`, `pod-template-hash`, …) are ignored when matching.',
    fix: 'Make the selector a subset of the pod template labels of the workload it should reach (the message names the nearest workload and the label that differs).',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: webapp}\n  template:\n    metadata:\n      labels: {app: webapp}\n    spec:\n      containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 8080}]}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 8080}]}]\n',
    },
    equivalents: { 'kube-linter': 'dangling-service', 'kube-score': 'service-targets-pod' },
  },
  appliesTo: (object) => object.kind === 'Service' && object.group === '',
  check(object, context) {
    const { run, settings } = context;
    const selector = selectorMatchingNothing(object, serviceSelector(object), run, settings);
    if (selector === undefined) return;
    const hint = nearMissHint(run.index, object, selector, settings);
    context.report({
      path: ['spec', 'selector'],
      message: `Service \`${object.name}\` selects ${describeSelector(selector)}, but no pod template in namespace \`${object.namespace ?? ''}\` has these labels, so the Service has no endpoints and connections to it fail${hint}: make the selector match the labels of the pods that serve it`,
    });
  },
});
