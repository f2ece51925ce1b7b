/** The rules beyond Pod Security (security, secrets) and the image rules, for tests that run them alone. */
import type { AnyRule } from '../../../../src/engine/rule';
import imageAllowedRegistries from '../../../../rules/image/allowed-registries';
import imageDeprecatedRegistry from '../../../../rules/image/deprecated-registry';
import imageLatestTag from '../../../../rules/image/latest-tag';
import imageNoDigest from '../../../../rules/image/no-digest';
import imagePullPolicy from '../../../../rules/image/pull-policy';
import securityCommittedSecret from '../../../../rules/security/committed-secret';
import securityDangerousCapability from '../../../../rules/security/dangerous-capability';
import securityDefaultServiceAccount from '../../../../rules/security/default-service-account';
import securityPrivateKeyInConfig from '../../../../rules/security/private-key-in-config';
import securityRootGroup from '../../../../rules/security/root-group';
import securitySecretFileMode from '../../../../rules/security/secret-file-mode';
import securitySecretInConfigmap from '../../../../rules/security/secret-in-configmap';
import securitySecretInEnv from '../../../../rules/security/secret-in-env';
import securitySensitiveHostMount from '../../../../rules/security/sensitive-host-mount';
import securityShareProcessNamespace from '../../../../rules/security/share-process-namespace';
import securityWritableHostMount from '../../../../rules/security/writable-host-mount';
import securityWritableRootFilesystem from '../../../../rules/security/writable-root-filesystem';

export const NEW_RULES: readonly AnyRule[] = [
  imageAllowedRegistries,
  imageDeprecatedRegistry,
  imageLatestTag,
  imageNoDigest,
  imagePullPolicy,
  securityCommittedSecret,
  securityDangerousCapability,
  securityDefaultServiceAccount,
  securityPrivateKeyInConfig,
  securityRootGroup,
  securitySecretFileMode,
  securitySecretInConfigmap,
  securitySecretInEnv,
  securitySensitiveHostMount,
  securityShareProcessNamespace,
  securityWritableHostMount,
  securityWritableRootFilesystem,
] as AnyRule[];
