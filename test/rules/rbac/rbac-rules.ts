/** The rbac rules, listed here until rules/index.ts registers them. */
import type { AnyRule } from '../../../src/engine/rule';
import authenticatedBinding from '../../../rules/rbac/authenticated-binding';
import bindingWithoutSubjects from '../../../rules/rbac/binding-without-subjects';
import clusterAdminBinding from '../../../rules/rbac/cluster-admin-binding';
import criticalPermission from '../../../rules/rbac/critical-permission';
import defaultServiceAccountBinding from '../../../rules/rbac/default-service-account-binding';
import defaultServiceAccountToken from '../../../rules/rbac/default-service-account-token';
import escalationPath from '../../../rules/rbac/escalation-path';
import highRiskPermission from '../../../rules/rbac/high-risk-permission';
import ineffectiveRule from '../../../rules/rbac/ineffective-rule';
import invalidBinding from '../../../rules/rbac/invalid-binding';
import missingResourceNames from '../../../rules/rbac/missing-resource-names';
import missingRole from '../../../rules/rbac/missing-role';
import powerfulWorkload from '../../../rules/rbac/powerful-workload';
import publicBinding from '../../../rules/rbac/public-binding';
import roleOutsideRun from '../../../rules/rbac/role-outside-run';
import sensitivePermission from '../../../rules/rbac/sensitive-permission';
import unboundRole from '../../../rules/rbac/unbound-role';
import undefinedServiceAccount from '../../../rules/rbac/undefined-service-account';
import unusedToken from '../../../rules/rbac/unused-token';
import wildcardRule from '../../../rules/rbac/wildcard-rule';
import { BUILTIN_RULES } from '../../../rules';

export const RBAC_RULES: readonly AnyRule[] = [
  criticalPermission,
  highRiskPermission,
  sensitivePermission,
  escalationPath,
  publicBinding,
  authenticatedBinding,
  clusterAdminBinding,
  missingRole,
  roleOutsideRun,
  undefinedServiceAccount,
  bindingWithoutSubjects,
  invalidBinding,
  defaultServiceAccountBinding,
  defaultServiceAccountToken,
  powerfulWorkload,
  unusedToken,
  wildcardRule,
  ineffectiveRule,
  unboundRole,
  missingResourceNames,
] as AnyRule[];

/** Built-in rules plus the rbac rules (without duplicates once they are registered). */
export const ALL_RULES: readonly AnyRule[] = [...BUILTIN_RULES.filter((r) => !r.meta.id.startsWith('rbac/')), ...RBAC_RULES];
