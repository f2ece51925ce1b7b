/**
 * The RBAC analysis of a run, built once and shared by every rbac rule (memoized per RunModel):
 * the policy, ServiceAccounts and the workloads that run as them, the scope each role and
 * binding applies at, and the risky permissions of roles, bindings and identities.
 */
import type { RunModel } from '../../engine/rule';
import type { KubeObject } from '../../model/object';
import { RbacPolicy, type AppliedRule, type EffectiveRule } from './policy';
import { evaluateRisks, TIER_RANK, type RiskHit, type ScopeClass, type Tier } from './risks';
import { appliesToUser, serviceAccountUser } from './subjects';
import type { BindingDef, RoleDef, Subject, UserInfo } from './types';
import { serviceAccountKey, serviceAccountsOf, workloadIdentity, type WorkloadIdentity } from './workloads';

export interface AnalysisOptions {
  readonly kubernetesVersion: string;
  /** Namespaces rated like kube-system (default: kube-system only). */
  readonly privilegedNamespaces?: readonly string[];
  /** Include the ClusterRoleBindings every cluster starts with (the CLI's --builtin-bindings). */
  readonly builtinBindings?: boolean;
}

export const DEFAULT_PRIVILEGED_NAMESPACES: readonly string[] = ['kube-system'];

/** Where a role is used: its scope classes, each with one binding (or none when unbound). */
export interface RoleUse {
  readonly scope: ScopeClass;
  readonly namespace: string | null;
  readonly binding: BindingDef | undefined;
}

/** A risky pattern a role grants, at the most severe scope it is used at. */
export interface RoleRisk {
  readonly hit: RiskHit<EffectiveRule>;
  readonly use: RoleUse;
}

/** A risky pattern an identity holds, where, and through which bindings. */
/** An applied rule with its compiled form at hand (what the risk table evaluates). */
export type AppliedCompiledRule = AppliedRule & { readonly compiled: EffectiveRule['compiled'] };

export interface IdentityRisk {
  readonly hit: RiskHit<AppliedCompiledRule>;
  /** null = cluster-wide. */
  readonly namespace: string | null;
}

/** The most severe tier first, then pattern order. */
function byTier<T extends { hit: { tier: Tier } }>(a: T, b: T): number {
  return TIER_RANK[a.hit.tier] - TIER_RANK[b.hit.tier];
}

export class RbacAnalysis {
  readonly policy: RbacPolicy;
  readonly serviceAccounts: ReadonlyMap<string, KubeObject>;
  /** Names of ServiceAccounts written without metadata.namespace (they land wherever they are applied). */
  private readonly unplacedServiceAccounts = new Set<string>();
  readonly workloads: readonly WorkloadIdentity[];
  private readonly workloadsBySa = new Map<string, WorkloadIdentity[]>();
  private readonly privileged: ReadonlySet<string>;
  private readonly roleRiskCache = new Map<RoleDef, readonly RoleRisk[]>();
  private readonly bindingRiskCache = new Map<BindingDef, readonly RiskHit<EffectiveRule>[]>();
  private readonly identityCache = new Map<string, readonly IdentityRisk[]>();

  constructor(
    readonly objects: readonly KubeObject[],
    readonly options: AnalysisOptions,
  ) {
    this.policy = new RbacPolicy(objects, { kubernetesVersion: options.kubernetesVersion, builtinBindings: options.builtinBindings });
    this.serviceAccounts = serviceAccountsOf(objects);
    for (const sa of this.serviceAccounts.values()) if (!sa.namespaceExplicit) this.unplacedServiceAccounts.add(sa.name);
    const workloads: WorkloadIdentity[] = [];
    for (const object of objects) {
      const identity = workloadIdentity(object, this.serviceAccounts);
      if (identity === undefined) continue;
      workloads.push(identity);
      const key = serviceAccountKey(identity.namespace, identity.serviceAccount);
      const list = this.workloadsBySa.get(key);
      if (list === undefined) this.workloadsBySa.set(key, [identity]);
      else list.push(identity);
    }
    this.workloads = workloads;
    this.privileged = new Set(options.privilegedNamespaces ?? DEFAULT_PRIVILEGED_NAMESPACES);
  }

