import { consequenceOf, describeReference, referenceProblems } from '../../src/analysis/references';
import { defineRunRule } from '../../src/engine/rule';

interface Options {
  ignoreKinds: string[];
}

export default defineRunRule<Options>({
  meta: {
    id: 'reference/unresolved-reference',
    category: 'reference',
    severity: 'info',
    description: 'An object refers by name to an object that is not in the linted files and may be created elsewhere.',
    rationale:
      'ConfigMaps, Secrets, claims, ServiceAccounts, PriorityClasses, RuntimeClasses, StorageClasses, IngressClasses, Services, autoscaling targets and namespaces are often created outside the manifests being linted: by a vault operator, a kustomize generator, another chart or the cluster setup. A missing one is therefore unknown, not wrong, and this rule only notes it, so the list of outside dependencies is visible in review. Raise it to a warning (`checks: {reference/unresolved-reference: warning}`) or set `closedWorld: true` (which turns these into `reference/dangling-reference` warnings) when your manifests are meant to be complete. `optional: true` references, built-in objects and Secrets produced in the run by SealedSecrets, ExternalSecrets, cert-manager Certificates or Vault secrets are not reported; neither are TLS Secrets of Ingresses annotated for cert-manager or ACME. Namespaces are only checked when the run defines some Namespace objects, once per namespace.',
    fix: 'Nothing to fix if the object is created another way. Otherwise add it to the manifests; list kinds you never keep in the manifests in the `ignoreKinds` option (e.g. `[Secret, StorageClass]`).',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web\n      containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      serviceAccountName: web\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
    options: {
      schema: { type: 'object', properties: { ignoreKinds: { type: 'array', items: { type: 'string', minLength: 1 } } }, additionalProperties: false },
      defaults: { ignoreKinds: [] },
    },
    equivalents: { 'kube-linter': 'non-existent-service-account, env-value-from' },
  },
  check(run, context) {
    const ignored = new Set(context.options.ignoreKinds);
    for (const problem of referenceProblems(run, context.settings)) {
      if (problem.verdict !== 'unresolved' || ignored.has(problem.ref.target.kind)) continue;
      const { ref } = problem;
      const others = (problem.count ?? 1) > 1 ? ` (nor for ${(problem.count ?? 1) - 1} more objects in this namespace)` : '';
      context.report({
        object: ref.from,
        path: ref.path,
        message: `${describeReference(ref)} is not in the linted files${others}; if it is not created another way, ${consequenceOf(ref)}: make sure it exists in the cluster, or add it to the manifests`,
      });
    }
  },
});
