import { imagesOf } from '../../src/analysis/images';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'image/latest-tag',
    category: 'image',
    severity: 'warning',
    description: 'A container image has no tag or the `latest` tag, and no digest.',
    rationale:
      'A reference without a tag means `latest`, which moves with every push: two nodes may run different code under the same spec, a restart can silently upgrade or break the application, and a rollback has nothing to roll back to. Images pinned by digest (`@sha256:…`) are not reported, whatever their tag.',
    fix: 'Use a specific version tag (`nginx:1.27.2`) or a digest (`nginx:1.27.2@sha256:…`), and let a tool such as Renovate or Dependabot update it.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.2\n',
    },
    equivalents: { 'kube-linter': 'latest-tag', Polaris: 'tagNotSpecified', 'kube-score': 'container-image-tag', checkov: 'CKV_K8S_14', kubeaudit: 'image:ImageTagMissing', Trivy: 'KSV-0013' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const use of imagesOf(pod)) {
      const ref = use.ref;
      if (ref === undefined || ref.digest !== undefined) continue;
      if (ref.tag === undefined) context.report({ path: use.path, message: `container ${use.name} uses image ${ref.raw} without a tag, i.e. whatever latest is at pull time: pin a version` });
      else if (ref.tag === 'latest') context.report({ path: use.path, message: `container ${use.name} uses the latest tag of ${ref.registry}/${ref.path}, which changes with every push: pin a version` });
    }
  },
});
