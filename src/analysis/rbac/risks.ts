/**
 * The risky-permission table: each pattern is a question for the matcher ("does some rule grant
 * verb V on resource R of group G?"), so `*` verbs, groups, resources and `*` + `/subresource` count
 * exactly as the API server counts them. Severity depends on where the permission applies:
 * cluster-wide (ClusterRoleBinding), in a privileged namespace, or in an ordinary namespace.
 */
import { API_GROUP_ALL, RESOURCE_ALL, ruleCovers, splitResource, VERB_ALL, type CompiledRule } from './matcher';
import { isClusterScopedResource, POD_CONTROLLERS } from './resources';
import type { PolicyRule } from './types';
import { memoize } from '../../util/memo';

export type Tier = 'critical' | 'high' | 'medium' | 'low';
export const TIERS: readonly Tier[] = ['critical', 'high', 'medium', 'low'];
export const TIER_RANK: Readonly<Record<Tier, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** cluster = ClusterRoleBinding; privileged = RoleBinding in kube-system or a configured namespace; namespace = any other RoleBinding. */
export type ScopeClass = 'cluster' | 'privileged' | 'namespace';

export interface Probe {
  readonly verbs: readonly string[];
  readonly group: string;
  /** `resource` or `resource/subresource`. */
  readonly resource: string;
  /** Cluster-scoped requests are never granted through a RoleBinding. */
  readonly clusterScoped: boolean;
}

export interface RiskPattern {
  readonly id: string;
  /** What the permission allows, as a verb phrase: "read Secrets". */
  readonly title: string;
  /** Why it is dangerous, one clause. */
  readonly why: string;
  /** Every requirement must be met, each by any of its probes. */
  readonly requirements: readonly (readonly Probe[])[];
  /** For wildcard patterns: a test on a single rule instead of probes. */
  readonly ruleTest?: (rule: PolicyRule) => boolean;
  readonly severity: Readonly<Record<ScopeClass, Tier | undefined>>;
  /** Tier when every grant is limited by resourceNames: a tier, 'same', or one tier lower (default). */
  readonly named?: Tier | 'same';
}

export interface RuleLike {
  readonly compiled: CompiledRule;
}

