import { findPrivateKey, isKubeconfigWithCredentials } from '../../src/analysis/secrets';
import { defineObjectRule } from '../../src/engine/rule';
import type { FieldPath } from '../../src/model/path';
import { isRecord } from '../../src/model/path';
import { containersOf, isWorkload, podSpecOf } from '../../src/model/workload';

function describeValue(value: string): string | undefined {
  const key = findPrivateKey(value);
  if (key !== undefined) return key === '' ? 'a PEM private key' : `a PEM ${key} private key`;
  if (isKubeconfigWithCredentials(value)) return 'a kubeconfig with credentials';
  return undefined;
}

export default defineObjectRule({
  meta: {
    id: 'security/private-key-in-config',
    category: 'security',
    severity: 'error',
    description: 'A ConfigMap or a container environment variable holds a private key or a kubeconfig with credentials.',
    rationale:
      'A private key (TLS, SSH, signing) or a kubeconfig with a client key, token or password is a complete credential: whoever reads the ConfigMap or the pod template (the built-in `view` role, dashboards, the repository, CI logs) can impersonate the service, decrypt its traffic or act on the cluster. Unlike a password it is rarely rotated. Public certificates and kubeconfigs without credentials (exec plugins) are not reported.',
    fix: 'Move the key into a Secret of type `kubernetes.io/tls` or `kubernetes.io/ssh-auth` (kept out of the repository: SealedSecret, SOPS, External Secrets, cert-manager), mount it as a file, and rotate the key.',
    examples: {
      bad: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tls\ndata:\n  tls.key: |\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n    -----END PRIVATE KEY-----\n`,
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tls\ndata:\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIBszCCAVmgAwIBAgIUQ3Ykz0kK3r7xwJX5XK1p0zK5cYcwCgYIKoZIzj0EAwIw\n    -----END CERTIFICATE-----\n',
    },
    equivalents: { Polaris: 'sensitiveConfigmapContent, sensitiveContainerEnvVar', Trivy: 'KSV-0109' },
  },
  appliesTo: (object) => (object.kind === 'ConfigMap' && object.group === '') || isWorkload(object),
  check(object, context) {
    const report = (path: FieldPath, where: string, value: string): void => {
      const what = describeValue(value);
      if (what !== undefined) context.report({ path, message: `${where} holds ${what}: move it to a Secret and rotate it` });
    };
    if (object.kind === 'ConfigMap') {
      const data = object.get(['data']);
      if (!isRecord(data)) return;
      for (const [key, value] of Object.entries(data)) {
        if (typeof value === 'string') report(['data', key], `ConfigMap key ${key}`, value);
      }
      return;
    }
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const c of containersOf(pod)) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((variable: unknown, i) => {
        if (isRecord(variable) && typeof variable.value === 'string') {
          report([...c.path, 'env', i, 'value'], `environment variable ${typeof variable.name === 'string' ? variable.name : `env[${i}]`} of container ${c.name}`, variable.value);
        }
      });
    }
  },
});
