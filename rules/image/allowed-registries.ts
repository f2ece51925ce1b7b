import { imagesOf, registryAllowList } from '../../src/analysis/images';
import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export interface AllowedRegistriesOptions {
  registries: string[];
}

export default defineObjectRule<AllowedRegistriesOptions>({
  meta: {
    id: 'image/allowed-registries',
    category: 'image',
    severity: 'warning',
    description: 'A container image comes from a registry that is not in the configured allow list.',
    rationale:
      'Pulling only from registries the organisation controls or mirrors (where images are scanned, signed and kept available) keeps typo-squatted and unvetted public images out and avoids Docker Hub rate limits. The rule is off until configured: `registries` lists glob patterns; a pattern without `/` matches the registry host (`ghcr.io`, `*.dkr.ecr.*.amazonaws.com`), one with `/` matches `registry/repository` (`ghcr.io/acme/*`, `docker.io/library/**`, or `ghcr.io/acme/` for everything below). `*` stays within one path component, `**` crosses them. Images without a registry are on `docker.io`, single names under `docker.io/library/`. Without configuration the list is `registry.k8s.io` and `docker.io/library/*` (the Kubernetes project and Docker Hub official images).',
    fix: 'Mirror the image into an allowed registry and reference the copy, or add the registry to `registries` after review.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: randomuser/nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.k8s.io/pause:3.10\n',
    },
    enabledByDefault: false,
    options: {
      schema: { type: 'object', properties: { registries: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true } }, additionalProperties: false },
      defaults: { registries: ['registry.k8s.io', 'docker.io/library/*'] },
    },
    equivalents: { Trivy: 'KSV-0125' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const { patterns, allows } = registryAllowList(Array.isArray(context.options.registries) ? context.options.registries : []);
    for (const use of imagesOf(pod)) {
      const ref = use.ref;
      if (ref === undefined || allows(ref)) continue;
      context.report({ path: use.path, message: `container ${use.name} pulls ${ref.registry}/${ref.path}, which no allowed registry pattern matches (${patterns.length === 0 ? 'none configured' : patterns.join(', ')})` });
    }
  },
});
