/**
 * Subjects and users: how a binding subject is defaulted and validated, which user (name and
 * groups) a subject stands for, and the authorizer's appliesTo check.
 */
import type { FieldPath } from '../../model/path';
import { isRecord } from '../../model/path';
import type { BindingSubject, Subject, UserInfo } from './types';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const SERVICE_ACCOUNT_USER_PREFIX = 'system:serviceaccount:';
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const SYSTEM_MASTERS = 'system:masters';

export function serviceAccountUserName(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

/** The user a ServiceAccount token authenticates as. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return { name: serviceAccountUserName(namespace, name), groups: [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`, ALL_AUTHENTICATED] };
}

/**
 * The user a subject stands for: a ServiceAccount exactly; a User with only the implicit
 * `system:authenticated` group (other groups are not knowable from manifests); a member of a
 * Group (no user name). `system:anonymous` and `system:unauthenticated` are unauthenticated.
 */
export function userOf(subject: Subject): UserInfo {
  switch (subject.kind) {
    case 'ServiceAccount':
      return serviceAccountUser(subject.namespace ?? '', subject.name);
    case 'User':
      if (subject.name === ANONYMOUS_USER) return { name: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };
      if (subject.name.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) {
        const [namespace, name] = subject.name.slice(SERVICE_ACCOUNT_USER_PREFIX.length).split(':');
        if (namespace !== undefined && name !== undefined) return serviceAccountUser(namespace, name);
      }
      return { name: subject.name, groups: [ALL_AUTHENTICATED] };
    case 'Group':
      if (subject.name === ALL_UNAUTHENTICATED) return { name: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };
      if (subject.name === ALL_AUTHENTICATED) return { name: '', groups: [ALL_AUTHENTICATED] };
      if (subject.name === ALL_SERVICE_ACCOUNTS) return { name: '', groups: [ALL_SERVICE_ACCOUNTS, ALL_AUTHENTICATED] };
      if (subject.name.startsWith(`${ALL_SERVICE_ACCOUNTS}:`)) return { name: '', groups: [subject.name, ALL_SERVICE_ACCOUNTS, ALL_AUTHENTICATED] };
      return { name: '', groups: [subject.name, ALL_AUTHENTICATED] };
  }
}

/** appliesToUser from the authorizer; `namespace` is the binding's ('' for ClusterRoleBindings). */
export function appliesToUser(user: UserInfo, subject: { kind: string; name: string; namespace?: string }, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : namespace;
      if (saNamespace === '') return false;
      return user.name === serviceAccountUserName(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** Key of a subject for indexes and de-duplication. */
export function subjectKey(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount:${subject.namespace ?? ''}/${subject.name}` : `${subject.kind}:${subject.name}`;
}

/** `ServiceAccount billing/ops`, `User jane`, `Group devs`. */
export function describeSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace ?? ''}/${subject.name}` : `${subject.kind} ${subject.name}`;
}

/** System components: `system:` users and groups other than the public groups. */
export function isSystemComponent(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount') return false;
  if (isPublicGroup(subject) || subject.name === ANONYMOUS_USER) return false;
  return subject.name.startsWith('system:');
}

/** The groups that stand for everyone, every authenticated identity or every ServiceAccount. */
export function isPublicGroup(subject: Subject): boolean {
  if (subject.kind !== 'Group') return false;
  return subject.name === ALL_AUTHENTICATED || subject.name === ALL_UNAUTHENTICATED || subject.name === ALL_SERVICE_ACCOUNTS || subject.name.startsWith(`${ALL_SERVICE_ACCOUNTS}:`);
}

/**
 * One `subjects[i]` entry as the API server takes it: v1 defaulting (User/Group apiGroup
 * rbac.authorization.k8s.io, ServiceAccount apiGroup ''), then validation. In a RoleBinding a
 * ServiceAccount without namespace means the binding's namespace; in a ClusterRoleBinding it
 * is rejected.
 */
export function parseBindingSubject(raw: unknown, index: number, bindingNamespace: string | null): BindingSubject {
  const at = (field?: string): FieldPath => (field === undefined ? ['subjects', index] : ['subjects', index, field]);
  const invalid = (message: string, field?: string): BindingSubject => ({ index, subject: undefined, problem: { path: at(field), message } });
  if (!isRecord(raw)) return invalid('this subject is not a mapping with kind and name');
  const kind = raw.kind;
  const name = raw.name;
  const apiGroup = typeof raw.apiGroup === 'string' ? raw.apiGroup : '';
  if (typeof name !== 'string' || name === '') return invalid('this subject has no name', raw.name === undefined ? undefined : 'name');
  if (kind === 'ServiceAccount') {
    if (apiGroup !== '') return invalid(`a ServiceAccount subject takes no apiGroup (it has \`${apiGroup}\`); the API server rejects the binding: remove \`apiGroup\``, 'apiGroup');
    const namespace = typeof raw.namespace === 'string' && raw.namespace !== '' ? raw.namespace : bindingNamespace;
    if (namespace === null) return invalid('a ServiceAccount subject of a ClusterRoleBinding needs `namespace`; the API server rejects the binding ("namespace: Required value"): add the ServiceAccount\'s namespace', 'name');
    return { index, subject: { kind: 'ServiceAccount', name, namespace }, problem: undefined };
  }
  if (kind === 'User' || kind === 'Group') {
    if (apiGroup !== '' && apiGroup !== RBAC_GROUP) return invalid(`a ${kind} subject needs \`apiGroup: ${RBAC_GROUP}\` (it has \`${apiGroup}\`); the API server rejects the binding`, 'apiGroup');
    return { index, subject: { kind, name }, problem: undefined };
  }
  return invalid(`subject kind ${typeof kind === 'string' ? `\`${kind}\`` : 'is missing'}${typeof kind === 'string' ? ' is not one of' : ', use one of'} User, Group, ServiceAccount; the API server rejects the binding`, raw.kind === undefined ? undefined : 'kind');
}
