import { analysisOf, permissionFindings, RBAC_RULE_OPTIONS, type RbacRuleOptions } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule<RbacRuleOptions>({
  meta: {
    id: 'rbac/high-risk-permission',
    category: 'rbac',
    severity: 'warning',
    description: 'A role or binding grants a permission that is high-risk where it applies: the critical permissions within an ordinary namespace, exec/attach, changing pods, nodes or namespaces, APIServices or policy engines.',
    rationale:
      'Within one ordinary namespace, reading Secrets, creating pods or workloads, minting tokens or impersonating ServiceAccounts is equivalent to holding every ServiceAccount of that namespace; exec and attach open a shell in running pods (with their tokens); changing a Namespace\'s labels switches off Pod Security Admission; node writes steer pods onto a compromised node. The built-in `edit` and `admin` roles contain several of these, which is why binding them is worth a review. The rating follows the scope of the grant; see rbac/critical-permission for the matching rules.',
    fix: 'Remove the verbs the subject does not need, prefer named objects (`resourceNames`), and keep workload-creating and Secret-reading permissions away from identities that run untrusted code.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: shop\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments"]\n    verbs: ["create", "update", "patch"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: scaler\n  namespace: shop\nrules:\n  - apiGroups: ["apps"]\n    resources: ["deployments/scale"]\n    verbs: ["update"]\n',
    },
    options: RBAC_RULE_OPTIONS,
    equivalents: {
      Trivy: 'KSV048, KSV053, KSV054, KSV113',
      'rbac-police': 'pods_exec, modify_pods, steal_pods',
      Polaris: 'clusterrolePodExecAttach, rolePodExecAttach, clusterrolebindingPodExecAttach, rolebindingClusterRolePodExecAttach, rolebindingRolePodExecAttach (rated by scope, with rbac/critical-permission and rbac/sensitive-permission)',
      'kube-linter': 'access-to-create-pods, access-to-secrets (in one namespace)',
    },
  },
  check(_run, context) {
    for (const finding of permissionFindings(analysisOf(context), 'high')) context.report(finding);
  },
});