  get kubernetesVersion(): string {
    return this.options.kubernetesVersion;
  }

  /** True when the run defines the ServiceAccount (or one of that name without a namespace). */
  definesServiceAccount(namespace: string, name: string): boolean {
    return this.serviceAccounts.has(serviceAccountKey(namespace, name)) || this.unplacedServiceAccounts.has(name);
  }

  /** Workloads that run as the ServiceAccount. */
  workloadsOf(namespace: string, name: string): readonly WorkloadIdentity[] {
    return this.workloadsBySa.get(serviceAccountKey(namespace, name)) ?? [];
  }

  isPrivilegedNamespace(namespace: string): boolean {
    return this.privileged.has(namespace);
  }

  /** The scope class of a binding. */
  bindingScope(binding: BindingDef): ScopeClass {
    if (binding.kind === 'ClusterRoleBinding') return 'cluster';
    return this.privileged.has(binding.namespace ?? '') ? 'privileged' : 'namespace';
  }

  /**
   * Where a role's permissions apply: through the bindings that reference it or an aggregated
   * ClusterRole that includes it. An unbound Role applies in its namespace; an unbound
   * ClusterRole is rated as if bound cluster-wide (what a ClusterRole is for).
   */
  roleUses(role: RoleDef): RoleUse[] {
    const bindings = new Set<BindingDef>();
    const seen = new Set<RoleDef>();
    const visit = (r: RoleDef): void => {
      if (seen.has(r)) return;
      seen.add(r);
      for (const b of this.policy.bindingsOf(r)) bindings.add(b);
      for (const aggregator of this.policy.aggregatorsOf(r)) visit(aggregator);
    };
    visit(role);
    // A duplicate definition shares the bindings of the definition the API server would keep.
    const canonical = this.policy.findRole(role.kind, role.namespace, role.name);
    if (canonical !== undefined) visit(canonical);
    const byScope = new Map<ScopeClass, RoleUse>();
    for (const binding of bindings) {
      const scope = this.bindingScope(binding);
      if (!byScope.has(scope)) byScope.set(scope, { scope, namespace: binding.namespace, binding });
    }
    if (byScope.size > 0) return [...byScope.values()];
    if (role.kind === 'Role') return [{ scope: this.privileged.has(role.namespace ?? '') ? 'privileged' : 'namespace', namespace: role.namespace, binding: undefined }];
    return [{ scope: 'cluster', namespace: null, binding: undefined }];
  }

  /** True when some binding in the run references the role, directly or through aggregation. */
  isRoleBound(role: RoleDef): boolean {
    return this.roleUses(role).some((use) => use.binding !== undefined);
  }

  /** Risky patterns of a role's own rules, each at the most severe scope the role is used at. */
  roleRisks(role: RoleDef): readonly RoleRisk[] {
    const cached = this.roleRiskCache.get(role);
    if (cached !== undefined) return cached;
    const rules = this.policy.effectiveRules(role).filter((r) => r.origin === role);
    const best = new Map<string, RoleRisk>();
    for (const use of this.roleUses(role)) {
      for (const hit of evaluateRisks(rules, use.scope, this.kubernetesVersion)) {
        const previous = best.get(hit.pattern.id);
        if (previous === undefined || TIER_RANK[hit.tier] < TIER_RANK[previous.hit.tier]) best.set(hit.pattern.id, { hit, use });
      }
    }
    const out = [...best.values()].sort(byTier);
    this.roleRiskCache.set(role, out);
    return out;
  }

  /** Risky patterns a binding hands to its subjects, at the binding's scope. */
  bindingRisks(binding: BindingDef): readonly RiskHit<EffectiveRule>[] {
    const cached = this.bindingRiskCache.get(binding);
    if (cached !== undefined) return cached;
    const role = this.policy.roleOf(binding);
    const out = role === undefined ? [] : evaluateRisks(this.policy.effectiveRules(role), this.bindingScope(binding), this.kubernetesVersion).sort((a, b) => TIER_RANK[a.tier] - TIER_RANK[b.tier]);
    this.bindingRiskCache.set(binding, out);
    return out;
  }

