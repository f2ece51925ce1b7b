/**
 * Rule matching, ported from the API server (k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go):
 * a PolicyRule allows a request iff its verb, API group, resource (with `*` and star-slash-subresource wildcards),
 * resource name and non-resource URL (with a trailing `*` prefix match) all match. Rules are
 * compiled once into sets so the checks are constant time.
 */
import type { PolicyRule, RequestAttributes, ResourceAttributes } from './types';

export const VERB_ALL = '*';
export const API_GROUP_ALL = '*';
export const RESOURCE_ALL = '*';
export const NON_RESOURCE_ALL = '*';

export interface CompiledRule {
  readonly rule: PolicyRule;
  readonly verbAll: boolean;
  readonly verbs: ReadonlySet<string>;
  readonly groupAll: boolean;
  readonly groups: ReadonlySet<string>;
  readonly resourceAll: boolean;
  /** Exact `resource` and `resource/subresource` entries. */
  readonly resources: ReadonlySet<string>;
  /** Subresources of `*` + `/subresource` entries. */
  readonly anySubresource: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  readonly urlAll: boolean;
  readonly urls: ReadonlySet<string>;
  /** Prefixes of URL entries ending in `*` (trailing stars removed, as strings.TrimRight does). */
  readonly urlPrefixes: readonly string[];
}

export function compileRule(rule: PolicyRule): CompiledRule {
  const anySubresource = new Set<string>();
  for (const resource of rule.resources) {
    if (resource.startsWith('*/') && resource.length > 2) anySubresource.add(resource.slice(2));
  }
  const urlPrefixes: string[] = [];
  for (const url of rule.nonResourceURLs) {
    if (url.endsWith('*')) urlPrefixes.push(url.replace(/\*+$/, ''));
  }
  return {
    rule,
    verbAll: rule.verbs.includes(VERB_ALL),
    verbs: new Set(rule.verbs),
    groupAll: rule.apiGroups.includes(API_GROUP_ALL),
    groups: new Set(rule.apiGroups),
    resourceAll: rule.resources.includes(RESOURCE_ALL),
    resources: new Set(rule.resources),
    anySubresource,
    names: new Set(rule.resourceNames),
    urlAll: rule.nonResourceURLs.includes(NON_RESOURCE_ALL),
    urls: new Set(rule.nonResourceURLs),
    urlPrefixes,
  };
}

export function verbMatches(rule: CompiledRule, verb: string): boolean {
  return rule.verbAll || rule.verbs.has(verb);
}

export function apiGroupMatches(rule: CompiledRule, group: string): boolean {
  return rule.groupAll || rule.groups.has(group);
}

/** `resource` alone, or `resource/subresource` when the request has a subresource. */
export function combinedResource(resource: string, subresource: string): string {
  return subresource === '' ? resource : `${resource}/${subresource}`;
}

export function resourceMatches(rule: CompiledRule, resource: string, subresource: string): boolean {
  if (rule.resourceAll) return true;
  if (rule.resources.has(combinedResource(resource, subresource))) return true;
  return subresource !== '' && rule.anySubresource.has(subresource);
}

export function resourceNameMatches(rule: CompiledRule, name: string): boolean {
  return rule.names.size === 0 || rule.names.has(name);
}

export function nonResourceURLMatches(rule: CompiledRule, path: string): boolean {
  if (rule.urlAll || rule.urls.has(path)) return true;
  return rule.urlPrefixes.some((prefix) => path.startsWith(prefix));
}

/** RuleAllows: true when the rule allows the request. */
export function ruleAllows(rule: CompiledRule, request: RequestAttributes): boolean {
  if (request.kind === 'nonResource') return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  return (
    verbMatches(rule, request.verb) &&
    apiGroupMatches(rule, request.apiGroup) &&
    resourceMatches(rule, request.resource, request.subresource) &&
    resourceNameMatches(rule, request.name)
  );
}

/**
 * Whether the rule grants a verb on a resource for some object: 'all' when it is not limited by
 * resourceNames, 'named' when it is limited to the listed objects, undefined when it does not.
 */
export function ruleCovers(rule: CompiledRule, request: Omit<ResourceAttributes, 'name' | 'namespace' | 'kind'>): 'all' | 'named' | undefined {
  if (!verbMatches(rule, request.verb) || !apiGroupMatches(rule, request.apiGroup) || !resourceMatches(rule, request.resource, request.subresource)) return undefined;
  return rule.names.size === 0 ? 'all' : 'named';
}

/** Splits `pods/exec` into resource and subresource (only the first slash separates). */
export function splitResource(text: string): { resource: string; subresource: string } {
  const slash = text.indexOf('/');
  return slash < 0 ? { resource: text, subresource: '' } : { resource: text.slice(0, slash), subresource: text.slice(slash + 1) };
}
