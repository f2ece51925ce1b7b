import { isPlaceholderValue } from '../../src/analysis/secrets';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord } from '../../src/model/path';

function decoded(value: string): string {
  const compact = value.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return value;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Keys of a data map that hold a real value (not empty, not a placeholder). */
function filledKeys(map: unknown, base64: boolean): string[] {
  if (!isRecord(map)) return [];
  return Object.entries(map)
    .filter(([, value]) => typeof value === 'string' && !isPlaceholderValue(base64 ? decoded(value) : value))
    .map(([key]) => key);
}

function list(keys: readonly string[]): string {
  return keys.length <= 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')} and ${keys.length - 3} more`;
}

export default defineObjectRule({
  meta: {
    id: 'security/committed-secret',
    category: 'security',
    severity: 'warning',
    description: 'A Secret carries its values in `data` or `stringData`, so they are committed with the manifests.',
    rationale:
      'Base64 in `data` is an encoding, not encryption: anyone who can read the repository, its history, forks, CI logs or built artifacts has the credentials, and they stay in git history after rotation. Secrets whose values are all empty or placeholders (`changeme`, `${VAR}`, `<password>`) are not reported, nor are Secrets without data, such as a `kubernetes.io/service-account-token` Secret the token controller fills in.',
    fix: 'Keep the value out of the repository: commit a SealedSecret or SOPS-encrypted file, or an ExternalSecret (External Secrets Operator) or CSI secret-store reference, and rotate the credential if it was ever pushed.',
    examples: {
      bad: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: s3cr3t-Pa55w0rd\n',
      good: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ci-token\n  annotations:\n    kubernetes.io/service-account.name: ci\ntype: kubernetes.io/service-account-token\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.kind === 'Secret' && object.group === '',
  check(object, context) {
    for (const [field, base64] of [['data', true], ['stringData', false]] as const) {
      const keys = filledKeys(object.get([field]), base64);
      if (keys.length === 0) continue;
      context.report({ path: [field], target: 'key', message: `Secret ${object.name} commits ${keys.length === 1 ? 'the value' : 'values'} of ${list(keys)} in ${field}: use a SealedSecret, SOPS or an ExternalSecret instead` });
    }
  },
});
