import { credentialIn } from '../../src/analysis/secrets';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

export default defineObjectRule({
  meta: {
    id: 'security/secret-in-configmap',
    category: 'security',
    severity: 'warning',
    description: 'A ConfigMap holds a credential in its data.',
    rationale:
      'ConfigMaps are not meant for secrets: they are readable by far more roles (the built-in `view` role reads ConfigMaps but not Secrets), are not encrypted at rest by the usual EncryptionConfiguration, and end up in logs and dashboards. A key is reported when its name marks it as a credential and its value is a single literal that is not a placeholder; when its value contains a known token format (AWS access key id, GitHub, GitLab, Slack, Google, Stripe tokens, JWTs, URLs with a password); or when the whole value is one long random-looking string. Public certificates are ignored; private keys and kubeconfigs are reported by `security/private-key-in-config`.',
    fix: 'Move the credential into a Secret (kept out of the repository: SealedSecret, SOPS, External Secrets) and rotate it.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  api_key: Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5a\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  log_level: info\n  api_key_file: /var/run/secrets/app/api-key\n',
    },
    equivalents: { Polaris: 'sensitiveConfigmapContent', Trivy: 'KSV-0109' },
  },
  appliesTo: (object) => object.kind === 'ConfigMap' && object.group === '',
  check(object, context) {
    const data = object.get(['data']);
    if (!isRecord(data)) return;
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const found = credentialIn(key, value);
      if (found === undefined) continue;
      context.report({ path: ['data', key], message: `ConfigMap key ${key} holds a credential ${found.shown}: ${found.reason}; move it to a Secret` });
    }
  },
});
