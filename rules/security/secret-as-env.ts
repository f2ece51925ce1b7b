import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';
import { containersOf, isWorkload, podSpecOf } from '../../src/model/workload';

function nameOf(ref: unknown): string {
  return isRecord(ref) && typeof ref.name === 'string' ? `\`${ref.name}\`` : 'a Secret';
}

export default defineObjectRule({
  meta: {
    id: 'security/secret-as-env',
    category: 'security',
    severity: 'warning',
    enabledByDefault: false,
    description: 'A container reads a Secret into environment variables (`env[].valueFrom.secretKeyRef` or `envFrom[].secretRef`) instead of mounting it as a file.',
    rationale:
      'Environment variables are copied into every child process, printed by crash reports, debug endpoints and `env` in a shell, and readable in `/proc/<pid>/environ`; they are fixed at container start, so a rotated Secret is not picked up until a restart. A Secret mounted as a volume can be limited to one reader with `defaultMode: 0400` and is updated in place. The CIS Kubernetes Benchmark (5.4.1) recommends files over environment variables. Many applications only read configuration from the environment, so the rule is opt-in: turn it on where the policy applies.',
    fix: 'Mount the Secret as a volume (`secret: {secretName: …, defaultMode: 0400}`) and let the application read the file (many frameworks accept a `*_FILE` variable pointing at it).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {name: db, key: password}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD_FILE\n          value: /run/secrets/db/password\n      volumeMounts:\n        - {name: db, mountPath: /run/secrets/db, readOnly: true}\n  volumes:\n    - name: db\n      secret: {secretName: db, defaultMode: 0400}\n',
    },
    equivalents: { 'kube-linter': 'read-secret-from-env-var', kubesec: 'SecretsAsEnvironmentVariables', checkov: 'CKV_K8S_35', 'CIS Kubernetes': '5.4.1' },
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const c of containersOf(pod)) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((variable: unknown, i) => {
        const ref = isRecord(variable) && isRecord(variable.valueFrom) ? variable.valueFrom.secretKeyRef : undefined;
        if (!isRecord(ref)) return;
        const name = isRecord(variable) && typeof variable.name === 'string' ? variable.name : `#${i}`;
        context.report({ path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'], message: `container ${c.name} reads Secret ${nameOf(ref)} into environment variable ${name}, where child processes, crash dumps and /proc see it and a rotation needs a restart: mount the Secret as a file instead` });
      });
      const envFrom = Array.isArray(c.container.envFrom) ? c.container.envFrom : [];
      envFrom.forEach((source: unknown, i) => {
        const ref = isRecord(source) ? source.secretRef : undefined;
        if (!isRecord(ref)) return;
        context.report({ path: [...c.path, 'envFrom', i, 'secretRef'], message: `container ${c.name} loads every key of Secret ${nameOf(ref)} as environment variables, where child processes, crash dumps and /proc see them and a rotation needs a restart: mount the Secret as a file instead` });
      });
    }
  },
});
