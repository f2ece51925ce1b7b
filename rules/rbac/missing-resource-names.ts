import { isBootstrapObject } from '../../src/analysis/rbac/findings';
import { parsePolicyRule } from '../../src/analysis/rbac/parse';
import { RBAC_GROUP } from '../../src/analysis/rbac/subjects';
import { defineObjectRule } from '../../src/engine/rule';

/** Verbs that resourceNames can limit (requests on one named object). */
const NAMEABLE = new Set(['get', 'update', 'patch', 'delete']);
/** Resources an application typically needs by name. */
const NAMED_USE = new Set(['secrets', 'configmaps', 'leases', 'serviceaccounts/token']);

export default defineObjectRule({
  meta: {
    id: 'rbac/missing-resource-names',
    category: 'rbac',
    severity: 'info',
    description: 'A rule grants only get/update/patch/delete on Secrets, ConfigMaps or Leases without `resourceNames`, although those verbs could be limited to the objects the workload uses.',
    rationale:
      'An application that reads its own configuration or Secret, or renews its own Lease, needs access to one or two objects, not to every object of the kind in the namespace. get, update, patch and delete can be limited with `resourceNames` (list, watch of all objects, create and deletecollection cannot), so a rule that uses only those verbs is a cheap place to apply least privilege.',
    fix: 'Add `resourceNames` with the objects the workload uses.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web-config\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    verbs: ["get"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: web-config\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["web-settings"]\n    verbs: ["get"]\n',
    },
  },
  appliesTo: (object) => object.group === RBAC_GROUP && (object.kind === 'Role' || object.kind === 'ClusterRole') && !isBootstrapObject(object) && object.raw.aggregationRule === undefined,
  check(object, context) {
    const rules = object.raw.rules;
    if (!Array.isArray(rules)) return;
    rules.forEach((raw, i) => {
      const rule = parsePolicyRule(raw);
      if (rule === undefined || rule.resourceNames.length > 0 || rule.verbs.length === 0 || rule.resources.length === 0) return;
      if (!rule.verbs.every((v) => NAMEABLE.has(v)) || !rule.resources.every((r) => NAMED_USE.has(r))) return;
      context.report({
        path: ['rules', i, 'verbs'],
        message: `this rule uses only ${rule.verbs.join(', ')} on ${rule.resources.join(', ')}, which resourceNames can limit: list the objects the workload needs in resourceNames instead of granting every one in the namespace`,
      });
    });
  },
});
