/**
 * The two questions of `kubevet rbac`: who can do something (subjects with the binding and role
 * that grant it), and what a subject can do (its effective rules, merged per namespace).
 */
import { ruleAllows } from './matcher';
import { describeBinding, describeRole } from './parse';
import type { RbacPolicy } from './policy';
import { isClusterScopedResource } from './resources';
import { subjectKey, userOf } from './subjects';
import type { BindingDef, RequestAttributes, RoleDef, Subject } from './types';

export interface Via {
  readonly binding: string;
  readonly role: string;
}

export interface WhoCanRow {
  readonly subject: Subject;
  readonly via: readonly Via[];
}

/** A who-can question; `namespace` undefined means "in any namespace (or cluster-wide)". */
export interface WhoCanQuery {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  readonly namespace: string | undefined;
  /** Set for non-resource URLs such as /healthz (then the resource fields are ignored). */
  readonly path?: string;
}

const KIND_ORDER: Readonly<Record<string, number>> = { Group: 0, ServiceAccount: 1, User: 2 };

export function compareSubjects(a: Subject, b: Subject): number {
  if (a.kind !== b.kind) return (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9);
  const an = a.namespace ?? '';
  const bn = b.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function via(binding: BindingDef, role: RoleDef): Via {
  return { binding: describeBinding(binding), role: describeRole(role) };
}

/** The request a binding would have to allow: its own namespace when the query names none. */
function requestFor(query: WhoCanQuery, binding: BindingDef): RequestAttributes | undefined {
  if (query.path !== undefined) return binding.kind === 'ClusterRoleBinding' ? { kind: 'nonResource', verb: query.verb, path: query.path } : undefined;
  const isNamespaceObject = query.apiGroup === '' && query.resource === 'namespaces';
  let namespace: string;
  if (isNamespaceObject) namespace = query.name !== '' ? query.name : (query.namespace ?? binding.namespace ?? '');
  else if (isClusterScopedResource(query.apiGroup, query.resource)) namespace = '';
  else namespace = query.namespace ?? binding.namespace ?? '*';
  if (binding.kind === 'RoleBinding' && namespace !== binding.namespace) return undefined;
  return { kind: 'resource', verb: query.verb, apiGroup: query.apiGroup, resource: query.resource, subresource: query.subresource, name: query.name, namespace };
}

/** Subjects allowed by some binding of the policy, each with every binding and role that allows it. */
export function whoCan(policy: RbacPolicy, query: WhoCanQuery): WhoCanRow[] {
  const rows = new Map<string, { subject: Subject; via: Via[] }>();
  for (const binding of policy.bindings) {
    const request = requestFor(query, binding);
    if (request === undefined) continue;
    const role = policy.roleOf(binding);
    if (role === undefined || !policy.effectiveRules(role).some((r) => ruleAllows(r.compiled, request))) continue;
    for (const entry of binding.subjects) {
      if (entry.subject === undefined) continue;
      const key = subjectKey(entry.subject);
      let row = rows.get(key);
      if (row === undefined) {
        row = { subject: entry.subject, via: [] };
        rows.set(key, row);
      }
      const v = via(binding, role);
      if (!row.via.some((x) => x.binding === v.binding && x.role === v.role)) row.via.push(v);
    }
  }
  return [...rows.values()].sort((a, b) => compareSubjects(a.subject, b.subject));
}

export interface PermissionRow {
  readonly verbs: readonly string[];
  /** '' for the core group; absent for non-resource URLs. */
  readonly apiGroup?: string;
  readonly resource?: string;
  readonly resourceName?: string;
  readonly nonResourceURL?: string;
  readonly via: readonly Via[];
}

export interface PermissionScope {
  /** null = cluster-wide (ClusterRoleBindings). */
  readonly namespace: string | null;
  readonly rules: readonly PermissionRow[];
}

interface Atom {
  target: { apiGroup?: string; resource?: string; resourceName?: string; nonResourceURL?: string };
  verb: string;
  via: Via;
}

function atomsOf(rule: RoleDef['rules'][number]['rule'], v: Via): Atom[] {
  const out: Atom[] = [];
  for (const verb of rule.verbs) {
    for (const url of rule.nonResourceURLs) out.push({ target: { nonResourceURL: url }, verb, via: v });
    for (const apiGroup of rule.apiGroups) {
      for (const resource of rule.resources) {
        const names = rule.resourceNames.length === 0 ? [undefined] : rule.resourceNames;
        for (const resourceName of names) out.push({ target: resourceName === undefined ? { apiGroup, resource } : { apiGroup, resource, resourceName }, verb, via: v });
      }
    }
  }
  return out;
}

function targetKey(t: Atom['target']): string {
  return t.nonResourceURL !== undefined ? `\u0001${t.nonResourceURL}` : `${t.apiGroup ?? ''}\u0000${t.resource ?? ''}\u0000${t.resourceName ?? ''}`;
}

function viaKey(list: readonly Via[]): string {
  return list.map((v) => `${v.binding}>${v.role}`).sort().join('|');
}

/** Merges atoms: one row per target and set of origins, verbs sorted. */
function mergeAtoms(atoms: readonly Atom[]): PermissionRow[] {
  const byTargetVerb = new Map<string, { target: Atom['target']; verb: string; via: Via[] }>();
  for (const atom of atoms) {
    const key = `${targetKey(atom.target)}\u0002${atom.verb}`;
    let entry = byTargetVerb.get(key);
    if (entry === undefined) {
      entry = { target: atom.target, verb: atom.verb, via: [] };
      byTargetVerb.set(key, entry);
    }
    if (!entry.via.some((v) => v.binding === atom.via.binding && v.role === atom.via.role)) entry.via.push(atom.via);
  }
  const rows = new Map<string, { target: Atom['target']; verbs: string[]; via: Via[] }>();
  for (const entry of byTargetVerb.values()) {
    const key = `${targetKey(entry.target)}\u0002${viaKey(entry.via)}`;
    const row = rows.get(key);
    if (row === undefined) rows.set(key, { target: entry.target, verbs: [entry.verb], via: [...entry.via].sort((a, b) => (a.binding < b.binding ? -1 : 1)) });
    else row.verbs.push(entry.verb);
  }
  return [...rows.values()]
    .map((row) => ({ ...row.target, verbs: [...row.verbs].sort(), via: row.via }))
    .sort(compareRows);
}

function compareRows(a: PermissionRow, b: PermissionRow): number {
  const ka = [a.nonResourceURL === undefined ? 0 : 1, a.nonResourceURL ?? '', a.apiGroup ?? '', a.resource ?? '', a.resourceName ?? '', a.verbs.join(','), viaKey(a.via)];
  const kb = [b.nonResourceURL === undefined ? 0 : 1, b.nonResourceURL ?? '', b.apiGroup ?? '', b.resource ?? '', b.resourceName ?? '', b.verbs.join(','), viaKey(b.via)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** A RoleBinding grants neither URLs nor cluster-scoped resources (a Namespace object is namespaced for this purpose). */
function grantedInNamespace(target: Atom['target']): boolean {
  if (target.nonResourceURL !== undefined) return false;
  const resource = (target.resource ?? '').split('/')[0];
  return !isClusterScopedResource(target.apiGroup ?? '', resource);
}

/**
 * What a subject can do: the rules of every binding that applies to it (including bindings to
 * its implicit groups), cluster-wide first, then per namespace. Non-resource URLs and
 * cluster-scoped resources only count through ClusterRoleBindings, as in the authorizer.
 */
export function permissionsOf(policy: RbacPolicy, subject: Subject): PermissionScope[] {
  const user = userOf(subject);
  const byScope = new Map<string | null, Atom[]>();
  for (const binding of policy.bindingsFor(user)) {
    if (!policy.bindingApplies(binding, user, binding.namespace ?? '')) continue;
    const role = policy.roleOf(binding);
    if (role === undefined) continue;
    const v = via(binding, role);
    const atoms = policy.effectiveRules(role).flatMap((r) => atomsOf(r.rule, v)).filter((a) => binding.kind === 'ClusterRoleBinding' || grantedInNamespace(a.target));
    const key = binding.kind === 'ClusterRoleBinding' ? null : binding.namespace;
    const list = byScope.get(key);
    if (list === undefined) byScope.set(key, atoms);
    else list.push(...atoms);
  }
  return [...byScope.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([namespace, atoms]) => ({ namespace, rules: mergeAtoms(atoms) }));
}
