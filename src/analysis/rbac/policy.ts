/**
 * The RBAC policy of a run: roles (the run's, falling back to the built-in ClusterRoles),
 * ClusterRole aggregation, and bindings indexed by subject, so that the authorizer's
 * VisitRulesFor (every ClusterRoleBinding, then the RoleBindings of the request's namespace)
 * only looks at the bindings that name the user or one of its groups.
 */
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from '../../data/bootstrap-roles';
import type { KubeObject } from '../../model/object';
import { matches } from '../../model/selector';
import { compileRule, ruleAllows, type CompiledRule } from './matcher';
import { bindingFromBootstrap, bindingFromObject, isRbacObject, roleFromBootstrap, roleFromObject } from './parse';
import { appliesToUser, RBAC_GROUP, serviceAccountUserName } from './subjects';
import type { BindingDef, RequestAttributes, RoleDef, SourcedRule, Subject, UserInfo } from './types';

export interface EffectiveRule extends SourcedRule {
  readonly compiled: CompiledRule;
}

/** How a binding's roleRef resolves. */
export type RoleResolution =
  | { readonly status: 'run' | 'builtin'; readonly role: RoleDef }
  | { readonly status: 'missing' }
  | { readonly status: 'invalid'; readonly reason: string };

export interface PolicyOptions {
  kubernetesVersion: string;
  /** Add the ClusterRoleBindings every cluster starts with (cluster-admin → system:masters, …). */
  builtinBindings?: boolean;
}

/** A rule that applies to a user in a namespace, with the binding and role that grant it. */
export interface AppliedRule {
  readonly binding: BindingDef;
  readonly role: RoleDef;
  readonly rule: EffectiveRule;
}

function roleKey(kind: string, namespace: string | null, name: string): string {
  return `${kind}|${namespace ?? ''}|${name}`;
}

function ruleKey(rule: SourcedRule): string {
  const r = rule.rule;
  return JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);
}

/** Index keys a subject is found under: users by name (ServiceAccounts by their user name), groups by name. */
function subjectIndexKey(subject: Subject): string {
  if (subject.kind === 'Group') return `Group:${subject.name}`;
  if (subject.kind === 'ServiceAccount') return `User:${serviceAccountUserName(subject.namespace ?? '', subject.name)}`;
  return `User:${subject.name}`;
}

export class RbacPolicy {
  /** Roles and ClusterRoles of the run, in input order. */
  readonly roles: readonly RoleDef[];
  /** Bindings of the run (plus the built-in ones when asked for), in input order. */
  readonly bindings: readonly BindingDef[];
  private readonly byKey = new Map<string, RoleDef>();
  private readonly builtinByName = new Map<string, RoleDef>();
  private readonly bySubject = new Map<string, BindingDef[]>();
  private readonly resolutions = new Map<BindingDef, RoleResolution>();
  private readonly referencing = new Map<RoleDef, BindingDef[]>();
  private readonly effective = new Map<RoleDef, readonly EffectiveRule[]>();
  private readonly compiled = new Map<SourcedRule, EffectiveRule>();
  private clusterRoleUniverse: readonly RoleDef[] | undefined;

  constructor(objects: readonly KubeObject[], options: PolicyOptions) {
    const roles: RoleDef[] = [];
    const bindings: BindingDef[] = [];
    for (const object of objects) {
      if (!isRbacObject(object)) continue;
      if (object.kind === 'Role' || object.kind === 'ClusterRole') {
        const role = roleFromObject(object);
        roles.push(role);
        const key = roleKey(role.kind, role.namespace, role.name);
        if (!this.byKey.has(key)) this.byKey.set(key, role);
      } else {
        bindings.push(bindingFromObject(object));
      }
    }
    for (const data of bootstrapClusterRoles(options.kubernetesVersion)) this.builtinByName.set(data.name, roleFromBootstrap(data));
    if (options.builtinBindings === true) bindings.push(...bootstrapClusterRoleBindings(options.kubernetesVersion).map(bindingFromBootstrap));
    this.roles = roles;
    this.bindings = bindings;
    for (const binding of bindings) this.indexBinding(binding);
  }

