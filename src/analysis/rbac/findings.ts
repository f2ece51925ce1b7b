/**
 * What the rbac rules report, computed once per analysis: risky permissions per role and per
 * binding (split by tier, one rule per tier), and the escalation paths. Rules only pick their
 * share and call `context.report`.
 */
import type { RuleContext } from '../../engine/rule';
import type { KubeObject } from '../../model/object';
import type { FieldPath } from '../../model/path';
import { rbacAnalysis, type RbacAnalysis, type RoleRisk } from './analysis';
import { describeBinding, describeRole } from './parse';
import { escalationPaths, type EscalationPath } from './paths';
import type { EffectiveRule } from './policy';
import { presentableHits, type RiskHit, type Tier } from './risks';
import { describeSubject, isSystemComponent } from './subjects';
import type { BindingDef, RoleDef } from './types';
import { memoize } from '../../util/memo';

export interface RbacRuleOptions {
  privilegedNamespaces: string[];
}

export const RBAC_RULE_OPTIONS = {
  schema: {
    type: 'object',
    properties: {
      privilegedNamespaces: {
        type: 'array',
        items: { type: 'string' },
        description: 'Namespaces rated like kube-system: permissions granted there count as privileged (default: kube-system).',
      },
    },
    additionalProperties: false,
  },
  defaults: { privilegedNamespaces: ['kube-system'] } as RbacRuleOptions,
};

/** The run's analysis with the rule's settings. */
export function analysisOf(context: RuleContext<RbacRuleOptions | undefined> | RuleContext<undefined>): RbacAnalysis {
  const options = context.options as RbacRuleOptions | undefined;
  const privileged = Array.isArray(options?.privilegedNamespaces) ? options.privilegedNamespaces.filter((n): n is string => typeof n === 'string') : undefined;
  return rbacAnalysis(context.run, { kubernetesVersion: context.settings.kubernetesVersion, privilegedNamespaces: privileged });
}

export const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/** Objects Kubernetes creates itself (exported from a cluster): a baseline, never reported. */
export function isBootstrapObject(object: KubeObject | undefined): boolean {
  return object !== undefined && object.labels[BOOTSTRAP_LABEL] === 'rbac-defaults';
}

/** Bindings written in the run (not built in, not labelled as bootstrap defaults), with their object. */
export function authoredBindings(analysis: RbacAnalysis): { binding: BindingDef; object: KubeObject }[] {
  return analysis.policy.bindings.flatMap((binding) => (binding.object === undefined || isBootstrapObject(binding.object) ? [] : [{ binding, object: binding.object }]));
}

/** A binding's role as messages name it: the role it resolves to, or the roleRef as written. */
export function boundRoleName(analysis: RbacAnalysis, binding: BindingDef): string {
  const role = analysis.policy.roleOf(binding);
  return role === undefined ? `${binding.roleRef.kind} ${binding.roleRef.name}` : describeRole(role);
}

export interface RbacFinding {
  readonly object: KubeObject;
  readonly path: FieldPath;
  readonly message: string;
}

/** "read Secrets: why; create Pods: why; also …, …, and 2 more". */
export function patternList(hits: readonly RiskHit[]): string {
  const title = (hit: RiskHit): string => `${hit.pattern.title}${hit.named ? ` (only ${hit.names.map((n) => `\`${n}\``).join(', ')})` : ''}`;
  const explained = hits.slice(0, 2).map((hit) => `${title(hit)}: ${hit.pattern.why}`);
  const listed = hits.slice(2, 6).map(title);
  const more = hits.length > 6 ? `, and ${hits.length - 6} more` : '';
  return `${explained.join('; ')}${listed.length > 0 ? `; also ${listed.join(', ')}` : ''}${more}`;
}

function roleUseText(role: RoleDef, risk: RoleRisk): string {
  const use = risk.use;
  if (use.binding === undefined) {
    return role.kind === 'Role' ? `in namespace ${role.namespace ?? ''}` : 'if bound cluster-wide (no binding in the run references it)';
  }
  const where = use.scope === 'cluster' ? 'cluster-wide' : `in namespace ${use.namespace ?? ''}`;
  return `${where} through ${describeBinding(use.binding)}`;
}

