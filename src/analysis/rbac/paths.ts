/**
 * Escalation paths: from a subject's own grant to the permissions of a ServiceAccount it can
 * become, hop by hop. The moves are the ones the API server allows: run a pod (directly or
 * through any pod controller) as a ServiceAccount of the namespace, mint or forge its token,
 * impersonate it, or exec into a pod that carries its token. Each identity's moves are computed
 * once; every start then walks them breadth-first, so the shortest path to the most powerful
 * identity is reported.
 */
import type { RbacAnalysis, IdentityRisk } from './analysis';
import { describeBinding, describeRole } from './parse';
import { resourceNameMatches, ruleAllows, ruleCovers } from './matcher';
import type { AppliedRule } from './policy';
import { POD_CONTROLLERS } from './resources';
import { coveredByWildcard, TIER_RANK, type Tier } from './risks';
import { describeSubject, isSystemComponent, subjectKey, userOf } from './subjects';
import type { ObjectRef } from '../../types';
import type { BindingDef, ResourceAttributes, RoleDef, Subject, UserInfo } from './types';

export type MoveKind = 'create-pods' | 'manage-workloads' | 'mint-token' | 'impersonate' | 'token-secret' | 'exec';

export interface PathStep {
  readonly actor: Subject;
  readonly move: MoveKind;
  /** "can create Jobs in namespace billing". */
  readonly action: string;
  /** "it can run a pod as billing/ops and take its token". */
  readonly consequence: string;
  readonly namespace: string;
  readonly binding: BindingDef;
  readonly role: RoleDef;
  readonly target: Subject;
}

export interface EscalationPath {
  readonly start: Subject;
  readonly steps: readonly PathStep[];
  /** Risky permissions of the last identity that the start does not hold itself (critical/high). */
  readonly gains: readonly IdentityRisk[];
  readonly tier: Tier;
}

const MAX_DEPTH = 4;

function resourceRequest(verb: string, apiGroup: string, resource: string, subresource: string, namespace: string, name = ''): ResourceAttributes {
  return { kind: 'resource', verb, apiGroup, resource, subresource, name, namespace };
}

function short(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `${subject.namespace ?? ''}/${subject.name}` : subject.name;
}

/**
 * What a user can do in one namespace, computed once per user and namespace: the rules that
 * apply there (in the authorizer's order) and the moves that do not depend on the target.
 */
interface NamespaceMoves {
  /** A move that reaches every ServiceAccount of the namespace, or undefined. */
  readonly any: { move: MoveKind; action: string; grant: AppliedRule } | undefined;
  readonly secrets: AppliedRule | undefined;
  /** Rules that allow serviceaccounts/token creation, for some or all names (first allowing rule wins). */
  readonly token: readonly AppliedRule[];
  /** Rules that allow impersonating ServiceAccounts, for some or all names. */
  readonly impersonate: readonly AppliedRule[];
  /** The grant to exec into pods of the namespace, or undefined. */
  readonly exec: AppliedRule | undefined;
}

/** Applied rules that could allow a request on a resource for some name, in the authorizer's order. */
function coveringRules(applied: readonly AppliedRule[], verb: string, resource: string, subresource: string): AppliedRule[] {
  return applied.filter((a) => ruleCovers(a.rule.compiled, { verb, apiGroup: '', resource, subresource }) !== undefined);
}

/** The first of `rules` that allows the object `name` (the authorizer's answer for a named request). */
function grantFor(rules: readonly AppliedRule[], name: string): AppliedRule | undefined {
  return rules.find((a) => resourceNameMatches(a.rule.compiled, name));
}

function namespaceMoves(analysis: RbacAnalysis, user: UserInfo, namespace: string): NamespaceMoves {
  // authorize() is the first applied rule that allows the request: ask the rules that apply here once.
  const applied = analysis.policy.rulesFor(user, namespace);
  const authorize = (request: ResourceAttributes): AppliedRule | undefined => applied.find((a) => ruleAllows(a.rule.compiled, request));
  const none = { token: [], impersonate: [], exec: undefined };
  const pods = authorize(resourceRequest('create', '', 'pods', '', namespace));
  if (pods !== undefined) return { any: { move: 'create-pods', action: `can create Pods in namespace ${namespace}`, grant: pods }, secrets: undefined, ...none };
  for (const controller of POD_CONTROLLERS) {
    for (const verb of ['create', 'patch', 'update']) {
      const grant = authorize(resourceRequest(verb, controller.group, controller.resource, '', namespace));
      if (grant !== undefined) return { any: { move: 'manage-workloads', action: `can ${verb} ${controller.kind} in namespace ${namespace}`, grant }, secrets: undefined, ...none };
    }
  }
  const create = authorize(resourceRequest('create', '', 'secrets', '', namespace));
  const read = create === undefined ? undefined : (authorize(resourceRequest('get', '', 'secrets', '', namespace)) ?? authorize(resourceRequest('list', '', 'secrets', '', namespace)));
  let exec: AppliedRule | undefined;
  for (const verb of streamVerbs(analysis.kubernetesVersion)) {
    exec = authorize(resourceRequest(verb, '', 'pods', 'exec', namespace));
    if (exec !== undefined) break;
  }
  return {
    any: undefined,
    secrets: read === undefined ? undefined : create,
    token: coveringRules(applied, 'create', 'serviceaccounts', 'token'),
    impersonate: coveringRules(applied, 'impersonate', 'serviceaccounts', ''),
    exec,
  };
}

