import { findingsOf, testRule } from '../../../helpers/rule-tester';
import { NEW_RULES } from './rules';

const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';

function secret(body: string, type = 'Opaque'): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: ${type}\n${body}`;
}

testRule(
  'security/committed-secret',
  {
    valid: [
      secret('', 'kubernetes.io/service-account-token'),
      secret('data: {}\n'),
      secret('stringData:\n  password: ""\n  token: changeme\n  url: ${DB_URL}\n'),
      secret('data:\n  password: Y2hhbmdlbWU=\n'),
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n',
    ],
    invalid: [
      { name: 'stringData', code: secret('stringData:\n  password: s3cr3t-Pa55w0rd\n'), errors: [{ line: 6, message: 'commits the value of password in stringData' }] },
      { name: 'data and stringData', code: secret('data:\n  a: aHVudGVyMi1TZWNyZXQ=\n  b: aHVudGVyMi1TZWNyZXQ=\n  c: aHVudGVyMi1TZWNyZXQ=\n  d: aHVudGVyMi1TZWNyZXQ=\nstringData:\n  e: hunter2-Secret\n'), errors: [{ line: 6, message: 'a, b, c and 1 more' }, { line: 11 }] },
      { name: 'TLS', code: secret('data:\n  tls.crt: LS0tLS1CRUdJTg==\n  tls.key: LS0tLS1CRUdJTg==\n', 'kubernetes.io/tls'), errors: [{ line: 6 }] },
    ],
  },
  NEW_RULES,
);

test('committed-secret never prints a value', () => {
  const [finding] = findingsOf('security/committed-secret', secret('stringData:\n  password: s3cr3t-Pa55w0rd\n'), 'manifest.yaml', NEW_RULES);
  expect(finding.message).not.toContain('s3cr');
});

const ENV = (name: string, value: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - name: ${name}\n          value: ${JSON.stringify(value)}\n`;

testRule(
  'security/secret-in-env',
  {
    valid: [
      ENV('LOG_LEVEL', 'info'),
      ENV('DB_PASSWORD', 'changeme'),
      ENV('DB_PASSWORD', ''),
      ENV('DB_PASSWORD', '$(PASSWORD_FROM_SECRET)'),
      ENV('PASSWORD_FILE', '/run/secrets/db'),
      ENV('TOKEN_TTL', '3600'),
      ENV('IMAGE_DIGEST', 'f1bc8270ee7fbb6ca294f9bb23acf33e36059ce356182b6c9f1167963ffbd8de'),
      ENV('DATABASE_URL', 'postgres://app@db:5432/app'),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n        - 7\n        - name: X\n          value: 3\n',
    ],
    invalid: [
      { name: 'by name', code: ENV('DB_PASSWORD', 'hunter2-Secret'), errors: [{ line: 11, message: 'sets DB_PASSWORD to a literal credential "hunt…" (14 characters)' }] },
      { name: 'AWS key under any name', code: ENV('CONFIG', 'AKIAIOSFODNN7EXAMPLE'), errors: [{ line: 11, message: 'AWS access key id' }] },
      { name: 'GitHub token', code: ENV('GH', `ghp_${'a1B2'.repeat(9)}`), errors: [{ line: 11, message: 'GitHub token' }] },
      { name: 'password in a URL', code: ENV('DATABASE_URL', 'postgres://app:pa55word@db:5432/app'), errors: [{ line: 11, message: 'embedded password' }] },
      { name: 'high entropy', code: ENV('SESSION_SALT', 'Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5a'), errors: [{ line: 11, message: 'high-entropy' }] },
    ],
  },
  NEW_RULES,
);

test('secret-in-env shows at most 4 characters', () => {
  const [finding] = findingsOf('security/secret-in-env', ENV('API_KEY', 'Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5a'), 'manifest.yaml', NEW_RULES);
  expect(finding.message).toContain('"Zx8K…" (32 characters)');
  expect(finding.message).not.toContain('Zx8Kq');
});