  private indexBinding(binding: BindingDef): void {
    const keys = new Set<string>();
    for (const entry of binding.subjects) if (entry.subject !== undefined) keys.add(subjectIndexKey(entry.subject));
    for (const key of keys) {
      const list = this.bySubject.get(key);
      if (list === undefined) this.bySubject.set(key, [binding]);
      else list.push(binding);
    }
    const resolution = this.resolve(binding);
    if (resolution.status === 'run' || resolution.status === 'builtin') {
      const list = this.referencing.get(resolution.role);
      if (list === undefined) this.referencing.set(resolution.role, [binding]);
      else list.push(binding);
    }
  }

  /** The built-in ClusterRole of that name, if any. */
  builtinRole(name: string): RoleDef | undefined {
    return this.builtinByName.get(name);
  }

  /** A role of the run, or a built-in ClusterRole the run does not redefine. */
  findRole(kind: 'Role' | 'ClusterRole', namespace: string | null, name: string): RoleDef | undefined {
    const own = this.byKey.get(roleKey(kind, kind === 'Role' ? namespace : null, name));
    if (own !== undefined || kind === 'Role') return own;
    return this.builtinByName.get(name);
  }

  /** GetRoleReferenceRules: Role in the binding's namespace, or ClusterRole; CRB → Role grants nothing. */
  resolve(binding: BindingDef): RoleResolution {
    const cached = this.resolutions.get(binding);
    if (cached !== undefined) return cached;
    const result = this.resolveUncached(binding);
    this.resolutions.set(binding, result);
    return result;
  }

  private resolveUncached(binding: BindingDef): RoleResolution {
    const ref = binding.roleRef;
    if (ref.apiGroup !== RBAC_GROUP) return { status: 'invalid', reason: `roleRef.apiGroup must be ${RBAC_GROUP}, not \`${ref.apiGroup}\`` };
    if (ref.name === '') return { status: 'invalid', reason: 'roleRef has no name' };
    if (ref.kind === 'ClusterRole') {
      const own = this.byKey.get(roleKey('ClusterRole', null, ref.name));
      if (own !== undefined) return { status: 'run', role: own };
      const builtin = this.builtinByName.get(ref.name);
      return builtin === undefined ? { status: 'missing' } : { status: 'builtin', role: builtin };
    }
    if (ref.kind === 'Role') {
      if (binding.namespace === null) return { status: 'invalid', reason: 'a ClusterRoleBinding can only reference a ClusterRole' };
      const own = this.byKey.get(roleKey('Role', binding.namespace, ref.name));
      return own === undefined ? { status: 'missing' } : { status: 'run', role: own };
    }
    return { status: 'invalid', reason: `roleRef.kind must be Role or ClusterRole, not \`${ref.kind}\`` };
  }

  roleOf(binding: BindingDef): RoleDef | undefined {
    const resolution = this.resolve(binding);
    return resolution.status === 'run' || resolution.status === 'builtin' ? resolution.role : undefined;
  }

  /** Bindings whose roleRef resolves to the role. */
  bindingsOf(role: RoleDef): readonly BindingDef[] {
    return this.referencing.get(role) ?? [];
  }

  /** Every ClusterRole aggregation may select from: the run's, then built-ins it does not redefine. */
  clusterRoles(): readonly RoleDef[] {
    if (this.clusterRoleUniverse !== undefined) return this.clusterRoleUniverse;
    const out: RoleDef[] = [];
    const seen = new Set<string>();
    for (const role of this.roles) {
      if (role.kind !== 'ClusterRole' || seen.has(role.name)) continue;
      seen.add(role.name);
      out.push(role);
    }
    for (const role of this.builtinByName.values()) if (!seen.has(role.name)) out.push(role);
    this.clusterRoleUniverse = out;
    return out;
  }

  /** Aggregated ClusterRoles whose selectors pick this role up. */
  aggregatorsOf(role: RoleDef): RoleDef[] {
    if (role.kind !== 'ClusterRole') return [];
    return this.clusterRoles().filter((candidate) => candidate !== role && candidate.aggregation !== undefined && candidate.aggregation.some((s) => matches(s, role.labels)));
  }

