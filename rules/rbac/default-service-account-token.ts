import { analysisOf } from '../../src/analysis/rbac/findings';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/default-service-account-token',
    category: 'rbac',
    severity: 'info',
    description: 'A namespace\'s `default` ServiceAccount does not set `automountServiceAccountToken: false`.',
    rationale:
      'Pods that set no `serviceAccountName` run as `default` and get its token mounted unless automounting is switched off. Switching it off on the `default` ServiceAccount makes "no API access" the default for the namespace; workloads that need the API then use their own ServiceAccount.',
    fix: 'Add `automountServiceAccountToken: false` to the `default` ServiceAccount.',
    examples: {
      bad: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\n',
      good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n',
    },
    equivalents: { checkov: 'CKV_K8S_41', 'CIS Kubernetes': '5.1.5' },
  },
  check(_run, context) {
    for (const sa of analysisOf(context).serviceAccounts.values()) {
      if (sa.name !== 'default' || sa.raw.automountServiceAccountToken === false) continue;
      const set = sa.raw.automountServiceAccountToken !== undefined;
      context.report({
        object: sa,
        path: set ? ['automountServiceAccountToken'] : [],
        message: `the default ServiceAccount of namespace ${sa.namespace ?? ''} mounts its token into every pod that names no ServiceAccount: set automountServiceAccountToken: false`,
      });
    }
  },
});