  /** Every risky pattern a user holds through the run's bindings: cluster-wide, then per namespace. */
  identityRisks(user: UserInfo): readonly IdentityRisk[] {
    const key = `${user.name}|${user.groups.join(',')}`;
    const cached = this.identityCache.get(key);
    if (cached !== undefined) return cached;
    const cluster: AppliedRule[] = [];
    const byNamespace = new Map<string, AppliedRule[]>();
    for (const binding of this.policy.bindingsFor(user)) {
      const role = this.policy.roleOf(binding);
      if (role === undefined) continue;
      const bindingNamespace = binding.namespace ?? '';
      if (!binding.subjects.some((s) => s.subject !== undefined && appliesToUser(user, s.subject, bindingNamespace))) continue;
      const applied = this.policy.effectiveRules(role).map((rule) => ({ binding, role, rule }));
      if (binding.kind === 'ClusterRoleBinding') cluster.push(...applied);
      else {
        const list = byNamespace.get(bindingNamespace);
        if (list === undefined) byNamespace.set(bindingNamespace, applied);
        else list.push(...applied);
      }
    }
    const out: IdentityRisk[] = [];
    const compiled = (items: AppliedRule[]): AppliedCompiledRule[] => items.map((a) => ({ ...a, compiled: a.rule.compiled }));
    for (const hit of evaluateRisks(compiled(cluster), 'cluster', this.kubernetesVersion)) out.push({ hit, namespace: null });
    for (const [namespace, items] of [...byNamespace].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const scope: ScopeClass = this.privileged.has(namespace) ? 'privileged' : 'namespace';
      for (const hit of evaluateRisks(compiled(items), scope, this.kubernetesVersion)) out.push({ hit, namespace });
    }
    out.sort(byTier);
    this.identityCache.set(key, out);
    return out;
  }

  serviceAccountRisks(namespace: string, name: string): readonly IdentityRisk[] {
    return this.identityRisks(serviceAccountUser(namespace, name));
  }

  /** True when some binding of the run names the user or one of its groups. */
  hasBindings(user: UserInfo): boolean {
    return this.policy.bindingsFor(user).some((binding) => this.policy.bindingApplies(binding, user, binding.namespace ?? ''));
  }

  /** Every ServiceAccount the run knows: defined, named in a binding or used by a workload. */
  knownServiceAccounts(): Subject[] {
    const out = new Map<string, Subject>();
    const add = (namespace: string, name: string): void => {
      const key = serviceAccountKey(namespace, name);
      if (!out.has(key)) out.set(key, { kind: 'ServiceAccount', namespace, name });
    };
    for (const sa of this.serviceAccounts.values()) add(sa.namespace ?? '', sa.name);
    for (const binding of this.policy.bindings) {
      for (const entry of binding.subjects) if (entry.subject?.kind === 'ServiceAccount') add(entry.subject.namespace ?? '', entry.subject.name);
    }
    for (const workload of this.workloads) add(workload.namespace, workload.serviceAccount);
    return [...out.values()];
  }
}

const cache = new WeakMap<RunModel, Map<string, RbacAnalysis>>();

/** The analysis of a run, built on first use and shared by every rule of the run. */
export function rbacAnalysis(run: RunModel, options: AnalysisOptions): RbacAnalysis {
  let byOptions = cache.get(run);
  if (byOptions === undefined) {
    byOptions = new Map();
    cache.set(run, byOptions);
  }
  const key = `${options.kubernetesVersion}|${(options.privilegedNamespaces ?? DEFAULT_PRIVILEGED_NAMESPACES).join(',')}`;
  let analysis = byOptions.get(key);
  if (analysis === undefined) {
    analysis = new RbacAnalysis(run.objects, options);
    byOptions.set(key, analysis);
  }
  return analysis;
}
