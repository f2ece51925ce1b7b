import { imagesOf, type ImageRef } from '../../src/analysis/images';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload, podSpecOf } from '../../src/model/workload';

/** Registries (or repository prefixes) that no longer receive images, and where they moved. */
const DEPRECATED: readonly { prefix: string; replacement: string; why: string }[] = [
  { prefix: 'k8s.gcr.io/', replacement: 'registry.k8s.io/', why: 'frozen since April 2023: it gets no new images or patches' },
  { prefix: 'gcr.io/google_containers/', replacement: 'registry.k8s.io/', why: 'the old Kubernetes project registry, frozen with k8s.gcr.io' },
  { prefix: 'gcr.io/google-containers/', replacement: 'registry.k8s.io/', why: 'the old Kubernetes project registry, frozen with k8s.gcr.io' },
  { prefix: 'docker.pkg.github.com/', replacement: 'ghcr.io/', why: 'GitHub\'s former Docker package registry, replaced by the GitHub Container Registry' },
];

export function deprecatedRegistry(ref: ImageRef): { prefix: string; replacement: string; why: string } | undefined {
  const full = `${ref.registry}/${ref.path}`;
  return DEPRECATED.find((d) => full.startsWith(d.prefix));
}

export default defineObjectRule({
  meta: {
    id: 'image/deprecated-registry',
    category: 'image',
    severity: 'warning',
    description: 'A container image comes from a registry that is frozen or shut down, such as `k8s.gcr.io`.',
    rationale:
      'The Kubernetes project froze `k8s.gcr.io` in April 2023: new releases and security patches of its images (ingress-nginx, metrics-server, pause, kube-state-metrics, …) are only published to `registry.k8s.io`, and the old registry may disappear. Images pulled from it stay on old, vulnerable versions and break when it goes away. The same holds for `gcr.io/google_containers` and for GitHub\'s former `docker.pkg.github.com`.',
    fix: 'Replace the registry prefix (`k8s.gcr.io/` → `registry.k8s.io/`); the image names and tags are the same.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: metrics\nspec:\n  containers:\n    - name: app\n      image: k8s.gcr.io/metrics-server/metrics-server:v0.6.3\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: metrics\nspec:\n  containers:\n    - name: app\n      image: registry.k8s.io/metrics-server/metrics-server:v0.7.2\n',
    },
    equivalents: {},
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const use of imagesOf(pod)) {
      if (use.ref === undefined) continue;
      const found = deprecatedRegistry(use.ref);
      if (found === undefined) continue;
      context.report({ path: use.path, message: `container ${use.name} pulls from ${found.prefix.replace(/\/$/, '')}, ${found.why}: use ${found.replacement === 'registry.k8s.io/' ? `${found.replacement}${use.ref.path.replace(/^google[-_]containers\//, '')}` : found.replacement.replace(/\/$/, '')}` });
    }
  },
});
