import { imagesOf, isMutable } from '../../src/analysis/images';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'image/pull-policy',
    category: 'image',
    severity: 'info',
    description: 'A container pulls a moving image reference (`latest` or no tag, without a digest) with `imagePullPolicy` IfNotPresent or Never.',
    rationale:
      'For `latest` the kubelet defaults to `Always`, so each start gets the current image. `IfNotPresent` or `Never` keep whatever copy a node pulled first: nodes drift apart, a rollout "to the new latest" changes nothing on nodes that already had the image, and a pod behaves differently depending on where it lands. A fixed tag with `Always`, or a digest with any policy, is consistent and not reported (`Always` with a digest only re-checks the registry and the credentials).',
    fix: 'Pin a version tag or digest (then IfNotPresent is right), or remove `imagePullPolicy` to get the default `Always` for `latest`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n      imagePullPolicy: IfNotPresent\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.2\n      imagePullPolicy: IfNotPresent\n',
    },
    equivalents: { Polaris: 'pullPolicyNotAlways', 'kube-score': 'container-image-pull-policy', checkov: 'CKV_K8S_15' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const use of imagesOf(pod)) {
      const policy = use.container.imagePullPolicy;
      if (use.ref === undefined || !isMutable(use.ref) || (policy !== 'IfNotPresent' && policy !== 'Never')) continue;
      context.report({
        path: [...use.containerPath, 'imagePullPolicy'],
        message: `container ${use.name} uses ${use.ref.raw}, which moves, with imagePullPolicy ${policy}: each node keeps the copy it pulled first; pin a version or digest`,
      });
    }
  },
});
