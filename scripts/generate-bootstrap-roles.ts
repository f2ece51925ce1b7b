/**
 * Regenerates or checks the built-in ClusterRoles in src/data/bootstrap-roles.ts from the
 * upstream bootstrap policy testdata of a kubernetes/kubernetes checkout
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/{cluster-roles,controller-roles}.yaml).
 *
 *   node dist/scripts/generate-bootstrap-roles.js FILE…           print role(...) entries in the compact notation
 *   node dist/scripts/generate-bootstrap-roles.js --check FILE…   list differences from the bundled data (exit 1 if any)
 */
import { readFileSync } from 'node:fs';
import { bootstrapClusterRoles, type BootstrapRule } from '../src/data/bootstrap-roles';
import { loadText, SourceText } from '../src/load';
import { buildObjects } from '../src/model/build';
import { isRecord } from '../src/model/path';
import { DEFAULT_KUBERNETES_VERSION } from '../src/versions';

export interface UpstreamRole {
  name: string;
  labels: Record<string, string>;
  aggregationSelectors: Record<string, string>[] | undefined;
  rules: BootstrapRule[];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/** ClusterRoles of an upstream YAML list (labels other than the bootstrapping and aggregation ones dropped). */
export function upstreamRoles(file: string, text: string): UpstreamRole[] {
  const loaded = loadText(new SourceText(file, text));
  return buildObjects(loaded.documents, { defaultNamespace: 'default' })
    .objects.filter((o) => o.kind === 'ClusterRole')
    .map((o) => {
      const aggregation = isRecord(o.raw.aggregationRule) ? o.raw.aggregationRule.clusterRoleSelectors : undefined;
      const rules = Array.isArray(o.raw.rules) ? o.raw.rules.filter(isRecord) : [];
      return {
        name: o.name,
        labels: { ...o.labels },
        aggregationSelectors: Array.isArray(aggregation) ? aggregation.map((s) => (isRecord(s) && isRecord(s.matchLabels) ? (s.matchLabels as Record<string, string>) : {})) : undefined,
        rules: rules.map((r) => {
          const out: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] } = { verbs: strings(r.verbs) ?? [] };
          for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
            const value = strings(r[key]);
            if (value !== undefined && value.length > 0) out[key] = value;
          }
          return out;
        }),
      };
    });
}

function ruleKey(rule: BootstrapRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups ?? [], rule.resources ?? [], rule.resourceNames ?? [], rule.nonResourceURLs ?? []]);
}

/** Differences between upstream roles and the bundled data, one line each. */
export function compareWithBundled(roles: readonly UpstreamRole[], kubernetesVersion: string): string[] {
  const bundled = new Map(bootstrapClusterRoles(kubernetesVersion).map((r) => [r.name, r]));
  const out: string[] = [];
  for (const role of roles) {
    const mine = bundled.get(role.name);
    if (mine === undefined) {
      out.push(`${role.name}: missing from the bundled data`);
      continue;
    }
    if (JSON.stringify(mine.rules.map(ruleKey)) !== JSON.stringify(role.rules.map(ruleKey))) out.push(`${role.name}: rules differ`);
    if (JSON.stringify(mine.labels) !== JSON.stringify(role.labels)) out.push(`${role.name}: labels differ`);
    if (JSON.stringify(mine.aggregationSelectors) !== JSON.stringify(role.aggregationSelectors)) out.push(`${role.name}: aggregation differs`);
  }
  return out;
}

function q(values: readonly string[] | undefined): string {
  return `'${(values ?? []).join(',')}'`;
}

/** One role in the compact notation of src/data/bootstrap-roles.ts. */
export function renderRole(role: UpstreamRole): string {
  const rules = role.rules.map((r) =>
    r.nonResourceURLs !== undefined ? `u(${q(r.verbs)}, ${q(r.nonResourceURLs)})` : `r(${q(r.verbs)}, ${q(r.apiGroups)}, ${q(r.resources)}${r.resourceNames === undefined ? '' : `, ${q(r.resourceNames)}`})`,
  );
  const extra = Object.fromEntries(Object.entries(role.labels).filter(([k]) => k !== 'kubernetes.io/bootstrapping'));
  const labels = Object.keys(extra).length === 0 ? '' : `, ${JSON.stringify(extra)}`;
  if (role.aggregationSelectors !== undefined) return `  aggregated('${role.name}', '${Object.keys(role.aggregationSelectors[0] ?? {})[0] ?? ''}'${labels}),`;
  return `  role('${role.name}', [\n${rules.map((r) => `    ${r},`).join('\n')}\n  ]${labels}),`;
}

function main(argv: string[]): number {
  const check = argv[0] === '--check';
  const files = check ? argv.slice(1) : argv;
  if (files.length === 0) {
    process.stderr.write('usage: generate-bootstrap-roles [--check] cluster-roles.yaml [controller-roles.yaml]\n');
    return 2;
  }
  const roles = files.flatMap((file) => upstreamRoles(file, readFileSync(file, 'utf8')));
  if (check) {
    const differences = compareWithBundled(roles, DEFAULT_KUBERNETES_VERSION);
    for (const line of differences) process.stdout.write(`${line}\n`);
    return differences.length === 0 ? 0 : 1;
  }
  process.stdout.write(`${roles.map(renderRole).join('\n')}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
