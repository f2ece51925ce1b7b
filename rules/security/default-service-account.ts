import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'security/default-service-account',
    category: 'security',
    severity: 'info',
    description: 'A workload runs as its namespace\'s `default` ServiceAccount with the API token mounted.',
    rationale:
      'Every pod that names no ServiceAccount shares the `default` one, so a permission granted to it for one application is granted to all of them, and their API requests cannot be told apart in audit logs. Workloads whose token is not mounted (the pod, or the `default` ServiceAccount in the run, sets `automountServiceAccountToken: false`) hold no credential and are not reported. See also `rbac/default-service-account-token` (the ServiceAccount itself) and `rbac/unused-token` (a token with no permission).',
    fix: 'Create a ServiceAccount for the workload and set `serviceAccountName`; or, if it never calls the API, set `automountServiceAccountToken: false`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  serviceAccountName: web\n  containers:\n    - name: app\n      image: nginx:1.27\n',
    },
    equivalents: { 'kube-linter': 'default-service-account', kubesec: 'ServiceAccountName', kubeaudit: 'asat:AutomountServiceAccountTokenTrueAndDefaultSA' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const spec = pod.spec;
    const named = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '' ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '' ? spec.serviceAccount : 'default';
    if (named !== 'default') return;
    if (spec.automountServiceAccountToken === false) return;
    if (spec.automountServiceAccountToken !== true) {
      const namespace = object.namespace ?? context.settings.defaultNamespace;
      const accounts = context.run.index.find('', 'ServiceAccount', namespace, 'default');
      if (accounts.some((sa) => isRecord(sa.raw) && sa.raw.automountServiceAccountToken === false)) return;
    }
    const path = typeof spec.serviceAccountName === 'string' ? [...pod.path, 'serviceAccountName'] : typeof spec.serviceAccount === 'string' ? [...pod.path, 'serviceAccount'] : pod.path;
    context.report({ path, target: path === pod.path ? 'key' : 'value', message: `${object.kind} ${object.name} runs as the default ServiceAccount of its namespace with the API token mounted: give it its own ServiceAccount, or set automountServiceAccountToken: false` });
  },
});
