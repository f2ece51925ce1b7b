import { analysisOf } from '../../src/analysis/rbac/findings';
import { serviceAccountUser } from '../../src/analysis/rbac/subjects';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'rbac/unused-token',
    category: 'rbac',
    severity: 'info',
    description: 'A workload automounts a ServiceAccount token although no binding in the run gives that ServiceAccount any permission.',
    rationale:
      'The token is mounted unless the pod, or its ServiceAccount, sets `automountServiceAccountToken: false`. A token the application does not use is only a credential an attacker can steal: it still authenticates (as `system:authenticated` and `system:serviceaccounts`, which may hold permissions elsewhere), and it becomes dangerous the day someone binds a role to the ServiceAccount. Bindings outside the run are unknown, hence info.',
    fix: 'Set `automountServiceAccountToken: false` in the pod template (or on the ServiceAccount); mount a projected token explicitly where one is needed.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  automountServiceAccountToken: false\n  containers:\n    - name: app\n      image: nginx:1.27\n',
    },
    equivalents: { checkov: 'CKV_K8S_38', Polaris: 'automountServiceAccountToken', kubesec: 'AutomountServiceAccountToken' },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const workload of analysis.workloads) {
      if (workload.token !== 'automatic') continue;
      if (analysis.hasBindings(serviceAccountUser(workload.namespace, workload.serviceAccount))) continue;
      context.report({
        object: workload.object,
        path: workload.tokenPath,
        message: `${workload.object.kind} ${workload.object.name} mounts the API token of ServiceAccount ${workload.namespace}/${workload.serviceAccount}, but no binding in the run gives it any permission: set automountServiceAccountToken: false unless the application calls the API`,
      });
    }
  },
});