/** True when no ServiceAccount of the namespace can be reached (so its targets need not be visited). */
function reachesNothing(moves: NamespaceMoves): boolean {
  return moves.any === undefined && moves.secrets === undefined && moves.token.length === 0 && moves.impersonate.length === 0 && moves.exec === undefined;
}

function streamVerbs(kubernetesVersion: string): string[] {
  const match = /^v?1\.(\d+)/.exec(kubernetesVersion);
  return match !== null && Number(match[1]) >= 35 ? ['create'] : ['create', 'get'];
}

/** The first move from `actor` to `target` (a ServiceAccount in `namespace`), if any. */
function moveTo(analysis: RbacAnalysis, actor: Subject, target: Subject, namespace: string, shared: NamespaceMoves): PathStep | undefined {
  const step = (move: MoveKind, action: string, consequence: string, grant: AppliedRule): PathStep => ({ actor, move, action, consequence, namespace, binding: grant.binding, role: grant.role, target });
  const name = short(target);
  if (shared.any !== undefined) return step(shared.any.move, shared.any.action, `it can run a pod as ${name} and take its token`, shared.any.grant);
  const token = grantFor(shared.token, target.name);
  if (token !== undefined) return step('mint-token', `can request tokens for ${name} (serviceaccounts/token)`, `it can mint a token for ${name}`, token);
  const impersonate = grantFor(shared.impersonate, target.name);
  if (impersonate !== undefined) return step('impersonate', `can impersonate ${name}`, `it can act as ${name}`, impersonate);
  if (shared.secrets !== undefined) return step('token-secret', `can create and read Secrets in namespace ${namespace}`, `it can create a service-account-token Secret for ${name} and read the token`, shared.secrets);
  if (shared.exec === undefined) return undefined;
  const workload = analysis.workloadsOf(namespace, target.name).find((w) => w.token !== 'none');
  if (workload !== undefined) return step('exec', `can exec into pods in namespace ${namespace}`, `it can open a shell in ${workload.object.displayName()}, which runs as ${name}, and read its token`, shared.exec);
  return undefined;
}

/** Namespaces where the user holds anything: every namespace when a ClusterRoleBinding applies. */
function reachableNamespaces(analysis: RbacAnalysis, user: UserInfo, all: readonly string[]): string[] {
  const out = new Set<string>();
  for (const binding of analysis.policy.bindingsFor(user)) {
    if (binding.kind === 'ClusterRoleBinding') return [...all];
    if (binding.namespace !== null) out.add(binding.namespace);
  }
  return all.filter((ns) => out.has(ns));
}

function gainsOf(analysis: RbacAnalysis, start: Subject, target: Subject): IdentityRisk[] {
  const mine = analysis.identityRisks(userOf(start));
  const held = new Map<string, Tier>();
  for (const r of mine) held.set(`${r.hit.pattern.id}@${r.namespace ?? '*'}`, r.hit.tier);
  const tierHeld = (id: string, namespace: string | null): Tier | undefined => {
    const here = held.get(`${id}@${namespace ?? '*'}`);
    const everywhere = held.get(`${id}@*`);
    if (here === undefined) return everywhere;
    return everywhere === undefined || TIER_RANK[here] <= TIER_RANK[everywhere] ? here : everywhere;
  };
  const wildcards = mine.filter((r) => r.hit.pattern.id === 'full-wildcard' || r.hit.pattern.id === 'wildcard-resource-write');
  return analysis.identityRisks(userOf(target)).filter((r) => {
    if (TIER_RANK[r.hit.tier] > TIER_RANK.high) return false;
    if (wildcards.some((w) => (w.namespace === null || w.namespace === r.namespace) && coveredByWildcard(w.hit.pattern.id, r.hit.pattern))) return false;
    const tier = tierHeld(r.hit.pattern.id, r.namespace);
    return tier === undefined || TIER_RANK[tier] > TIER_RANK[r.hit.tier];
  });
}

