import { analysisOf, isBootstrapObject } from '../../src/analysis/rbac/findings';
import { describeBinding } from '../../src/analysis/rbac/parse';
import type { FieldPath } from '../../src/model/path';
import type { PolicyRule, RoleDef } from '../../src/analysis/rbac/types';
import type { RbacAnalysis } from '../../src/analysis/rbac/analysis';
import { defineRunRule } from '../../src/engine/rule';

interface Problem {
  path: FieldPath;
  message: string;
}

const ROLE_RESOURCES = new Set(['roles', 'clusterroles', '*']);
const IMPERSONABLE = new Set(['users', 'groups', 'serviceaccounts', 'uids', '*']);

function at(i: number, field: string, values: readonly string[], value: string): FieldPath {
  const j = values.indexOf(value);
  return j < 0 ? ['rules', i, field] : ['rules', i, field, j];
}

function verbProblems(rule: PolicyRule, i: number): Problem[] {
  const out: Problem[] = [];
  if (rule.verbs.length === 0) out.push({ path: ['rules', i], message: 'this rule has no verbs, so it grants nothing' });
  if (rule.verbs.includes('')) out.push({ path: at(i, 'verbs', rule.verbs, ''), message: 'an empty verb matches no request' });
  const resources = rule.resources;
  if (resources.length === 0) return out;
  for (const verb of ['bind', 'escalate']) {
    if (rule.verbs.includes(verb) && !resources.some((r) => ROLE_RESOURCES.has(r))) {
      out.push({ path: at(i, 'verbs', rule.verbs, verb), message: `the API server checks \`${verb}\` only on roles and clusterroles (the role a binding references or a role being written), never on ${resources.join(', ')}: this grants nothing` });
    }
  }
  if (rule.verbs.includes('impersonate') && !resources.some((r) => IMPERSONABLE.has(r) || r.startsWith('userextras/'))) {
    out.push({ path: at(i, 'verbs', rule.verbs, 'impersonate'), message: `\`impersonate\` is only checked on users, groups, serviceaccounts, uids and userextras, never on ${resources.join(', ')}: this grants nothing` });
  }
  if (rule.resourceNames.length > 0) {
    const unnamed = rule.verbs.filter((v) => v === 'create' || v === 'deletecollection');
    if (unnamed.length > 0) out.push({ path: ['rules', i, 'resourceNames'], message: `${unnamed.join(' and ')} requests carry no object name, so with resourceNames this rule never grants ${unnamed.join(' or ')}` });
  }
  return out;
}

function resourceProblems(rule: PolicyRule, i: number): Problem[] {
  const out: Problem[] = [];
  if (rule.resources.length > 0 && rule.apiGroups.length === 0) out.push({ path: ['rules', i], message: 'this rule lists resources but no apiGroups, so it matches no request: add `apiGroups: [""]` for the core group (or the resources\' group)' });
  for (const resource of rule.resources) {
    if (resource.endsWith('/*') && resource !== '*/*') {
      out.push({ path: at(i, 'resources', rule.resources, resource), message: `\`${resource}\` is not a wildcard: it only matches a subresource literally named \`*\`; list the subresources (e.g. ${resource.slice(0, -1)}exec) or use \`*/subresource\`` });
    }
  }
  return out;
}

function urlProblems(analysis: RbacAnalysis, role: RoleDef, rule: PolicyRule, i: number): Problem[] {
  if (rule.nonResourceURLs.length === 0) return [];
  if (role.kind === 'Role') return [{ path: ['rules', i, 'nonResourceURLs'], message: 'a Role cannot grant nonResourceURLs (they are not namespaced); the API server rejects the Role: move the rule to a ClusterRole bound by a ClusterRoleBinding' }];
  const bindings = analysis.policy.bindingsOf(role);
  if (bindings.length === 0 || bindings.some((b) => b.kind === 'ClusterRoleBinding')) return [];
  return [{ path: ['rules', i, 'nonResourceURLs'], message: `non-resource URLs are granted only through ClusterRoleBindings, and this ClusterRole is bound only by RoleBindings (${bindings.slice(0, 2).map(describeBinding).join(', ')}): the URLs are granted to nobody` }];
}

export default defineRunRule({
  meta: {
    id: 'rbac/ineffective-rule',
    category: 'rbac',
    severity: 'info',
    description: 'A role rule (or part of it) can never grant anything: verbs the API server never checks on those resources, resourceNames with create, missing apiGroups, `pods/*`, non-resource URLs outside a ClusterRoleBinding.',
    rationale:
      'RBAC fails closed: a rule that does not match grants nothing and nothing reports it. Common cases are `bind` or `escalate` on rolebindings (the API server checks them on roles/clusterroles), `impersonate` on anything but users, groups, serviceaccounts, uids and userextras, resourceNames together with create or deletecollection (those requests have no name), resources without apiGroups, `pods/*` (not a wildcard: only `*` and `*/subresource` are), an empty verb, and nonResourceURLs in a Role or in a ClusterRole bound only by RoleBindings. Either the rule is dead weight or the permission the author wanted is missing.',
    fix: 'Rewrite the rule as the message says, or remove it.',
    examples: {
      bad: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: binder\n  namespace: shop\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["rolebindings"]\n    verbs: ["bind"]\n',
      good: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: binder\n  namespace: shop\nrules:\n  - apiGroups: ["rbac.authorization.k8s.io"]\n    resources: ["clusterroles"]\n    resourceNames: ["view"]\n    verbs: ["bind"]\n',
    },
  },
  check(_run, context) {
    const analysis = analysisOf(context);
    for (const role of analysis.policy.roles) {
      const object = role.object;
      if (object === undefined || isBootstrapObject(object) || role.aggregation !== undefined) continue;
      for (const { rule, index } of role.rules) {
        for (const problem of [...verbProblems(rule, index), ...resourceProblems(rule, index), ...urlProblems(analysis, role, rule, index)]) {
          context.report({ object, path: problem.path, message: problem.message });
        }
      }
    }
  },
});
