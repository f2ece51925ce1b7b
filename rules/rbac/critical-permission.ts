import { analysisOf, permissionFindings, RBAC_RULE_OPTIONS, type RbacRuleOptions } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule<RbacRuleOptions>({
  meta: {
    id: 'rbac/critical-permission',
    category: 'rbac',
    severity: 'error',
    description: 'A role or binding grants a permission that is critical where it applies: cluster-admin equivalents, reading Secrets, running pods as any ServiceAccount, minting tokens, bind/escalate, impersonation, CSR approval, admission webhooks, the kubelet API or hostPath PersistentVolumes.',
    rationale:
      'These permissions lead straight to the credentials of other identities or to cluster-admin: `list secrets` returns every token and password, `create pods` (or any pod controller) runs a pod as any ServiceAccount of the namespace, `bind`/`escalate` grant anything, a webhook sees every object admitted, `nodes/proxy` runs commands in every pod of a node. Matching follows the API server exactly, so `*` verbs, groups and resources count, and the rating depends on the scope: cluster-wide (ClusterRoleBinding), a privileged namespace (kube-system, or the `privilegedNamespaces` option), or an ordinary namespace. A role is reported at its rule; a binding at its roleRef, naming the subjects that receive the permission. Bindings to cluster-admin are reported by rbac/cluster-admin-binding instead.',
    fix: 'Grant only the verbs and resources the subject needs, in the namespace it needs them (a Role and RoleBinding rather than a ClusterRoleBinding), and limit get/update/patch/delete to named objects with `resourceNames`.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: secret-reader\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["get", "list", "watch"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: app-config\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["shop-db"]\n    verbs: ["get"]\n',
    },
    options: RBAC_RULE_OPTIONS,
    equivalents: { Trivy: 'KSV041, KSV044, KSV046, KSV047, KSV050, KSV114', checkov: 'CKV_K8S_155, CKV_K8S_156, CKV_K8S_158, CKV2_K8S_5', 'rbac-police': 'cluster_admin, list_secrets, assign_sa, token_request, impersonate, approve_csrs' , Polaris: 'clusterrolebindingClusterAdmin, rolebindingClusterAdminClusterRole, rolebindingClusterAdminRole', 'kube-linter': 'access-to-secrets, access-to-create-pods' },
  },
  check(_run, context) {
    for (const finding of permissionFindings(analysisOf(context), 'critical')) context.report(finding);
  },
});
