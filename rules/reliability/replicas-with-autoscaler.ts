import { isHelmHook, scalersOf } from '../../src/analysis/references';
import { isReplicatedWorkload } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';
import { isInteger } from '../../src/data/k8s-validation';

export default defineObjectRule({
  meta: {
    id: 'reliability/replicas-with-autoscaler',
    category: 'reliability',
    severity: 'warning',
    description: 'A Deployment or StatefulSet sets `spec.replicas` although a HorizontalPodAutoscaler or KEDA ScaledObject in the run scales it.',
    rationale:
      'The autoscaler owns the replica count. A `replicas` value in the manifest is applied again on every `kubectl apply`, Helm upgrade or GitOps sync, which resets the count the autoscaler chose: a Deployment scaled out to 10 pods under load drops to the manifest\'s 2 at the next deploy, until the autoscaler scales back up. The Kubernetes documentation therefore recommends removing `spec.replicas` from workloads an autoscaler manages. `replicas: 0` is left alone (it pauses the workload, and the autoscaler with it).',
    fix: 'Remove `spec.replicas` from the manifest (the autoscaler sets it; new objects start with 1 and are scaled to minReplicas at once). In a Helm chart, render it only when autoscaling is off.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n',
    },
    equivalents: { 'kube-score': 'deployment-targeted-by-hpa-does-not-have-replicas-configured' },
  },
  appliesTo: (object) => isReplicatedWorkload(object) && !isHelmHook(object),
  check(object, context) {
    const replicas = object.get(['spec', 'replicas']);
    if (!isInteger(replicas) || replicas === 0) return;
    const scaler = scalersOf(context.run, object)[0];
    if (scaler === undefined) return;
    context.report({
      path: ['spec', 'replicas'],
      message: `${object.kind} \`${object.name}\` sets replicas: ${replicas} although ${scaler.kind} \`${scaler.name}\` scales it, so every apply or sync resets the count to ${replicas} and removes the pods the autoscaler added: remove spec.replicas from the manifest`,
    });
  },
});