const CM = (data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n${data}`;

testRule(
  'security/secret-in-configmap',
  {
    valid: [
      CM('  LOG_LEVEL: info\n  token_url: https://auth.example.com/token\n  password_min_length: "12"\n'),
      CM(`  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    ${KEY_BODY}\n    -----END CERTIFICATE-----\n`),
      CM(`  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    ${KEY_BODY}\n    -----END PRIVATE KEY-----\n`),
      CM('  app.properties: |\n    db.password=${DB_PASSWORD}\n    db.user=app\n'),
    ],
    invalid: [
      { name: 'by name', code: CM('  api_key: Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5a\n'), errors: [{ line: 6, message: 'ConfigMap key api_key holds a credential "Zx8K…"' }] },
      { name: 'token inside a file', code: CM('  app.yaml: |\n    slack:\n      token: xoxb-123456789012-abcdefABCDEF\n'), errors: [{ line: 6, message: 'Slack token' }] },
    ],
  },
  NEW_RULES,
);

testRule(
  'security/private-key-in-config',
  {
    valid: [
      CM(`  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    ${KEY_BODY}\n    -----END CERTIFICATE-----\n`),
      CM('  kubeconfig: |\n    apiVersion: v1\n    kind: Config\n    clusters:\n    - name: c\n      cluster:\n        server: https://k8s\n    users:\n    - name: u\n      user:\n        exec:\n          command: aws\n'),
      ENV('KEY', 'not a key'),
    ],
    invalid: [
      { name: 'PEM in a ConfigMap', code: CM(`  tls.key: |\n    -----BEGIN EC PRIVATE KEY-----\n    ${KEY_BODY}\n    -----END EC PRIVATE KEY-----\n`), errors: [{ line: 6, message: 'ConfigMap key tls.key holds a PEM EC private key' }] },
      { name: 'kubeconfig', code: CM('  config: |\n    apiVersion: v1\n    kind: Config\n    clusters:\n    - name: c\n      cluster:\n        server: https://k8s\n    users:\n    - name: u\n      user:\n        token: abcdefghijklmnopqrstuvwx\n'), errors: [{ line: 6, message: 'kubeconfig with credentials' }] },
      { name: 'in env', code: ENV('SSH_KEY', `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`), errors: [{ line: 11, message: 'environment variable SSH_KEY of container app' }] },
    ],
  },
  NEW_RULES,
);

const VOL = (source: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n  volumes:\n    - name: s\n${source}`;

testRule(
  'security/secret-file-mode',
  {
    valid: [
      VOL('      secret:\n        secretName: s\n        defaultMode: 0400\n        items:\n          - key: a\n            path: a\n            mode: 0440\n'),
      VOL('      secret:\n        secretName: s\n'),
      VOL('      configMap:\n        name: c\n        defaultMode: 0777\n'),
      VOL('      projected:\n        defaultMode: 0666\n        sources:\n          - configMap:\n              name: c\n'),
      VOL('      secret:\n        defaultMode: "0666"\n'),
    ],
    invalid: [
      { name: '0666 is 438', code: VOL('      secret:\n        secretName: s\n        defaultMode: 0666\n'), errors: [{ line: 13, message: 'mode 0666, writable by everyone' }] },
      { name: 'decimal 438', code: VOL('      secret:\n        secretName: s\n        defaultMode: 438\n'), errors: [{ line: 13, message: '0666' }] },
      { name: 'item group-writable', code: VOL('      secret:\n        secretName: s\n        items:\n          - key: a\n            path: a\n            mode: 0660\n'), errors: [{ line: 16, message: 'item a of volume s gives Secret files mode 0660, writable by the group' }] },
      {
        name: 'projected',
        code: VOL('      projected:\n        defaultMode: 0777\n        sources:\n          - secret:\n              name: s\n              items:\n                - key: a\n                  path: a\n                  mode: 0622\n'),
        errors: [{ line: 12, message: 'projected volume s' }, { line: 19 }],
      },
    ],
  },
  NEW_RULES,
);

testRule(
  'security/secret-as-env',
  {
    valid: [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      env:\n        - {name: LEVEL, valueFrom: {configMapKeyRef: {name: cfg, key: level}}}\n      envFrom:\n        - configMapRef: {name: cfg}\n',
    ],
    invalid: [
      {
        name: 'secretKeyRef and envFrom secretRef, in init and app containers (kubesec, kube-linter fixtures)',
        code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      initContainers:\n        - name: migrate\n          image: app:1\n          envFrom: [{secretRef: {name: db}}]\n      containers:\n        - name: app\n          image: app:1\n          env:\n            - {name: TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}\n',
        errors: [
          { line: 13, path: 'spec.template.spec.initContainers[0].envFrom[0].secretRef', message: 'loads every key of Secret `db` as environment variables' },
          { line: 18, path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef', message: 'reads Secret `api` into environment variable TOKEN' },
        ],
      },
    ],
  },
  NEW_RULES,
);
