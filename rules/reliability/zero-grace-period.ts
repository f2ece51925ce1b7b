import { defineObjectRule } from '../../src/engine/rule';
import { podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'reliability/zero-grace-period',
    category: 'reliability',
    severity: 'info',
    description: 'A pod sets `terminationGracePeriodSeconds: 0`.',
    rationale:
      'The grace period is the time between SIGTERM and SIGKILL. At 0 the process is killed without any chance to finish requests, flush buffers, release locks or leave a cluster, so every rollout, scale-down and node drain drops in-flight work. For StatefulSets it is worse: the Kubernetes documentation warns that a zero grace period lets a replacement pod start while the old one may still be running, breaking the at-most-one guarantee that databases rely on. It is often copied from `kubectl delete --grace-period=0` habits. Some node agents (CNI plugins) set it on purpose so a node\'s agent is replaced at once, hence info.',
    fix: 'Remove the field (the default is 30 seconds) or set the time the application needs to shut down cleanly; make the process handle SIGTERM.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      terminationGracePeriodSeconds: 0\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      terminationGracePeriodSeconds: 30\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => podSpecOf(object) !== undefined,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined || pod.spec.terminationGracePeriodSeconds !== 0) return;
    const extra = object.kind === 'StatefulSet' ? '; for a StatefulSet a replacement may even start while the old pod still runs' : '';
    context.report({
      path: [...pod.path, 'terminationGracePeriodSeconds'],
      message: `terminationGracePeriodSeconds is 0, so containers are killed without a chance to finish requests or shut down cleanly on every rollout, scale-down and drain${extra}: remove it (default 30) or set the seconds the application needs`,
    });
  },
});
