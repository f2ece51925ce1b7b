/**
 * A plain, line-by-line port of the API server's rule evaluation (evaluation_helpers.go) and
 * VisitRulesFor, with no compilation or indexes, to compare the production model against.
 */
import type { PolicyRule, RequestAttributes } from '../../../src/analysis/rbac/types';

export function refVerbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  for (const ruleVerb of rule.verbs) {
    if (ruleVerb === '*') return true;
    if (ruleVerb === requestedVerb) return true;
  }
  return false;
}

export function refAPIGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  for (const ruleGroup of rule.apiGroups) {
    if (ruleGroup === '*') return true;
    if (ruleGroup === requestedGroup) return true;
  }
  return false;
}

export function refResourceMatches(rule: PolicyRule, combinedRequestedResource: string, requestedSubresource: string): boolean {
  for (const ruleResource of rule.resources) {
    if (ruleResource === '*') return true;
    if (ruleResource === combinedRequestedResource) return true;
    if (requestedSubresource.length === 0) continue;
    if (ruleResource.length === requestedSubresource.length + 2 && ruleResource.startsWith('*/') && ruleResource.endsWith(requestedSubresource)) return true;
  }
  return false;
}

export function refResourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const ruleName of rule.resourceNames) if (ruleName === requestedName) return true;
  return false;
}

function trimRight(s: string, cutset: string): string {
  let end = s.length;
  while (end > 0 && cutset.includes(s[end - 1])) end--;
  return s.slice(0, end);
}

export function refNonResourceURLMatches(rule: PolicyRule, requestedURL: string): boolean {
  for (const ruleURL of rule.nonResourceURLs) {
    if (ruleURL === '*') return true;
    if (ruleURL === requestedURL) return true;
    if (ruleURL.endsWith('*') && requestedURL.startsWith(trimRight(ruleURL, '*'))) return true;
  }
  return false;
}

export function refRuleAllows(request: RequestAttributes, rule: PolicyRule): boolean {
  if (request.kind === 'resource') {
    let combinedResource = request.resource;
    if (request.subresource.length > 0) combinedResource = `${request.resource}/${request.subresource}`;
    return refVerbMatches(rule, request.verb) && refAPIGroupMatches(rule, request.apiGroup) && refResourceMatches(rule, combinedResource, request.subresource) && refResourceNameMatches(rule, request.name);
  }
  return refVerbMatches(rule, request.verb) && refNonResourceURLMatches(rule, request.path);
}

export interface RefSubject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface RefBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace: string;
  subjects: RefSubject[];
  rules: PolicyRule[];
}

export interface RefUser {
  name: string;
  groups: readonly string[];
}

function refAppliesToUser(user: RefUser, subject: RefSubject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      let saNamespace = namespace;
      if (subject.namespace !== undefined && subject.namespace.length > 0) saNamespace = subject.namespace;
      if (saNamespace.length === 0) return false;
      return user.name === `system:serviceaccount:${saNamespace}:${subject.name}`;
    }
    default:
      return false;
  }
}

/** RBACAuthorizer.Authorize over plain bindings (roles already resolved to their rules). */
export function refAuthorize(bindings: readonly RefBinding[], user: RefUser, request: RequestAttributes): boolean {
  const namespace = request.kind === 'resource' ? request.namespace : '';
  for (const b of bindings) {
    if (b.kind !== 'ClusterRoleBinding') continue;
    if (!b.subjects.some((s) => refAppliesToUser(user, s, ''))) continue;
    if (b.rules.some((r) => refRuleAllows(request, r))) return true;
  }
  if (namespace.length > 0) {
    for (const b of bindings) {
      if (b.kind !== 'RoleBinding' || b.namespace !== namespace) continue;
      if (!b.subjects.some((s) => refAppliesToUser(user, s, namespace))) continue;
      if (b.rules.some((r) => refRuleAllows(request, r))) return true;
    }
  }
  return false;
}
