/**
 * network/* findings against IBM network-config-analyzer's expected counts (shared/conformance/
 * network-config-analyzer): emptiness (policies selecting no pod + rules whose peers select
 * nothing) through the rules engine in closed-world mode, and redundancy (redundant policies
 * + redundant rules within a policy) through the analysis.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { analyzeObjects } from '../../../src/analysis/netpol';
import { connectivityDiff } from '../../../src/analysis/netpol/diff';
import { semanticRedundantRules } from '../../../src/analysis/netpol/lint';
import { loadRun } from '../../../src/cli/pipeline';
import { EMPTY_CONFIG } from '../../../src/engine/config';
import { runEngine } from '../../../src/engine/run';
import type { KubeObject } from '../../../src/model';
import type { SeveritySetting } from '../../../src/types';
import { describeShared, sharedPath } from '../../helpers/shared';
import { NETWORK_RULES } from './network-rules';

interface Query {
  scheme: string;
  query: string;
  type: string;
  args: string[];
  expected: number | null;
  scheme_inputs_complete: boolean;
}

interface Scheme {
  namespaceList?: string | string[];
  podList?: string | string[];
  networkConfigList: { name: string; networkPolicyList?: string[] }[];
}

/** Deviations explained in src/analysis/netpol/README.md. */
const KNOWN_DEVIATIONS = new Map([
  ['services1-scheme.yaml redundancy_np1_and_np2', 'NCA also treats Ingress objects as a policy layer'],
  ['withIpBlock2-scheme.yaml redundancy_in_specific_policies', 'NCA accepts an except outside its cidr, which the API server rejects (kubevet: network/invalid-policy)'],
]);

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

describeShared('network-config-analyzer expected counts', () => {
  const root = sharedPath('conformance', 'network-config-analyzer');
  const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as { queries: Query[] };

  /** Objects of one config set (`set` or `set/namespace/policy`): topology + its policies. */
  function configObjects(schemePath: string, scheme: Scheme, arg: string): KubeObject[] | undefined {
    const dir = dirname(schemePath);
    const [setName, ns, policyName] = arg.split('/');
    const set = scheme.networkConfigList.find((c) => c.name === setName);
    if (set === undefined) return undefined;
    const files = [...asList(scheme.namespaceList), ...asList(scheme.podList), ...(set.networkPolicyList ?? [])];
    if (files.some((f) => f.includes('://'))) return undefined;
    const paths = files.map((f) => join(dir, f)).filter(existsSync);
    const objects = loadRun(paths, { cwd: root, namespace: 'default', ignore: [], maxFileBytes: 64 * 1024 * 1024 }).build.objects;
    return objects.filter((o) => o.kind !== 'NetworkPolicy' || policyName === undefined || (o.namespace === ns && o.name === policyName));
  }

  function emptiness(objects: KubeObject[]): number {
    const overrides = new Map<string, SeveritySetting>(NETWORK_RULES.map((r) => [r.meta.id, r.meta.id === 'network/policy-selects-nothing' || r.meta.id === 'network/dead-rule' ? 'warning' : 'off']));
    const result = runEngine({ files: 0, sources: [], documents: [], problems: [] }, { objects, problems: [], objectDocuments: 0 }, { rules: NETWORK_RULES, config: EMPTY_CONFIG, overrides, settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld: true } });
    return result.findings.filter((f) => !f.message.startsWith('this peer')).length;
  }

  function redundancy(objects: KubeObject[]): number {
    const analysis = analyzeObjects(objects);
    const redundantPolicies = analysis.policies.filter((p) => connectivityDiff(analysis.model, analyzeObjects(objects.filter((o) => o !== p.object)).model).length === 0);
    return redundantPolicies.length + semanticRedundantRules(analysis).filter((r) => !redundantPolicies.includes(r.policy)).length;
  }

  const cases = index.queries.filter((q) => (q.type === 'emptiness' || q.type === 'redundancy') && q.scheme_inputs_complete && q.expected !== null);
  test.each(cases.map((q) => [`${q.scheme.split('/').pop()} ${q.query}`, q] as const))('%s', (name, q) => {
    const schemePath = join(root, q.scheme);
    const scheme = parse(readFileSync(schemePath, 'utf8')) as Scheme;
    const perConfig = q.args.map((arg) => configObjects(schemePath, scheme, arg));
    if (perConfig.some((o) => o === undefined)) return; // refers to remote (URL) inputs
    const count = (perConfig as KubeObject[][]).reduce((n, objects) => n + (q.type === 'emptiness' ? emptiness(objects) : redundancy(objects)), 0);
    if (KNOWN_DEVIATIONS.has(name)) expect(count).not.toBe(q.expected);
    else expect(count).toBe(q.expected);
  });
});
