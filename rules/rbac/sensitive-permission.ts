import { analysisOf, permissionFindings, RBAC_RULE_OPTIONS, type RbacRuleOptions } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule<RbacRuleOptions>({
  meta: {
    id: 'rbac/sensitive-permission',
    category: 'rbac',
    severity: 'info',
    description: 'A role or binding grants a permission worth knowing about in a review: managing role bindings or roles, port-forward and proxy, NetworkPolicy or Service endpoint writes, CRD and storage writes.',
    rationale:
      'None of these is an escalation by itself, but each widens what a compromised identity can do: creating bindings hands the holder\'s permissions to others, writing roles lets a ClusterRole labelled `aggregate-to-edit` extend a built-in role, port-forward and proxy reach pods around NetworkPolicy, NetworkPolicy writes remove isolation, forged Endpoints intercept traffic.',
    fix: 'Confirm the subject needs the permission; remove it or narrow it to named objects otherwise.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: net-admin\nrules:\n  - apiGroups: ["networking.k8s.io"]\n    resources: ["networkpolicies"]\n    verbs: ["create", "update", "delete"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: net-viewer\nrules:\n  - apiGroups: ["networking.k8s.io"]\n    resources: ["networkpolicies"]\n    verbs: ["get", "list"]\n',
    },
    options: RBAC_RULE_OPTIONS,
    equivalents: { Trivy: 'KSV055, KSV056', krane: 'rbac-managing-subjects', Polaris: 'rolePodExecAttach (exec in one namespace is rated here)' },
  },
  check(_run, context) {
    for (const finding of permissionFindings(analysisOf(context), 'medium')) context.report(finding);
  },
});
