/** Polaris per-check fixtures and webhook cases (see docs/conformance.md). */
import { lintTexts } from '../engine/helpers';
import { BUILTIN_RULES } from '../../rules';
import { describePeerConformance } from './peers';

describePeerConformance('Polaris', { cases: 327, agreed: 233, disagreed: 81, intended: 81, noEquivalent: 13 }, (report) => {
  test('the three test-only custom checks run through their custom-rule mirrors and agree', () => {
    const custom = report().results.filter((r) => ['nakedPod', 'oneController', 'resourceRange'].includes(r.check));
    expect(custom).toHaveLength(8);
    expect(custom.every((r) => r.agreed === true)).toBe(true);
  });
});

// The placeholder deviation of sensitiveConfigmapContent: the same keys with real-looking values are reported.
test('credential-like ConfigMap keys with real-looking values are reported (Polaris sensitiveConfigmapContent)', () => {
  const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: test-config
data:
  AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  AZURE_BATCH_KEY: Zx8Kq2LmN4pR7sT1vW3yB6dF9hJ0cG5aQw8Er7Ty6Ui5Op4As3Df2Gh1Jk0L==
  OCI_CLI_KEY_CONTENT: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
    -----END RSA PRIVATE KEY-----
`;
  const rules = ['security/secret-in-configmap', 'security/private-key-in-config'];
  const { findings } = lintTexts({ 'cm.yaml': configMap }, { rules: BUILTIN_RULES.filter((r) => rules.includes(r.meta.id)) });
  expect(findings.map((f) => f.path)).toEqual(['data.AWS_SECRET_ACCESS_KEY', 'data.AZURE_BATCH_KEY', 'data.OCI_CLI_KEY_CONTENT']);
});
