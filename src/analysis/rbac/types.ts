/**
 * Vocabulary of the RBAC model: policy rules, request attributes, subjects and users, roles and
 * bindings, as the API server's RBAC authorizer sees them.
 */
import type { KubeObject } from '../../model/object';
import type { FieldPath } from '../../model/path';
import type { Selector } from '../../model/selector';

/** A PolicyRule with every list present (absent lists are empty). */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

/** A request on an API resource. `namespace` is '' for cluster-scoped requests. */
export interface ResourceAttributes {
  readonly kind: 'resource';
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  readonly namespace: string;
}

/** A request on a non-resource URL such as /healthz (never namespaced). */
export interface NonResourceAttributes {
  readonly kind: 'nonResource';
  readonly verb: string;
  readonly path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A binding subject after defaulting (a ServiceAccount's namespace is always set). */
export interface Subject {
  readonly kind: SubjectKind;
  readonly name: string;
  /** ServiceAccounts only. */
  readonly namespace?: string;
}

/** What the authenticator hands the authorizer: a user name and groups. */
export interface UserInfo {
  readonly name: string;
  readonly groups: readonly string[];
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
  readonly apiGroup: string;
}

/** A rule of a role, with where it is written (for findings and "via"). */
export interface SourcedRule {
  readonly rule: PolicyRule;
  /** The role that holds the rule in its manifest (differs from the bound role under aggregation). */
  readonly origin: RoleDef;
  /** Index in the origin's `rules`. */
  readonly index: number;
}

export interface RoleDef {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  /** Roles only. */
  readonly namespace: string | null;
  readonly labels: Readonly<Record<string, string>>;
  /** The rules written in the role (for aggregated ClusterRoles these are replaced by the controller). */
  readonly rules: readonly SourcedRule[];
  /** aggregationRule.clusterRoleSelectors, or undefined for ordinary roles. */
  readonly aggregation: readonly Selector[] | undefined;
  /** The manifest object, or undefined for a built-in role that is not in the run. */
  readonly object: KubeObject | undefined;
  readonly builtin: boolean;
}

/** A subject entry of a binding: the defaulted subject, or why it matches nobody. */
export interface BindingSubject {
  readonly index: number;
  readonly subject: Subject | undefined;
  /** Set when the API server would reject the entry or it can never match. */
  readonly problem: { readonly path: FieldPath; readonly message: string } | undefined;
}

export interface BindingDef {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  readonly name: string;
  /** RoleBindings only. */
  readonly namespace: string | null;
  readonly roleRef: RoleRef;
  readonly subjects: readonly BindingSubject[];
  readonly object: KubeObject | undefined;
  readonly builtin: boolean;
}

/** A binding, the role it resolves to and one rule of that role: the unit of "via". */
export interface Grant {
  readonly binding: BindingDef;
  readonly role: RoleDef;
  readonly rule: SourcedRule;
}