  /**
   * The rules a role grants. For an aggregated ClusterRole: the union of the rules of every other
   * ClusterRole its selectors match (the controller ignores the rules written in the manifest);
   * aggregated roles selected by aggregated roles contribute their own union (admin ⊇ edit ⊇ view).
   */
  effectiveRules(role: RoleDef): readonly EffectiveRule[] {
    return this.effectiveRulesGuarded(role, new Set());
  }

  private effectiveRulesGuarded(role: RoleDef, visiting: Set<RoleDef>): readonly EffectiveRule[] {
    const cached = this.effective.get(role);
    if (cached !== undefined) return cached;
    if (role.aggregation === undefined) {
      const own = role.rules.map((r) => this.compile(r));
      this.effective.set(role, own);
      return own;
    }
    if (visiting.has(role)) return [];
    visiting.add(role);
    const selectors = role.aggregation;
    const seen = new Set<string>();
    const out: EffectiveRule[] = [];
    for (const candidate of this.clusterRoles()) {
      if (candidate === role || !selectors.some((s) => matches(s, candidate.labels))) continue;
      for (const rule of this.effectiveRulesGuarded(candidate, visiting)) {
        const key = ruleKey(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(rule);
      }
    }
    visiting.delete(role);
    this.effective.set(role, out);
    return out;
  }

  private compile(rule: SourcedRule): EffectiveRule {
    let compiled = this.compiled.get(rule);
    if (compiled === undefined) {
      compiled = { ...rule, compiled: compileRule(rule.rule) };
      this.compiled.set(rule, compiled);
    }
    return compiled;
  }

  /** Bindings that name the user or one of its groups (from the index), in input order. */
  bindingsFor(user: UserInfo): BindingDef[] {
    const found = new Set<BindingDef>();
    for (const binding of this.bySubject.get(`User:${user.name}`) ?? []) found.add(binding);
    for (const group of user.groups) for (const binding of this.bySubject.get(`Group:${group}`) ?? []) found.add(binding);
    return [...found];
  }

  /** Whether a binding applies to the user for a request in `namespace` ('' = cluster-scoped or URL). */
  bindingApplies(binding: BindingDef, user: UserInfo, namespace: string): boolean {
    if (binding.kind === 'RoleBinding' && (namespace === '' || binding.namespace !== namespace)) return false;
    const bindingNamespace = binding.namespace ?? '';
    return binding.subjects.some((entry) => entry.subject !== undefined && appliesToUser(user, entry.subject, bindingNamespace));
  }

  /** VisitRulesFor: every rule that applies to the user for a request in `namespace`. */
  rulesFor(user: UserInfo, namespace: string): AppliedRule[] {
    const out: AppliedRule[] = [];
    for (const binding of this.bindingsFor(user)) {
      if (!this.bindingApplies(binding, user, namespace)) continue;
      const role = this.roleOf(binding);
      if (role === undefined) continue;
      for (const rule of this.effectiveRules(role)) out.push({ binding, role, rule });
    }
    return out;
  }

  /** Every binding, role and rule that allows the request (empty = denied). */
  grantsFor(user: UserInfo, request: RequestAttributes): AppliedRule[] {
    const namespace = request.kind === 'resource' ? request.namespace : '';
    return this.rulesFor(user, namespace).filter((applied) => ruleAllows(applied.rule.compiled, request));
  }

  /** The first binding, role and rule that allow the request, or undefined (denied). */
  authorize(user: UserInfo, request: RequestAttributes): AppliedRule | undefined {
    const namespace = request.kind === 'resource' ? request.namespace : '';
    for (const binding of this.bindingsFor(user)) {
      if (!this.bindingApplies(binding, user, namespace)) continue;
      const role = this.roleOf(binding);
      if (role === undefined) continue;
      const rule = this.effectiveRules(role).find((r) => ruleAllows(r.compiled, request));
      if (rule !== undefined) return { binding, role, rule };
    }
    return undefined;
  }
}
