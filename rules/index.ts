/**
 * Every built-in rule, in one list. A test checks that each module under rules/ is listed
 * here exactly once and that ids are unique.
 */
import type { AnyRule } from '../src/engine/rule';
import deprecationRemovedApi from './deprecation/removed-api';
import metadataLiveObjectFields from './metadata/live-object-fields';
import metadataUnusedSuppression from './metadata/unused-suppression';
import networkDeadRule from './network/dead-rule';
import networkExposedServiceUnprotected from './network/exposed-service-unprotected';
import networkIngressControllerBlocked from './network/ingress-controller-blocked';
import networkInvalidPolicy from './network/invalid-policy';
import networkMissingDefaultDeny from './network/missing-default-deny';
import networkMissingDefaultDenyEgress from './network/missing-default-deny-egress';
import networkOverlyBroadEgress from './network/overly-broad-egress';
import networkOverlyBroadIngress from './network/overly-broad-ingress';
import networkPolicySelectsNothing from './network/policy-selects-nothing';
import networkRedundantRule from './network/redundant-rule';
import networkUnprotectedWorkload from './network/unprotected-workload';
import networkUnresolvedNamedPort from './network/unresolved-named-port';
import rbacAuthenticatedBinding from './rbac/authenticated-binding';
import rbacBindingWithoutSubjects from './rbac/binding-without-subjects';
import rbacClusterAdminBinding from './rbac/cluster-admin-binding';
import rbacCriticalPermission from './rbac/critical-permission';
import rbacDefaultServiceAccountBinding from './rbac/default-service-account-binding';
import rbacDefaultServiceAccountToken from './rbac/default-service-account-token';
import rbacEscalationPath from './rbac/escalation-path';
import rbacHighRiskPermission from './rbac/high-risk-permission';
import rbacIneffectiveRule from './rbac/ineffective-rule';
import rbacInvalidBinding from './rbac/invalid-binding';
import rbacMissingResourceNames from './rbac/missing-resource-names';
import rbacMissingRole from './rbac/missing-role';
import rbacPowerfulWorkload from './rbac/powerful-workload';
import rbacPublicBinding from './rbac/public-binding';
import rbacRoleOutsideRun from './rbac/role-outside-run';
import rbacSensitivePermission from './rbac/sensitive-permission';
import rbacUnboundRole from './rbac/unbound-role';
import rbacUndefinedServiceAccount from './rbac/undefined-service-account';
import rbacUnusedToken from './rbac/unused-token';
import rbacWildcardRule from './rbac/wildcard-rule';
import referenceDanglingReference from './reference/dangling-reference';
import referenceDuplicateListKey from './reference/duplicate-list-key';
import referenceDuplicateObject from './reference/duplicate-object';
import referenceHpaMissingRequests from './reference/hpa-missing-requests';
import referenceHpaTarget from './reference/hpa-target';
import referenceIngressServicePort from './reference/ingress-service-port';
import referenceMissingKey from './reference/missing-key';
import referenceOverlappingSelectors from './reference/overlapping-selectors';
import referencePdbSelectsNothing from './reference/pdb-selects-nothing';
import referenceServiceMultipleWorkloads from './reference/service-multiple-workloads';
import referenceServicePortUndeclared from './reference/service-port-undeclared';
import referenceServiceSelectsNothing from './reference/service-selects-nothing';
import referenceServiceTargetPort from './reference/service-target-port';
import referenceStatefulsetService from './reference/statefulset-service';
import referenceUnresolvedReference from './reference/unresolved-reference';
import reliabilityCronjobPolicy from './reliability/cronjob-policy';
import reliabilityIdenticalProbes from './reliability/identical-probes';
import reliabilityImplausibleResources from './reliability/implausible-resources';
import reliabilityJobLimits from './reliability/job-limits';
import reliabilityLivenessWithoutStartup from './reliability/liveness-without-startup';
import reliabilityMissingPdb from './reliability/missing-pdb';
import reliabilityMissingProbe from './reliability/missing-probe';
import reliabilityMissingResources from './reliability/missing-resources';
import reliabilityNoPodSpread from './reliability/no-pod-spread';
import reliabilityPdbBlocksEviction from './reliability/pdb-blocks-eviction';
import reliabilityPdbWithoutBudget from './reliability/pdb-without-budget';
import reliabilityProbePort from './reliability/probe-port';
import reliabilityReplicasWithAutoscaler from './reliability/replicas-with-autoscaler';
import reliabilityRolloutStrategy from './reliability/rollout-strategy';
import reliabilitySingleReplica from './reliability/single-replica';
import reliabilityZeroGracePeriod from './reliability/zero-grace-period';
import imageAllowedRegistries from './image/allowed-registries';
import imageDeprecatedRegistry from './image/deprecated-registry';
import imageLatestTag from './image/latest-tag';
import imageNoDigest from './image/no-digest';
import imagePullPolicy from './image/pull-policy';
import securityCommittedSecret from './security/committed-secret';
import securityDangerousCapability from './security/dangerous-capability';
import securityDefaultServiceAccount from './security/default-service-account';
import securityPrivateKeyInConfig from './security/private-key-in-config';
import securityRootGroup from './security/root-group';
import securitySecretAsEnv from './security/secret-as-env';
import securitySecretFileMode from './security/secret-file-mode';
import securitySecretInConfigmap from './security/secret-in-configmap';
import securitySecretInEnv from './security/secret-in-env';
import securitySensitiveHostMount from './security/sensitive-host-mount';
import securityShareProcessNamespace from './security/share-process-namespace';
import securityWritableHostMount from './security/writable-host-mount';
import securityWritableRootFilesystem from './security/writable-root-filesystem';
import schemaApiRequired from './schema/api-required';
import schemaCrdNotChecked from './schema/crd-not-checked';
import schemaDuplicateEnv from './schema/duplicate-env';
import schemaDuplicateName from './schema/duplicate-name';
import schemaDuplicatePort from './schema/duplicate-port';
import schemaIngressRule from './schema/ingress-rule';
import schemaInvalidAnnotation from './schema/invalid-annotation';
import schemaInvalidCronSchedule from './schema/invalid-cron-schedule';
import schemaInvalidEnum from './schema/invalid-enum';
import schemaInvalidLabel from './schema/invalid-label';
import schemaInvalidName from './schema/invalid-name';
import schemaInvalidPodField from './schema/invalid-pod-field';
import schemaInvalidResources from './schema/invalid-resources';
import schemaPdbConflict from './schema/pdb-conflict';
import schemaSelectorMismatch from './schema/selector-mismatch';
import schemaInvalidType from './schema/invalid-type';
import schemaInvalidValue from './schema/invalid-value';
import schemaMissingApiVersionOrKind from './schema/missing-api-version-or-kind';
import schemaMissingCrd from './schema/missing-crd';
import schemaNotAnObject from './schema/not-an-object';
import schemaNotKubernetes from './schema/not-kubernetes';
import schemaRequiredField from './schema/required-field';
import schemaUnknownField from './schema/unknown-field';
import schemaUnknownKind from './schema/unknown-kind';
import securityPodSecurity from './security/pod-security';
import securityPodSecurityRestricted from './security/pod-security-restricted';
import securityPspAdmission from './security/psp-admission';
import securityPspInvalidPolicy from './security/psp-invalid-policy';
import securityPspUnsafePolicy from './security/psp-unsafe-policy';
import yamlAliasLimit from './yaml/alias-limit';
import yamlComplexKey from './yaml/complex-key';
import yamlDuplicateKey from './yaml/duplicate-key';
import yamlImplicitType from './yaml/implicit-type';
import yamlInvalidEncoding from './yaml/invalid-encoding';
import yamlLostIndentation from './yaml/lost-indentation';
import yamlMissingSpaceAfterColon from './yaml/missing-space-after-colon';
import yamlSlashComment from './yaml/slash-comment';
import yamlSyntax from './yaml/syntax';
import yamlTabIndentation from './yaml/tab-indentation';
import yamlUnknownTag from './yaml/unknown-tag';
import yamlUnreadableFile from './yaml/unreadable-file';