function roleFindings(analysis: RbacAnalysis, role: RoleDef, into: Map<Tier, RbacFinding[]>): void {
  const object = role.object;
  if (object === undefined || role.aggregation !== undefined || isBootstrapObject(object)) return;
  const groups = new Map<string, { tier: Tier; index: number; risks: RoleRisk[] }>();
  const risks = analysis.roleRisks(role);
  const shown = new Set(presentableHits(risks.map((r) => r.hit)));
  for (const risk of risks) {
    if (risk.hit.tier === 'low' || !shown.has(risk.hit)) continue;
    const index = risk.hit.rules[0]?.index ?? 0;
    const key = `${risk.hit.tier}|${index}|${roleUseText(role, risk)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { tier: risk.hit.tier, index, risks: [risk] });
    else group.risks.push(risk);
  }
  for (const group of groups.values()) {
    const hits = group.risks.map((r) => r.hit);
    const message = `${role.kind} ${role.name} lets its subjects ${patternList(hits)} — ${roleUseText(role, group.risks[0])}`;
    push(into, group.tier, { object, path: ['rules', group.index], message });
  }
}

/** Bindings to cluster-admin are the business of rbac/cluster-admin-binding. */
export function isClusterAdminRef(analysis: RbacAnalysis, binding: BindingDef): boolean {
  const role = analysis.policy.roleOf(binding);
  return role !== undefined && role.kind === 'ClusterRole' && role.name === 'cluster-admin';
}

function bindingFindings(analysis: RbacAnalysis, binding: BindingDef, into: Map<Tier, RbacFinding[]>): void {
  const object = binding.object;
  if (object === undefined || isBootstrapObject(object) || isClusterAdminRef(analysis, binding)) return;
  const subjects = binding.subjects.flatMap((s) => (s.subject === undefined || isSystemComponent(s.subject) ? [] : [s.subject]));
  const role = analysis.policy.roleOf(binding);
  if (subjects.length === 0 || role === undefined) return;
  const byTier = new Map<Tier, RiskHit<EffectiveRule>[]>();
  for (const hit of presentableHits(analysis.bindingRisks(binding))) {
    if (hit.tier === 'low') continue;
    const list = byTier.get(hit.tier);
    if (list === undefined) byTier.set(hit.tier, [hit]);
    else list.push(hit);
  }
  const who = subjects.slice(0, 3).map(describeSubject).join(', ') + (subjects.length > 3 ? ` and ${subjects.length - 3} more` : '');
  const where = binding.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${binding.namespace ?? ''}`;
  for (const [tier, hits] of byTier) {
    const message = `${binding.kind} ${binding.name} lets ${who} ${where} (through ${describeRole(role)}) ${patternList(hits)}`;
    push(into, tier, { object, path: ['roleRef'], message });
  }
}

function push(map: Map<Tier, RbacFinding[]>, tier: Tier, finding: RbacFinding): void {
  const list = map.get(tier);
  if (list === undefined) map.set(tier, [finding]);
  else list.push(finding);
}

const permissionCache = new WeakMap<RbacAnalysis, Map<Tier, RbacFinding[]>>();

/** Risky-permission findings of a tier: per role (at the rule) and per binding (at roleRef). */
export function permissionFindings(analysis: RbacAnalysis, tier: Tier): readonly RbacFinding[] {
  let all = permissionCache.get(analysis);
  if (all === undefined) {
    all = new Map();
    for (const role of analysis.policy.roles) roleFindings(analysis, role, all);
    for (const binding of analysis.policy.bindings) bindingFindings(analysis, binding, all);
    permissionCache.set(analysis, all);
  }
  return all.get(tier) ?? [];
}

export const pathsOf: (analysis: RbacAnalysis) => readonly EscalationPath[] = memoize(escalationPaths, new WeakMap());
