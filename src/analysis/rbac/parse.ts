/**
 * Manifest objects → RBAC definitions: roles (with aggregation selectors) and bindings (with
 * defaulted subjects). Never throws: odd values are skipped or reported as binding problems.
 */
import type { BootstrapClusterRole, BootstrapClusterRoleBinding } from '../../data/bootstrap-roles';
import type { KubeObject } from '../../model/object';
import { isRecord } from '../../model/path';
import { parseLabelSelector, type Selector } from '../../model/selector';
import { parseBindingSubject, RBAC_GROUP } from './subjects';
import type { BindingDef, PolicyRule, RoleDef, RoleRef, SourcedRule } from './types';

export const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

export function isRbacObject(object: KubeObject): boolean {
  return object.group === RBAC_GROUP && (ROLE_KINDS.has(object.kind) || BINDING_KINDS.has(object.kind));
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A PolicyRule from a manifest value, or undefined when it is not a mapping. */
export function parsePolicyRule(value: unknown): PolicyRule | undefined {
  if (!isRecord(value)) return undefined;
  return {
    verbs: strings(value.verbs),
    apiGroups: strings(value.apiGroups),
    resources: strings(value.resources),
    resourceNames: strings(value.resourceNames),
    nonResourceURLs: strings(value.nonResourceURLs),
  };
}

function parseAggregation(value: unknown): Selector[] | undefined {
  if (!isRecord(value)) return undefined;
  const selectors = value.clusterRoleSelectors;
  return Array.isArray(selectors) ? selectors.map(parseLabelSelector) : [];
}

export function roleFromObject(object: KubeObject): RoleDef {
  const kind = object.kind === 'Role' ? 'Role' : 'ClusterRole';
  const rules: SourcedRule[] = [];
  const role: RoleDef = {
    kind,
    name: object.name,
    namespace: kind === 'Role' ? object.namespace : null,
    labels: object.labels,
    rules,
    aggregation: kind === 'ClusterRole' ? parseAggregation(object.raw.aggregationRule) : undefined,
    object,
    builtin: false,
  };
  const raw = object.raw.rules;
  if (Array.isArray(raw)) {
    raw.forEach((value, index) => {
      const rule = parsePolicyRule(value);
      if (rule !== undefined) rules.push({ rule, origin: role, index });
    });
  }
  return role;
}

export function roleFromBootstrap(data: BootstrapClusterRole): RoleDef {
  const rules: SourcedRule[] = [];
  const role: RoleDef = {
    kind: 'ClusterRole',
    name: data.name,
    namespace: null,
    labels: data.labels,
    rules,
    aggregation: data.aggregationSelectors?.map((matchLabels) => parseLabelSelector({ matchLabels })),
    object: undefined,
    builtin: true,
  };
  data.rules.forEach((r, index) => {
    rules.push({
      rule: { verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: r.nonResourceURLs ?? [] },
      origin: role,
      index,
    });
  });
  return role;
}

function parseRoleRef(value: unknown): RoleRef {
  if (!isRecord(value)) return { kind: '', name: '', apiGroup: '' };
  return {
    kind: typeof value.kind === 'string' ? value.kind : '',
    name: typeof value.name === 'string' ? value.name : '',
    // v1 defaulting: an empty roleRef.apiGroup becomes rbac.authorization.k8s.io.
    apiGroup: typeof value.apiGroup === 'string' && value.apiGroup !== '' ? value.apiGroup : RBAC_GROUP,
  };
}

export function bindingFromObject(object: KubeObject): BindingDef {
  const kind = object.kind === 'RoleBinding' ? 'RoleBinding' : 'ClusterRoleBinding';
  const namespace = kind === 'RoleBinding' ? object.namespace : null;
  const raw = object.raw.subjects;
  return {
    kind,
    name: object.name,
    namespace,
    roleRef: parseRoleRef(object.raw.roleRef),
    subjects: Array.isArray(raw) ? raw.map((s, i) => parseBindingSubject(s, i, namespace)) : [],
    object,
    builtin: false,
  };
}

export function bindingFromBootstrap(data: BootstrapClusterRoleBinding): BindingDef {
  return {
    kind: 'ClusterRoleBinding',
    name: data.name,
    namespace: null,
    roleRef: { kind: 'ClusterRole', name: data.roleName, apiGroup: RBAC_GROUP },
    subjects: data.subjects.map((subject, index) => ({ index, subject: { ...subject }, problem: undefined })),
    object: undefined,
    builtin: true,
  };
}

/** `ClusterRole/admin`, `billing/Role/job-runner`: the same form as KubeObject.displayName. */
export function describeRole(role: { kind: string; name: string; namespace: string | null }): string {
  return role.namespace === null ? `${role.kind}/${role.name}` : `${role.namespace}/${role.kind}/${role.name}`;
}

export function describeBinding(binding: BindingDef): string {
  return binding.namespace === null ? `${binding.kind}/${binding.name}` : `${binding.namespace}/${binding.kind}/${binding.name}`;
}