/** Escalation paths of a run, one per start subject (memoized on the analysis by the caller). */
export function escalationPaths(analysis: RbacAnalysis): EscalationPath[] {
  const targetsByNamespace = new Map<string, Subject[]>();
  for (const sa of analysis.knownServiceAccounts()) {
    const ns = sa.namespace ?? '';
    const list = targetsByNamespace.get(ns);
    if (list === undefined) targetsByNamespace.set(ns, [sa]);
    else list.push(sa);
  }
  const namespaces = [...targetsByNamespace.keys()].sort();
  const movesCache = new Map<string, PathStep[]>();
  const movesOf = (actor: Subject): PathStep[] => {
    const key = subjectKey(actor);
    const cached = movesCache.get(key);
    if (cached !== undefined) return cached;
    const user = userOf(actor);
    const out: PathStep[] = [];
    for (const namespace of reachableNamespaces(analysis, user, namespaces)) {
      const shared = namespaceMoves(analysis, user, namespace);
      if (reachesNothing(shared)) continue;
      for (const target of targetsByNamespace.get(namespace) ?? []) {
        if (subjectKey(target) === key) continue;
        const step = moveTo(analysis, actor, target, namespace, shared);
        if (step !== undefined) out.push(step);
      }
    }
    movesCache.set(key, out);
    return out;
  };

  const starts = new Map<string, Subject>();
  for (const binding of analysis.policy.bindings) {
    if (binding.builtin) continue;
    for (const entry of binding.subjects) {
      const subject = entry.subject;
      if (subject === undefined || isSystemComponent(subject)) continue;
      if (!starts.has(subjectKey(subject))) starts.set(subjectKey(subject), subject);
    }
  }

  const paths: EscalationPath[] = [];
  for (const start of starts.values()) {
    const path = bestPath(analysis, start, movesOf);
    if (path !== undefined) paths.push(path);
  }
  return paths;
}

function bestPath(analysis: RbacAnalysis, start: Subject, movesOf: (actor: Subject) => PathStep[]): EscalationPath | undefined {
  const startKey = subjectKey(start);
  const chains = new Map<string, PathStep[]>();
  let frontier: { subject: Subject; chain: PathStep[] }[] = [{ subject: start, chain: [] }];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: { subject: Subject; chain: PathStep[] }[] = [];
    for (const node of frontier) {
      for (const step of movesOf(node.subject)) {
        // A first move granted cluster-wide is itself a critical permission (reported as such); paths start from narrower grants.
        if (depth === 0 && step.binding.kind === 'ClusterRoleBinding') continue;
        const key = subjectKey(step.target);
        if (key === startKey || chains.has(key)) continue;
        const chain = [...node.chain, step];
        chains.set(key, chain);
        next.push({ subject: step.target, chain });
      }
    }
    frontier = next;
  }
  let best: EscalationPath | undefined;
  for (const chain of chains.values()) {
    const target = chain[chain.length - 1].target;
    const gains = gainsOf(analysis, start, target);
    if (gains.length === 0) continue;
    const tier = gains[0].hit.tier;
    const better = best === undefined || TIER_RANK[tier] < TIER_RANK[best.tier] || (tier === best.tier && (chain.length < best.steps.length || (chain.length === best.steps.length && gains.length > best.gains.length)));
    if (better) best = { start, steps: chain, gains, tier };
  }
  return best;
}

function describeGain(risk: IdentityRisk): string {
  return `${risk.hit.pattern.title.replace(/ \(.*\)$/, '')} ${risk.namespace === null ? 'cluster-wide' : `in namespace ${risk.namespace}`}`;
}

/** One sentence: the chain, the identity reached, its strongest binding and what the start gains. */
export function describePath(path: EscalationPath): string {
  const parts = path.steps.map((step, i) => `${i === 0 ? describeSubject(step.actor) : short(step.actor)} ${step.action} (${describeBinding(step.binding)} → ${describeRole(step.role)}): ${step.consequence}`);
  const last = path.steps[path.steps.length - 1].target;
  const top = path.gains[0].hit.rules[0];
  const boundTo = top === undefined ? '' : ` is bound to ${describeRole(top.role)} (${describeBinding(top.binding)})`;
  const gains = path.gains.slice(0, 4).map(describeGain);
  const more = path.gains.length > 4 ? `, and ${path.gains.length - 4} more` : '';
  return `${parts.join('; then ')}. ${describeSubject(last)}${boundTo}, so ${short(path.start)} gains: ${gains.join(', ')}${more}`;
}

/** One step of a path as plain data (for JSON output or SARIF codeFlows): who, what, through which objects. */
export interface ChainStep {
  readonly subject: Subject;
  readonly action: string;
  readonly consequence: string;
  readonly namespace: string;
  readonly binding: string;
  readonly role: string;
  /** The binding object in the run, for a location (undefined for built-in bindings). */
  readonly bindingObject: ObjectRef | null;
  readonly becomes: Subject;
}

export function chainOf(path: EscalationPath): ChainStep[] {
  return path.steps.map((step) => ({
    subject: step.actor,
    action: step.action,
    consequence: step.consequence,
    namespace: step.namespace,
    binding: describeBinding(step.binding),
    role: describeRole(step.role),
    bindingObject: step.binding.object?.ref() ?? null,
    becomes: step.target,
  }));
}
