import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES } from '../../../src/types';
import { lintTexts } from '../../engine/helpers';
import { findingsOf } from '../../helpers/rule-tester';
import { ALL_RULES, RBAC_RULES } from './rbac-rules';

const ROOT = join(__dirname, '..', '..', '..');

describe.each(RBAC_RULES.map((r) => [r.meta.id, r] as const))('%s metadata', (id, rule) => {
  test('complete: category rbac, id matches the module, one-sentence description, rationale, fix, examples', () => {
    expect(CATEGORIES).toContain(rule.meta.category);
    expect(rule.meta.category).toBe('rbac');
    expect(readdirSync(join(ROOT, 'rules', 'rbac'))).toContain(`${id.slice('rbac/'.length)}.ts`);
    expect(rule.meta.description).toMatch(/^[A-Z`].*\.$/);
    expect(rule.meta.rationale.length).toBeGreaterThan(40);
    expect(rule.meta.fix).toBeDefined();
    if (id !== 'rbac/missing-role') expect(rule.meta.examples?.bad).toBeDefined(); // needs closedWorld, see bindings.test.ts
    expect(rule.meta.examples?.good).toBeDefined();
  });

  test('the bad example is flagged and the good one is not', () => {
    const { bad, good } = rule.meta.examples ?? {};
    if (bad !== undefined) expect(findingsOf(id, bad, 'manifest.yaml', RBAC_RULES).length).toBeGreaterThan(0);
    expect(findingsOf(id, good ?? '', 'manifest.yaml', RBAC_RULES)).toEqual([]);
  });
});

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) out[join(dir, name)] = readFileSync(join(dir, name), 'utf8');
  return out;
}

describe('no false positives on hardened input', () => {
  test.each([['examples/good'], ['test/fixtures/hardened']])('%s: no rbac errors or warnings (every rbac rule on)', (dir) => {
    const result = lintTexts(filesOf(join(ROOT, dir)), { rules: [...ALL_RULES] });
    expect(result.internalErrors).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId.startsWith('rbac/') && f.severity !== 'info')).toEqual([]);
  });

  test('examples/bad/cluster-admin-binding.yaml is an error', () => {
    const result = lintTexts(filesOf(join(ROOT, 'examples', 'bad')), { rules: [...ALL_RULES] });
    expect(result.findings.filter((f) => f.ruleId === 'rbac/cluster-admin-binding').map((f) => f.file)).toEqual([join(ROOT, 'examples', 'bad', 'cluster-admin-binding.yaml')]);
  });

  test('odd input never throws', () => {
    const odd = [
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: x}\nrules: 5\naggregationRule: {clusterRoleSelectors: [null, 3, {matchLabels: 7}]}\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: y}\nrules: [null, 3, {verbs: 5, resources: [1, null], apiGroups: {}}]\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: z}\nsubjects: [null, {kind: 5}, {kind: ServiceAccount}]\nroleRef: 7\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {}\nsubjects: {}\n',
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec: {template: {spec: {serviceAccountName: [], automountServiceAccountToken: "yes"}}}\n',
    ].join('---\n');
    const result = lintTexts({ 'odd.yaml': odd }, { rules: [...ALL_RULES] });
    expect(result.internalErrors).toEqual([]);
  });
});
