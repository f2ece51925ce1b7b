import { credentialIn } from '../../src/analysis/secrets';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { containersOf, isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'security/secret-in-env',
    category: 'security',
    severity: 'warning',
    description: 'A container sets a credential as a literal environment variable value.',
    rationale:
      'A literal `env[].value` is stored in the pod template, which many more people and tools can read than Secrets (`kubectl get deploy -o yaml`, `view` role, CI logs, the repository). A value is reported when its name marks it as a credential (PASSWORD, TOKEN, SECRET, API_KEY, PRIVATE_KEY, …) and it is not a placeholder, a `$(VAR)` reference, a path or a number; when it contains a known token format (AWS access key id, GitHub, GitLab, Slack, Google, Stripe tokens, JWTs, URLs with a password); or when it is a long random-looking string. Private keys and kubeconfigs are reported by `security/private-key-in-config`.',
    fix: 'Move the value into a Secret (kept out of the repository: SealedSecret, SOPS, External Secrets) and reference it with `valueFrom.secretKeyRef`, or better mount it as a file; rotate the credential.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          value: hunter2-Secret\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n        - name: LOG_LEVEL\n          value: info\n',
    },
    equivalents: { 'kube-linter': 'env-var-secret', Polaris: 'sensitiveContainerEnvVar' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const c of containersOf(pod)) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((variable: unknown, i) => {
        if (!isRecord(variable) || typeof variable.name !== 'string' || typeof variable.value !== 'string') return;
        const found = credentialIn(variable.name, variable.value);
        if (found === undefined) return;
        context.report({ path: [...c.path, 'env', i, 'value'], message: `container ${c.name} sets ${variable.name} to a literal credential ${found.shown}: ${found.reason}; use valueFrom.secretKeyRef` });
      });
    }
  },
});