export const BUILTIN_RULES: readonly AnyRule[] = [
  yamlSyntax,
  yamlDuplicateKey,
  yamlTabIndentation,
  yamlMissingSpaceAfterColon,
  yamlSlashComment,
  yamlUnknownTag,
  yamlComplexKey,
  yamlImplicitType,
  yamlAliasLimit,
  yamlInvalidEncoding,
  yamlUnreadableFile,
  yamlLostIndentation,
  schemaNotKubernetes,
  schemaNotAnObject,
  schemaMissingApiVersionOrKind,
  schemaUnknownKind,
  schemaUnknownField,
  schemaInvalidType,
  schemaRequiredField,
  schemaApiRequired,
  schemaInvalidValue,
  schemaMissingCrd,
  schemaCrdNotChecked,
  schemaInvalidName,
  schemaInvalidLabel,
  schemaInvalidAnnotation,
  schemaInvalidPodField,
  schemaDuplicateName,
  schemaDuplicateEnv,
  schemaDuplicatePort,
  schemaInvalidEnum,
  schemaSelectorMismatch,
  schemaInvalidResources,
  schemaInvalidCronSchedule,
  schemaPdbConflict,
  schemaIngressRule,
  metadataUnusedSuppression,
  metadataLiveObjectFields,
  deprecationRemovedApi,
  securityPodSecurity,
  securityPodSecurityRestricted,
  securityPspAdmission,
  securityPspInvalidPolicy,
  securityPspUnsafePolicy,
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
  securitySecretAsEnv,
  securitySecretFileMode,
  securitySecretInConfigmap,
  securitySecretInEnv,
  securitySensitiveHostMount,
  securityShareProcessNamespace,
  securityWritableHostMount,
  securityWritableRootFilesystem,
  rbacAuthenticatedBinding,
  rbacBindingWithoutSubjects,
  rbacClusterAdminBinding,
  rbacCriticalPermission,
  rbacDefaultServiceAccountBinding,
  rbacDefaultServiceAccountToken,
  rbacEscalationPath,
  rbacHighRiskPermission,
  rbacIneffectiveRule,
  rbacInvalidBinding,
  rbacMissingResourceNames,
  rbacMissingRole,
  rbacPowerfulWorkload,
  rbacPublicBinding,
  rbacRoleOutsideRun,
  rbacSensitivePermission,
  rbacUnboundRole,
  rbacUndefinedServiceAccount,
  rbacUnusedToken,
  rbacWildcardRule,
  networkDeadRule,
  networkExposedServiceUnprotected,
  networkIngressControllerBlocked,
  networkInvalidPolicy,
  networkMissingDefaultDeny,
  networkMissingDefaultDenyEgress,
  networkOverlyBroadEgress,
  networkOverlyBroadIngress,
  networkPolicySelectsNothing,
  networkRedundantRule,
  networkUnprotectedWorkload,
  networkUnresolvedNamedPort,
  referenceDanglingReference,
  referenceDuplicateListKey,
  referenceDuplicateObject,
  referenceHpaMissingRequests,
  referenceHpaTarget,
  referenceIngressServicePort,
  referenceMissingKey,
  referenceOverlappingSelectors,
  referencePdbSelectsNothing,
  referenceServiceMultipleWorkloads,
  referenceServicePortUndeclared,
  referenceServiceSelectsNothing,
  referenceServiceTargetPort,
  referenceStatefulsetService,
  referenceUnresolvedReference,
  reliabilityCronjobPolicy,
  reliabilityIdenticalProbes,
  reliabilityImplausibleResources,
  reliabilityJobLimits,
  reliabilityLivenessWithoutStartup,
  reliabilityMissingPdb,
  reliabilityMissingProbe,
  reliabilityMissingResources,
  reliabilityNoPodSpread,
  reliabilityPdbBlocksEviction,
  reliabilityPdbWithoutBudget,
  reliabilityProbePort,
  reliabilityReplicasWithAutoscaler,
  reliabilityRolloutStrategy,
  reliabilitySingleReplica,
  reliabilityZeroGracePeriod,
];
