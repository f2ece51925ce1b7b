import { isBootstrapObject } from '../../src/analysis/rbac/findings';
import { RBAC_GROUP } from '../../src/analysis/rbac/subjects';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

const FIELDS = ['verbs', 'apiGroups', 'resources', 'nonResourceURLs'] as const;

const MEANING: Readonly<Record<(typeof FIELDS)[number], string>> = {
  verbs: 'every verb, including escalate, bind and impersonate',
  apiGroups: 'every API group, including those of CustomResourceDefinitions installed later',
  resources: 'every resource and subresource of the groups, including secrets and pods/exec',
  nonResourceURLs: 'every non-resource URL of the API server',
};

export default defineObjectRule({
  meta: {
    id: 'rbac/wildcard-rule',
    category: 'rbac',
    severity: 'warning',
    description: 'A Role or ClusterRole rule uses `*` in verbs, apiGroups, resources or nonResourceURLs.',
    rationale:
      'A wildcard grants more than anyone reviewed: `*` verbs include `escalate`, `bind` and `impersonate`; `*` resources include Secrets and every subresource such as pods/exec; `*` API groups include every CustomResourceDefinition installed later. What a wildcard grants changes as the cluster changes, so least privilege cannot be checked by reading the role. (rbac/critical-permission and friends rate what the wildcard actually grants.)',
    fix: 'List the verbs, groups and resources the subject needs.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: operator\n  namespace: shop\nrules:\n  - apiGroups: ["shop.example.com"]\n    resources: ["*"]\n    verbs: ["*"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: operator\n  namespace: shop\nrules:\n  - apiGroups: ["shop.example.com"]\n    resources: ["carts", "carts/status"]\n    verbs: ["get", "list", "watch", "update", "patch"]\n',
    },
    equivalents: { 'kube-linter': 'wildcard-in-rules', checkov: 'CKV_K8S_49', Trivy: 'KSV044, KSV045, KSV046' },
  },
  appliesTo: (object) => object.group === RBAC_GROUP && (object.kind === 'Role' || object.kind === 'ClusterRole') && !isBootstrapObject(object),
  check(object, context) {
    const rules = object.raw.rules;
    if (!Array.isArray(rules)) return;
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const hits = FIELDS.flatMap((field) => {
        const values = rule[field];
        const index = Array.isArray(values) ? values.indexOf('*') : -1;
        return index < 0 ? [] : [{ field, index }];
      });
      if (hits.length === 0) return;
      const what = hits.map((h) => `\`*\` in ${h.field} means ${MEANING[h.field]}`).join('; ');
      context.report({ path: ['rules', i, hits[0].field, hits[0].index], message: `${what}: list what is needed instead` });
    });
  },
});
