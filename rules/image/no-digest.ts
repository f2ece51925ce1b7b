import { imagesOf } from '../../src/analysis/images';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'image/no-digest',
    category: 'image',
    severity: 'info',
    description: 'A container image is not pinned by digest.',
    rationale:
      'Tags are mutable: a registry compromise or a careless re-push changes what `app:1.4.2` means, and nodes that pull later run different bytes than the ones that were tested and scanned. A digest (`@sha256:…`) names exactly one image. Pinning needs tooling to keep digests current (Renovate, Dependabot, an admission controller that resolves tags), so this rule is opt-in; images without a tag at all are reported by `image/latest-tag`.',
    fix: 'Append the digest to the reference (`nginx:1.27.2@sha256:…`; `crane digest nginx:1.27.2` or `docker buildx imagetools inspect` prints it) and let an update bot maintain it.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.2\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.2@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6\n',
    },
    enabledByDefault: false,
    equivalents: { checkov: 'CKV_K8S_43' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const use of imagesOf(pod)) {
      const ref = use.ref;
      if (ref === undefined || ref.digest !== undefined || ref.tag === undefined || ref.tag === 'latest') continue;
      context.report({ path: use.path, message: `container ${use.name} uses ${ref.raw} by tag only: pin it with @sha256:… so every node runs the same image` });
    }
  },
});
