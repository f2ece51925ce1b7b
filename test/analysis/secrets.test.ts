import fc from 'fast-check';
import { credentialIn, findKnownToken, findPrivateKey, isHighEntropyToken, isKubeconfigWithCredentials, isPlaceholderValue, isSensitiveName, redact, shannonEntropy } from '../../src/analysis/secrets';

describe('shannonEntropy', () => {
  test('known values', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });
});

describe('redact', () => {
  test('shows at most 4 characters and the length', () => {
    expect(redact('hunter2-Secret')).toBe('"hunt…" (14 characters)');
    expect(redact('ab')).toBe('"ab…" (2 characters)');
  });
});

describe('isSensitiveName', () => {
  test.each(['DB_PASSWORD', 'password', 'GITHUB_TOKEN', 'apiKey', 'API_KEY', 'AWS_SECRET_ACCESS_KEY', 'client_secret', 'PRIVATE_KEY', 'REDIS_PASS', 'credentials'])('%s is sensitive', (name) => {
    expect(isSensitiveName(name)).toBe(true);
  });
  test.each(['PASSWORD_FILE', 'TOKEN_URL', 'TOKEN_TTL', 'SECRET_NAME', 'LOG_LEVEL', 'KEYCLOAK_REALM', 'PASSWORD_MIN_LENGTH', 'passwordFile', 'ENABLE_AUTH', 'MONKEY', 'AWS_ACCESS_KEY_ID', 'tokenizer'])('%s is not', (name) => {
    expect(isSensitiveName(name)).toBe(false);
  });
});

describe('isPlaceholderValue', () => {
  test.each(['', 'abc', 'changeme', 'CHANGE_ME', '<password>', '${DB_PASSWORD}', '$(DB_PASSWORD)', '{{ .Values.pw }}', '/run/secrets/pw', '3600', 'true', 'xxxxx', 'https://auth.example.com/token'])('%p is a placeholder', (v) => {
    expect(isPlaceholderValue(v)).toBe(true);
  });
  test.each(['hunter2-Secret', 'S3cr3t!pass', 'postgres://u:p4ssw0rd@db/x'])('%p is not', (v) => {
    expect(isPlaceholderValue(v)).toBe(false);
  });
});

describe('findKnownToken', () => {
  test.each([
    ['AKIAIOSFODNN7EXAMPLE', 'AWS'],
    [`ghp_${'a1B2'.repeat(9)}`, 'GitHub'],
    ['xoxb-123456789012-abcdefABCDEF', 'Slack'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'JSON Web Token'],
    ['postgres://app:s3cretPw@db:5432/app', 'URL'],
  ])('%s', (text, kind) => {
    expect(findKnownToken(`prefix ${text} suffix`)?.kind).toContain(kind);
  });
  test('URLs with placeholder passwords are not tokens', () => {
    expect(findKnownToken('postgres://app:${DB_PASSWORD}@db/app')).toBeUndefined();
    expect(findKnownToken('https://example.com/path')).toBeUndefined();
  });
});

describe('private keys and kubeconfigs', () => {
  const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
  test('PEM blocks', () => {
    expect(findPrivateKey(`-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`)).toBe('RSA');
    expect(findPrivateKey(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`)).toBe('OPENSSH');
    expect(findPrivateKey(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`)).toBe('');
    expect(findPrivateKey('-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----')).toBeUndefined();
    expect(findPrivateKey(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`)).toBeUndefined();
  });
  test('kubeconfigs', () => {
    const base = 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://k8s\nusers:\n- name: u\n  user:\n';
    expect(isKubeconfigWithCredentials(`${base}    token: abcdefghijklmnop\n`)).toBe(true);
    expect(isKubeconfigWithCredentials(`${base}    client-key-data: ${body}\n`)).toBe(true);
    expect(isKubeconfigWithCredentials(`${base}    exec:\n      command: aws\n`)).toBe(false);
    expect(isKubeconfigWithCredentials('token: abcdefghijklmnop')).toBe(false);
  });
});

describe('isHighEntropyToken', () => {
  test.each(['Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5a', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'])('%s is random-looking', (v) => {
    expect(isHighEntropyToken(v)).toBe(true);
  });
  test.each(['a'.repeat(40), 'f1bc8270ee7fbb6ca294f9bb23acf33e36059ce356182b6c9f1167963ffbd8de', '123e4567-e89b-12d3-a456-426614174000', 'short1A', 'my-application-name-frontend', 'ThisIsJustCamelCaseConfigName', 'hello world this is a sentence'])('%s is not', (v) => {
    expect(isHighEntropyToken(v)).toBe(false);
  });
});

describe('credentialIn', () => {
  test('reports by name, token or entropy, never with the full value', () => {
    expect(credentialIn('DB_PASSWORD', 'hunter2-Secret')?.shown).toBe('"hunt…" (14 characters)');
    expect(credentialIn('CONFIG', 'AKIAIOSFODNN7EXAMPLE')?.reason).toContain('AWS');
    expect(credentialIn('SESSION', 'Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5a')?.reason).toContain('high-entropy');
  });
  test('does not report placeholders, ordinary settings or public certificates', () => {
    expect(credentialIn('DB_PASSWORD', 'changeme')).toBeUndefined();
    expect(credentialIn('DB_PASSWORD', '$(FROM_SECRET)')).toBeUndefined();
    expect(credentialIn('LOG_LEVEL', 'info')).toBeUndefined();
    expect(credentialIn('ca.crt', '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ3Ykz0kK3r7xwJX5XK1p0zK5cYcwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----\n')).toBeUndefined();
  });
  test('never throws and never shows more than 4 characters of the value', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 0, maxLength: 200 }), (name, value) => {
        const found = credentialIn(name, value);
        if (found !== undefined) expect(found.shown).toMatch(/^"[\s\S]{0,4}…" \(\d+ characters\)$/u);
      }),
    );
  });
});

describe('performance on adversarial input', () => {
  test.each([
    ['dotted words', 'a.'.repeat(200_000)],
    ['blank lines', '\n'.repeat(200_000)],
    ['scheme-like', 'x://a:'.repeat(50_000)],
    ['unterminated PEM', '-----BEGIN CERTIFICATE-----\n'.repeat(5_000)],
    ['base64', 'Zx8Kq2LmN4pR7sT1'.repeat(20_000)],
  ])('%s stays fast', (_name, text) => {
    const start = Date.now();
    credentialIn('PASSWORD', text);
    credentialIn('data', `users:\n${text}`);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
