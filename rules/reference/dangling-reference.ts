import { consequenceOf, describeReference, referenceProblems, type ReferenceProblem } from '../../src/analysis/references';
import { defineRunRule } from '../../src/engine/rule';

function reason(problem: ReferenceProblem, closedWorld: boolean): string {
  const { ref, resolution } = problem;
  if (resolution.suggestion !== undefined) return ` (did you mean \`${resolution.suggestion}\`?)`;
  if (closedWorld) return ' (closedWorld is set, so the run is taken to hold every object)';
  return ` although the run defines other ${ref.target.kind}s ${ref.target.clusterScoped ? '' : 'in that namespace '}and this one normally ships with the ${ref.from.kind}`;
}

export default defineRunRule({
  meta: {
    id: 'reference/dangling-reference',
    category: 'reference',
    severity: 'warning',
    description: 'An object refers by name to a ConfigMap, Secret, claim, ServiceAccount, Service, class, autoscaling target or namespace that is missing although the run shows it should be there.',
    rationale:
      'A reference to a missing object breaks at run time, not on apply: pods stay in ContainerCreating or fail with CreateContainerConfigError, the API server refuses pods with an unknown ServiceAccount or PriorityClass, an Ingress answers 503, an autoscaler never scales. Many referenced objects legitimately live outside the linted files (Secrets from a vault, StorageClasses and IngressClasses of the cluster), so this rule only reports a missing object when the run makes the mistake likely: the name is a near-miss of an object of that kind that is defined (a typo), the target normally ships with the referrer (the workload of an autoscaler, the Service of a webhook or APIService) and the run defines others of its kind next to it, or `closedWorld` is set. Every other missing reference is left to `reference/unresolved-reference` (info). `optional: true` references, built-in objects (`kube-root-ca.crt`, the `default` ServiceAccount, `system-*-critical` PriorityClasses) and Secrets created in the run by SealedSecrets, ExternalSecrets, cert-manager Certificates or Vault secrets are never reported.',
    fix: 'Correct the name (the message suggests the close match), add the missing object to the manifests, or mark the reference `optional: true` if the pods can run without it.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom: [{configMapRef: {name: web-confg}}]\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom: [{configMapRef: {name: web-config}}]\n',
    },
    equivalents: { 'kube-linter': 'non-existent-service-account, env-value-from, dangling-ingress, dangling-horizontalpodautoscaler', 'kube-score': 'ingress-targets-service, horizontalpodautoscaler-has-target, statefulset-has-servicename' },
  },
  check(run, context) {
    for (const problem of referenceProblems(run, context.settings)) {
      if (problem.verdict !== 'dangling') continue;
      const { ref } = problem;
      const others = (problem.count ?? 1) > 1 ? ` (and ${(problem.count ?? 1) - 1} more objects in this namespace)` : '';
      context.report({
        object: ref.from,
        path: ref.path,
        message: `${describeReference(ref)} is not defined in the run${reason(problem, context.settings.closedWorld)}${others}; ${consequenceOf(ref)}: fix the name or add the ${ref.target.kind}`,
      });
    }
  },
});