export interface RiskHit<T extends RuleLike = RuleLike> {
  readonly pattern: RiskPattern;
  readonly tier: Tier;
  readonly scope: ScopeClass;
  /** True when resourceNames limit every grant. */
  readonly named: boolean;
  readonly names: readonly string[];
  /** The rules that grant it, in input order. */
  readonly rules: readonly T[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch'];
const MODIFY = ['update', 'patch'];
const WRITE_DELETE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const ANY_VERB = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const RBAC = 'rbac.authorization.k8s.io';

function probes(verbs: readonly string[], group: string, resources: readonly string[], clusterScoped?: boolean): Probe[] {
  return resources.map((resource) => ({ verbs, group, resource, clusterScoped: clusterScoped ?? isClusterScopedResource(group, splitResource(resource).resource) }));
}

function sev(cluster: Tier | undefined, privileged: Tier | undefined, namespace: Tier | undefined): Record<ScopeClass, Tier | undefined> {
  return { cluster, privileged, namespace };
}

const everywhere = (tier: Tier): Record<ScopeClass, Tier | undefined> => sev(tier, tier, tier);
const clusterOnly = (tier: Tier): Record<ScopeClass, Tier | undefined> => sev(tier, undefined, undefined);

function isFullWildcard(rule: PolicyRule): boolean {
  return rule.verbs.includes(VERB_ALL) && rule.apiGroups.includes(API_GROUP_ALL) && rule.resources.includes(RESOURCE_ALL) && rule.resourceNames.length === 0;
}

const WRITE_OR_SPECIAL = new Set([VERB_ALL, 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'escalate', 'bind']);

function wildcardResourceOnCore(rule: PolicyRule): boolean {
  return rule.resources.includes(RESOURCE_ALL) && (rule.apiGroups.includes('') || rule.apiGroups.includes(API_GROUP_ALL)) && rule.resourceNames.length === 0 && !isFullWildcard(rule);
}

/** Exec, attach and port-forward were authorized as `get` for WebSocket clients until 1.35 (AuthorizePodWebsocketUpgradeCreatePermission). */
function streamVerbs(kubernetesVersion: string): string[] {
  const match = /^v?1\.(\d+)/.exec(kubernetesVersion);
  return match !== null && Number(match[1]) >= 35 ? ['create'] : ['create', 'get'];
}

function buildPatterns(kubernetesVersion: string): RiskPattern[] {
  const stream = streamVerbs(kubernetesVersion);
  return [
    {
      id: 'full-wildcard', title: 'do anything (`*` verbs on `*` resources of `*` API groups)', why: 'it equals cluster-admin at this scope, including every future resource',
      requirements: [], ruleTest: isFullWildcard, severity: sev('critical', 'critical', 'high'),
    },
    {
      id: 'wildcard-resource-write', title: 'write every resource (`*` resources)', why: '`*` covers Secrets, pods/exec and every future resource',
      requirements: [], ruleTest: (r) => wildcardResourceOnCore(r) && r.verbs.some((v) => WRITE_OR_SPECIAL.has(v)), severity: sev('critical', 'critical', 'high'),
    },
    {
      id: 'wildcard-resource-read', title: 'read every resource (`*` resources)', why: '`*` includes Secrets: listing them reads every credential',
      requirements: [], ruleTest: (r) => wildcardResourceOnCore(r) && !r.verbs.some((v) => WRITE_OR_SPECIAL.has(v)) && r.verbs.some((v) => READ.includes(v)), severity: sev('high', 'high', 'medium'),
    },
    {
      id: 'all-urls', title: 'call every non-resource URL (`nonResourceURLs: ["*"]`)', why: 'includes /metrics, /debug and /logs endpoints of the API server',
      requirements: [], ruleTest: (r) => r.nonResourceURLs.includes('*') && r.verbs.length > 0, severity: clusterOnly('medium'),
    },
    {
      id: 'read-secrets', title: 'read Secrets', why: 'Secrets hold credentials, including legacy ServiceAccount tokens of other identities',
      requirements: [probes(READ, '', ['secrets'])], severity: sev('critical', 'critical', 'high'), named: 'low',
    },
    {
      id: 'write-secrets', title: 'create or change Secrets', why: 'a new `kubernetes.io/service-account-token` Secret gets a token for any ServiceAccount of the namespace',
      requirements: [probes(WRITE, '', ['secrets'])], severity: sev('critical', 'critical', 'high'), named: 'medium',
    },
    {
      id: 'mint-tokens', title: 'request ServiceAccount tokens (serviceaccounts/token create)', why: 'it mints a token for any ServiceAccount of the namespace',
      requirements: [probes(['create'], '', ['serviceaccounts/token'])], severity: sev('critical', 'critical', 'high'),
    },
    {
      id: 'create-pods', title: 'create Pods', why: 'a pod can run as any ServiceAccount of the namespace and mount any of its Secrets',
      requirements: [probes(['create'], '', ['pods'])], severity: sev('critical', 'critical', 'high'),
    },
    {
      id: 'manage-workloads', title: 'create or change pod controllers (Deployments, Jobs, …)', why: 'a pod template can run as any ServiceAccount of the namespace',
      requirements: [POD_CONTROLLERS.flatMap((c) => probes(WRITE, c.group, [c.resource]))], severity: sev('critical', 'critical', 'high'), named: 'same',
    },
    {
      id: 'modify-pods', title: 'update or patch Pods', why: 'changing a container image runs new code with the pod\'s ServiceAccount',
      requirements: [probes(MODIFY, '', ['pods'])], severity: sev('high', 'high', 'medium'),
    },
    {
      id: 'exec-pods', title: 'exec into or attach to Pods', why: 'a shell in a running pod reads its token and data',
      requirements: [probes(stream, '', ['pods/exec', 'pods/attach'])], severity: sev('high', 'critical', 'medium'),
    },
    {
      id: 'ephemeral-containers', title: 'add ephemeral containers to Pods', why: 'a debug container joins a running pod with its ServiceAccount',
      requirements: [probes(MODIFY, '', ['pods/ephemeralcontainers'])], severity: sev('high', 'high', 'medium'),
    },
    {
      id: 'port-forward', title: 'port-forward or proxy to Pods and Services', why: 'it reaches pod ports through the API server, around NetworkPolicy',
      requirements: [[...probes(stream, '', ['pods/portforward']), ...probes(ANY_VERB, '', ['pods/proxy', 'services/proxy'])]], severity: sev('medium', 'medium', 'low'),
    },
    {
      id: 'node-proxy', title: 'use the kubelet API (nodes/proxy)', why: 'the kubelet runs commands in every pod of the node, unaudited',
      requirements: [[...probes(ANY_VERB, '', ['nodes/proxy']), ...probes(['proxy'], '', ['nodes'])]], severity: clusterOnly('critical'),
    },
    {
      id: 'escalate-roles', title: 'escalate Roles/ClusterRoles', why: 'it writes roles with permissions it does not hold',
      requirements: [[...probes(['escalate'], RBAC, ['roles']), ...probes(['escalate'], RBAC, ['clusterroles'])]], severity: sev('critical', 'critical', 'high'),
    },
    {
      id: 'bind-roles', title: 'bind any role (bind on roles/clusterroles plus create rolebindings)', why: 'it can bind cluster-admin or admin to itself',
      requirements: [
        [...probes(['bind'], RBAC, ['roles']), ...probes(['bind'], RBAC, ['clusterroles'], false)],
        probes(WRITE, RBAC, ['rolebindings', 'clusterrolebindings']),
      ],
      severity: sev('critical', 'critical', 'high'), named: 'medium',
    },
    {
      id: 'manage-bindings', title: 'create or change role bindings', why: 'it hands its own permissions to other identities',
      requirements: [probes(WRITE, RBAC, ['rolebindings', 'clusterrolebindings'])], severity: sev('medium', 'medium', 'low'),
    },
    {
      id: 'write-roles', title: 'create or change Roles/ClusterRoles', why: 'a ClusterRole labelled aggregate-to-admin/edit/view adds rules to those built-in roles',
      requirements: [probes(WRITE, RBAC, ['roles', 'clusterroles'])], severity: sev('medium', 'medium', 'low'),
    },
    {
      id: 'impersonate', title: 'impersonate users, groups or ServiceAccounts', why: 'it acts as another identity; impersonating group system:masters is cluster-admin',
      requirements: [[...probes(['impersonate'], '', ['users', 'groups', 'serviceaccounts']), ...probes(['impersonate'], 'authentication.k8s.io', ['uids'])]],
      severity: sev('critical', 'critical', 'high'),
    },
    {
      id: 'approve-csr', title: 'approve CertificateSigningRequests', why: 'an approved client certificate can name any user and group, e.g. system:masters',
      requirements: [probes(MODIFY, 'certificates.k8s.io', ['certificatesigningrequests/approval']), probes(['approve'], 'certificates.k8s.io', ['signers'])],
      severity: clusterOnly('critical'), named: 'high',
    },
    {
      id: 'sign-csr', title: 'sign CertificateSigningRequests', why: 'a signer issues certificates for any identity its CA is trusted for',
      requirements: [probes(MODIFY, 'certificates.k8s.io', ['certificatesigningrequests/status']), probes(['sign'], 'certificates.k8s.io', ['signers'])],
      severity: clusterOnly('critical'), named: 'high',
    },
    {
      id: 'control-webhooks', title: 'write admission webhook configurations and policies', why: 'a webhook sees every admitted object (Secrets included) and can mutate pods or switch off policy',
      requirements: [probes(WRITE_DELETE, 'admissionregistration.k8s.io', ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'])],
      severity: clusterOnly('critical'), named: 'high',
    },
    {
      id: 'create-persistentvolumes', title: 'create PersistentVolumes', why: 'a hostPath volume exposes the node\'s filesystem and every credential on it',
      requirements: [probes(['create'], '', ['persistentvolumes'])], severity: clusterOnly('critical'),
    },
    {
      id: 'modify-nodes', title: 'change or delete Nodes', why: 'taints and labels steer powerful pods onto a node the attacker controls',
      requirements: [[...probes(['update', 'patch', 'delete'], '', ['nodes']), ...probes(MODIFY, '', ['nodes/status'])]], severity: clusterOnly('high'),
    },
    {
      id: 'modify-namespaces', title: 'change Namespaces', why: 'labels switch off Pod Security Admission (`pod-security.kubernetes.io/enforce: privileged`) or open NetworkPolicy namespace selectors',
      requirements: [probes(MODIFY, '', ['namespaces'], false)], severity: everywhere('high'),
    },
    {
      id: 'finalize-namespaces', title: 'finalize Namespaces', why: 'forced finalization deletes a namespace without cleanup',
      requirements: [probes(['update'], '', ['namespaces/finalize'], false)], severity: everywhere('medium'),
    },
    {
      id: 'namespace-status', title: 'change Namespace status', why: 'status writes can fake a namespace\'s phase',
      requirements: [probes(MODIFY, '', ['namespaces/status'], false)], severity: everywhere('low'),
    },
    {
      id: 'write-configmaps', title: 'write ConfigMaps', why: 'kube-system ConfigMaps configure cluster components (and aws-auth maps cloud identities to system:masters on EKS)',
      requirements: [probes(WRITE_DELETE, '', ['configmaps'])], severity: sev('critical', 'high', 'low'),
    },
    {
      id: 'service-hijack', title: 'redirect Service traffic (services/status, Endpoints, EndpointSlices)', why: 'forged endpoints or load-balancer IPs intercept traffic (CVE-2020-8554)',
      requirements: [[...probes(MODIFY, '', ['services/status']), ...probes(WRITE, '', ['endpoints']), ...probes(WRITE, 'discovery.k8s.io', ['endpointslices'])]], severity: everywhere('medium'),
    },
    {
      id: 'write-networkpolicies', title: 'change NetworkPolicies', why: 'removing isolation opens lateral movement',
      requirements: [[...probes(WRITE_DELETE, 'networking.k8s.io', ['networkpolicies']), ...probes(WRITE_DELETE, 'extensions', ['networkpolicies'])]], severity: sev('medium', 'medium', 'low'),
    },
    {
      id: 'write-crds', title: 'write CustomResourceDefinitions', why: 'deleting a CRD deletes all its objects; conversion webhooks receive them',
      requirements: [probes(WRITE_DELETE, 'apiextensions.k8s.io', ['customresourcedefinitions'])], severity: clusterOnly('medium'),
    },
    {
      id: 'write-apiservices', title: 'write APIServices', why: 'an APIService routes a whole API group to a Service of the attacker\'s choice',
      requirements: [probes(WRITE_DELETE, 'apiregistration.k8s.io', ['apiservices'])], severity: clusterOnly('high'),
    },
    {
      id: 'policy-engine', title: 'write Gatekeeper or Kyverno policies', why: 'it switches off admission guardrails',
      requirements: [[
        ...probes(WRITE_DELETE, 'kyverno.io', ['clusterpolicies'], true), ...probes(WRITE_DELETE, 'kyverno.io', ['policies', 'policyexceptions'], false),
        ...probes(WRITE_DELETE, 'templates.gatekeeper.sh', ['constrainttemplates'], true), ...probes(WRITE_DELETE, 'config.gatekeeper.sh', ['configs'], false),
        ...probes(WRITE_DELETE, 'mutations.gatekeeper.sh', ['assign', 'assignmetadata', 'modifyset'], true),
      ]],
      severity: sev('high', 'high', 'medium'),
    },
    {
      id: 'storage-admin', title: 'write StorageClasses, CSIDrivers or VolumeAttachments', why: 'provisioner parameters and attachments reach node storage',
      requirements: [probes(WRITE_DELETE, 'storage.k8s.io', ['storageclasses', 'csidrivers', 'volumeattachments'])], severity: clusterOnly('medium'),
    },
    {
      id: 'pod-status', title: 'change Pod status', why: 'fake readiness and IPs steer Service traffic',
      requirements: [probes(MODIFY, '', ['pods/status'])], severity: everywhere('low'),
    },
    {
      id: 'review-oracle', title: 'create TokenReviews or SubjectAccessReviews', why: 'it validates stolen tokens and enumerates others\' permissions',
      requirements: [[...probes(['create'], 'authentication.k8s.io', ['tokenreviews']), ...probes(['create'], 'authorization.k8s.io', ['subjectaccessreviews'])]], severity: clusterOnly('low'),
    },
    {
      id: 'write-leases', title: 'write Leases', why: 'a kube-system lease decides which controller instance leads',
      requirements: [probes(WRITE_DELETE, 'coordination.k8s.io', ['leases'])], severity: sev('low', 'low', undefined),
    },
    {
      id: 'pod-logs', title: 'read pod logs', why: 'applications print secrets in logs',
      requirements: [probes(['get'], '', ['pods/log'])], severity: everywhere('low'),
    },
  ];
}

/** The table for a Kubernetes version (exec via `get` only counts before 1.35). */
export const riskPatterns: (kubernetesVersion: string) => readonly RiskPattern[] = memoize(buildPatterns, new Map());

function lowerTier(tier: Tier): Tier {
  return TIERS[Math.min(TIERS.length - 1, TIER_RANK[tier] + 1)];
}

interface RequirementResult<T> {
  all: boolean;
  names: string[];
  rules: T[];
}

function checkRequirement<T extends RuleLike>(items: readonly T[], requirement: readonly Probe[], scope: ScopeClass): RequirementResult<T> | undefined {
  let all = false;
  const names = new Set<string>();
  const rules: T[] = [];
  for (const item of items) {
    let covered: 'all' | 'named' | undefined;
    for (const probe of requirement) {
      if (probe.clusterScoped && scope !== 'cluster') continue;
      const { resource, subresource } = splitResource(probe.resource);
      for (const verb of probe.verbs) {
        const c = ruleCovers(item.compiled, { verb, apiGroup: probe.group, resource, subresource });
        if (c === 'all' || (c === 'named' && covered === undefined)) covered = c;
        if (covered === 'all') break;
      }
      if (covered === 'all') break;
    }
    if (covered === undefined) continue;
    rules.push(item);
    if (covered === 'all') all = true;
    else for (const name of item.compiled.rule.resourceNames) names.add(name);
  }
  return rules.length === 0 ? undefined : { all, names: [...names].sort(), rules };
}

function evaluatePattern<T extends RuleLike>(pattern: RiskPattern, items: readonly T[], scope: ScopeClass): RiskHit<T> | undefined {
  const base = pattern.severity[scope];
  if (base === undefined) return undefined;
  if (pattern.ruleTest !== undefined) {
    const test = pattern.ruleTest;
    const rules = items.filter((item) => test(item.compiled.rule));
    return rules.length === 0 ? undefined : { pattern, tier: base, scope, named: false, names: [], rules };
  }
  const results: RequirementResult<T>[] = [];
  for (const requirement of pattern.requirements) {
    const result = checkRequirement(items, requirement, scope);
    if (result === undefined) return undefined;
    results.push(result);
  }
  const named = results.some((r) => !r.all);
  const tier = !named ? base : pattern.named === 'same' ? base : pattern.named !== undefined ? (TIER_RANK[pattern.named] > TIER_RANK[base] ? pattern.named : base) : lowerTier(base);
  const rules = [...new Set(results.flatMap((r) => r.rules))];
  const names = [...new Set(results.filter((r) => !r.all).flatMap((r) => r.names))].sort();
  return { pattern, tier, scope, named, names, rules: items.filter((item) => rules.includes(item)) };
}

/**
 * Every risky pattern the rules grant at a scope. Full wildcard subsumes the rest (the message
 * would otherwise list the whole table).
 */
export function evaluateRisks<T extends RuleLike>(items: readonly T[], scope: ScopeClass, kubernetesVersion: string): RiskHit<T>[] {
  const hits: RiskHit<T>[] = [];
  for (const pattern of riskPatterns(kubernetesVersion)) {
    const hit = evaluatePattern(pattern, items, scope);
    if (hit !== undefined) hits.push(hit);
  }
  const full = hits.find((h) => h.pattern.id === 'full-wildcard');
  if (full !== undefined) return hits.filter((h) => h === full || h.pattern.id === 'all-urls');
  // bind-roles includes what manage-bindings says; escalate includes write-roles.
  const ids = new Set(hits.map((h) => h.pattern.id));
  return hits.filter((h) => !(h.pattern.id === 'manage-bindings' && ids.has('bind-roles')) && !(h.pattern.id === 'write-roles' && ids.has('escalate-roles')));
}

const WILDCARD_PATTERNS = new Set(['full-wildcard', 'wildcard-resource-write', 'wildcard-resource-read']);

/**
 * For messages: drops hits granted only by rules that a wildcard hit already reports (`*`
 * resources imply Secrets, pods, exec…; listing them again says nothing new).
 */
export function presentableHits<H extends RiskHit>(hits: readonly H[]): H[] {
  const wildcardRules = new Set(hits.filter((h) => WILDCARD_PATTERNS.has(h.pattern.id)).flatMap((h) => h.rules));
  if (wildcardRules.size === 0) return [...hits];
  return hits.filter((h) => WILDCARD_PATTERNS.has(h.pattern.id) || !h.rules.every((r) => wildcardRules.has(r)));
}

/** Patterns a wildcard hit makes redundant in comparisons: everything (`*` on `*.*`) or every namespaced pattern. */
export function coveredByWildcard(wildcardId: string, pattern: RiskPattern): boolean {
  if (wildcardId === 'full-wildcard') return true;
  if (wildcardId === 'wildcard-resource-write') return pattern.requirements.length > 0 && pattern.requirements.every((req) => req.some((p) => !p.clusterScoped));
  return false;
}
