import { removedApi } from '../../src/data/removed-apis';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'deprecation/removed-api',
    category: 'deprecation',
    severity: 'error',
    description: 'The object uses an API version that the target Kubernetes version no longer serves.',
    rationale: 'Removed API versions are refused by the API server (`no matches for kind "Ingress" in version "extensions/v1beta1"`), so the manifest cannot be applied to the target cluster at all. Old tutorials and charts are full of them.',
    fix: 'Move to the replacement apiVersion named in the message and apply the field changes it lists; `kubectl convert` can help.',
    examples: {
      bad: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  backend:\n    serviceName: web\n    servicePort: 80\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n',
    },
    equivalents: { 'kube-linter': 'no-extensions-v1beta', 'kube-score': 'stable-version', Trivy: 'KSV107' },
  },
  check(object, context) {
    const removed = removedApi(object.apiVersion, object.kind, context.settings.kubernetesVersion);
    if (removed === undefined) return;
    const instead = removed.replacement === undefined ? 'There is no replacement API' : `Use \`apiVersion: ${removed.replacement}\``;
    const migration = removed.migration === undefined ? '' : `; ${removed.migration}`;
    context.report({
      path: ['apiVersion'],
      message: `${object.kind} in \`${object.apiVersion}\` was removed in Kubernetes ${removed.removedIn} (deprecated since ${removed.deprecatedIn}), so Kubernetes ${context.settings.kubernetesVersion} refuses it. ${instead}${migration}.`,
    });
  },
});
