/** Pod Security Standards: evaluation as Pod Security Admission does it, per level and version. */
export { ALL_CHECKS, checksFor, evaluatePodSecurity, podFacts, podSecurityMessage, violationKey, OVERRIDDEN_BY, type EvaluateOptions } from './evaluate';
export { namespacePolicy, isLevel, compareLevels, LABEL_PREFIX, LEVELS, MODES, type LevelVersion, type Mode, type NamespacePolicy } from './policy';
export { displayVersion, effectiveMinor, parseLabelVersion, parseVersion, NEWEST_KNOWN_MINOR } from './version';
export { advisoryViolations, enforcedViolations, podSecurityFindings, policyForObject, violationPath, POD_SECURITY_OPTIONS, type PodSecurityOptions } from './workload';
export type { CheckLevel, ControlId, Level, PodSecurityViolation } from './types';
