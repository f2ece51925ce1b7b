/**
 * Conformance with the RBAC fixtures in ../shared/conformance/rbac (checkov and rbac-tool, with
 * their expected results). Every expectation is reproduced, mapped onto kubevet's patterns and
 * rules, except the contradictions documented in expected.json/README, where kubevet follows the
 * API server and the test asserts the API server's answer instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RbacAnalysis } from '../../src/analysis/rbac/analysis';
import { permissionsOf, whoCan, type WhoCanQuery } from '../../src/analysis/rbac/queries';
import { RbacPolicy } from '../../src/analysis/rbac/policy';
import { splitResource } from '../../src/analysis/rbac/matcher';
import { resourceGroup } from '../../src/analysis/rbac/resources';
import { userOf } from '../../src/analysis/rbac/subjects';
import type { KubeObject } from '../../src/model/object';
import { objectsOf } from '../analysis/rbac/helpers';
import { lintTexts } from '../engine/helpers';
import { ALL_RULES } from '../rules/rbac/rbac-rules';
import { describeShared, sharedPath } from '../helpers/shared';

interface ResourceCheck {
  id: string;
  dir: string;
  pass?: string[];
  fail?: string[];
  by_file?: Record<string, { pass?: number; fail?: number; unknown?: number }>;
}

interface Expected {
  checkov: { resource_checks: ResourceCheck[]; graph_checks: { id: string; dir: string; pass: string[]; fail: string[] }[] };
  'rbac-tool': {
    who_can: { file: string; query: string; expect?: string[][]; expect_upstream?: string[][]; expect_apiserver?: string[][] }[];
    policy_rules: { file: string; subject: string; expect_rows: string[][] }[];
  };
  own: { file: string; risky_subjects: { subject: string[] }[]; not_risky_subjects: string[][] };
}

const root = (...parts: string[]): string => sharedPath('conformance', 'rbac', ...parts);
const read = (...parts: string[]): string => readFileSync(root(...parts), 'utf8');

/** checkov's resource id: Kind.<metadata.namespace or default>.<name> (namespace kept on cluster-scoped kinds). */
function checkovId(object: KubeObject): string {
  const metadata = object.raw.metadata as { namespace?: unknown } | undefined;
  const ns = typeof metadata?.namespace === 'string' ? metadata.namespace : 'default';
  return `${object.kind}.${ns}.${object.name}`;
}

/** YAML files under a directory, recursively (expected.yaml excluded), relative to it. */
function yamlFiles(dir: string): string[] {
  return readdirSync(root(dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return yamlFiles(join(dir, entry.name)).map((f) => join(entry.name, f));
    return entry.name.endsWith('.yaml') && entry.name !== 'expected.yaml' ? [entry.name] : [];
  });
}

function analysisOfDir(dir: string): RbacAnalysis {
  const objects = yamlFiles(dir).flatMap((f) => objectsOf(read(dir, f), f));
  return new RbacAnalysis(objects, { kubernetesVersion: '1.36' });
}

/** Role-level verdicts: the ids of roles that hold a pattern (any scope they are rated at). */
function rolesWithPattern(dir: string, patterns: readonly string[]): { failing: string[]; all: string[] } {
  const failing: string[] = [];
  const all: string[] = [];
  for (const file of readdirSync(root(dir)).filter((f) => f.endsWith('.yaml'))) {
    const analysis = new RbacAnalysis(objectsOf(read(dir, file), file), { kubernetesVersion: '1.36' });
    for (const role of analysis.policy.roles) {
      const id = checkovId(role.object!);
      all.push(id);
      if (analysis.roleRisks(role).some((r) => patterns.includes(r.hit.pattern.id))) failing.push(id);
    }
  }
  return { failing: failing.sort(), all: all.sort() };
}

/** Findings of one rule, per file of a directory. */
function ruleFindingsPerFile(dir: string, ruleId: string): Map<string, { objects: string[] }> {
  const out = new Map<string, { objects: string[] }>();
  for (const file of readdirSync(root(dir)).filter((f) => f.endsWith('.yaml'))) {
    const result = lintTexts({ [file]: read(dir, file) }, { rules: [...ALL_RULES], overrides: [['*', 'off'], [ruleId, 'error']] });
    out.set(file, { objects: result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.object?.kind}.${f.object?.name}`) });
  }
  return out;
}

describeShared('RBAC conformance (../shared/conformance/rbac)', () => {
  const expected = JSON.parse(read('expected.json')) as Expected;
  const check = (id: string): ResourceCheck => expected.checkov.resource_checks.find((c) => c.id === id)!;

  describe('checkov resource checks', () => {
    test.each([
      ['CKV_K8S_155', ['control-webhooks']],
      ['CKV_K8S_156', ['approve-csr']],
      ['CKV_K8S_158', ['escalate-roles']],
    ])('%s: exactly the failing roles hold the pattern', (id, patterns) => {
      const c = check(id);
      const { failing, all } = rolesWithPattern(c.dir, patterns);
      expect(failing).toEqual([...(c.fail ?? [])].sort());
      expect(all.filter((x) => !failing.includes(x))).toEqual([...(c.pass ?? [])].sort());
    });

    test('CKV_K8S_157 (bind): agreement except the documented contradiction (bind on rolebindings grants nothing)', () => {
      const c = check('CKV_K8S_157');
      const { failing } = rolesWithPattern(c.dir, ['bind-roles']);
      // Upstream fails test-should-fail-1 for `bind` on rolebindings; the API server checks bind on roles/clusterroles.
      expect(failing).toEqual(['Role.test.test-should-fail-2']);
      expect(c.fail).toContain('ClusterRole.test.test-should-fail-1');
      // kubevet reports that rule as ineffective instead.
      const ineffective = ruleFindingsPerFile(c.dir, 'rbac/ineffective-rule');
      expect(ineffective.get('clusterrole-failed-1.yaml')?.objects).toEqual(['ClusterRole.test-should-fail-1']);
      for (const id of c.pass ?? []) expect(failing).not.toContain(id);
    });

    test('CKV_K8S_49 (wildcards): rbac/wildcard-rule flags exactly the failing roles', () => {
      const c = check('CKV_K8S_49');
      const flagged = [...ruleFindingsPerFile(c.dir, 'rbac/wildcard-rule').values()].flatMap((f) => f.objects);
      expect(flagged.sort()).toEqual((c.fail ?? []).map((id) => `${id.split('.')[0]}.${id.split('.').slice(2).join('.')}`).sort());
    });

    test.each([
      ['CKV_K8S_42', 'rbac/default-service-account-binding', ['RoleBinding', 'ClusterRoleBinding']],
      ['CKV_K8S_41', 'rbac/default-service-account-token', ['ServiceAccount']],
      ['CKV_K8S_38', 'rbac/unused-token', ['Pod', 'Deployment']],
    ])('%s: per-file pass/fail counts via %s', (id, ruleId, kinds) => {
      const c = check(id);
      const findings = ruleFindingsPerFile(c.dir, ruleId);
      for (const [file, counts] of Object.entries(c.by_file ?? {})) {
        const failed = new Set(findings.get(file)?.objects ?? []).size;
        const objects = objectsOf(read(c.dir, file), file).filter((o) => kinds.includes(o.kind));
        expect(failed).toBe(counts.fail ?? 0);
        if (counts.pass !== undefined) expect(objects.length - failed - (counts.unknown ?? 0)).toBe(counts.pass);
      }
    });
  });

  describe('checkov graph checks (bindings)', () => {
    const graph = (id: string) => expected.checkov.graph_checks.find((g) => g.id === id)!;
    /** A binding fails when a ServiceAccount subject receives one of the patterns through it. */
    function failingBindings(dir: string, patterns: readonly string[]): { failing: string[]; all: string[] } {
      const analysis = analysisOfDir(dir);
      const all = analysis.policy.bindings.map((b) => checkovId(b.object!));
      const failing = analysis.policy.bindings
        .filter((b) => b.subjects.some((s) => s.subject?.kind === 'ServiceAccount') && analysis.bindingRisks(b).some((h) => patterns.includes(h.pattern.id) && !h.named))
        .map((b) => checkovId(b.object!));
      return { failing: failing.sort(), all: all.sort() };
    }

    test('CKV2_K8S_5 (read all secrets): agreement except the documented invalid subject', () => {
      const g = graph('CKV2_K8S_5');
      const { failing, all } = failingBindings(g.dir, ['read-secrets', 'wildcard-resource-read', 'wildcard-resource-write', 'full-wildcard']);
      // Upstream fails read-secrets-global, whose ServiceAccount subject has no namespace: the API server rejects that binding.
      expect(failing).toEqual([]);
      expect(g.fail).toEqual(['ClusterRoleBinding.default.read-secrets-global']);
      const invalid = lintTexts({ 'crb.yaml': read(g.dir, 'Failing', 'ClusterRoleBinding.yaml') }, { rules: [...ALL_RULES], overrides: [['*', 'off'], ['rbac/invalid-binding', 'error']] }).findings;
      expect(invalid.map((f) => f.message)).toEqual([expect.stringContaining('needs `namespace`')]);
      expect(all.filter((x) => !g.fail.includes(x)).sort()).toEqual([...g.pass].sort());
    });

    test('CKV2_K8S_1 (binding privilege escalation): same failing bindings (kubevet rates bind-less binding management as lateral)', () => {
      const g = graph('CKV2_K8S_1');
      const { failing, all } = failingBindings(g.dir, ['bind-roles', 'manage-bindings']);
      expect(failing).toEqual([...g.fail].sort());
      expect(all.filter((x) => !failing.includes(x))).toEqual([...g.pass].sort());
      const escalations = failingBindings(g.dir, ['bind-roles']).failing;
      expect(escalations).toEqual(['ClusterRoleBinding.default.failing-crb2']);
    });
  });

  describe('rbac-tool who-can', () => {
    function ask(file: string, text: string, builtinBindings = false): string[][] {
      const [verb, target] = text.split(' ');
      const policy = new RbacPolicy(objectsOf(read(file), file), { kubernetesVersion: '1.36', builtinBindings });
      let query: WhoCanQuery;
      if (target.startsWith('/')) query = { verb, apiGroup: '', resource: '', subresource: '', name: '', namespace: undefined, path: target };
      else {
        const { resource, subresource } = splitResource(target);
        // rbac-tool writes a named object as resource/name.
        const named = subresource !== '' && resource === 'secrets';
        query = { verb, apiGroup: resourceGroup(resource) ?? '', resource, subresource: named ? '' : subresource, name: named ? subresource : '', namespace: undefined };
      }
      return whoCan(policy, query).map((r) => [r.subject.kind, r.subject.name, r.subject.namespace ?? '']);
    }

    test('every expectation without a documented contradiction', () => {
      let agreed = 0;
      for (const c of expected['rbac-tool'].who_can) {
        if (c.expect === undefined || c.file.includes('gatewat')) continue;
        for (const query of c.query.split(' / ')) {
          expect(ask(c.file, query)).toEqual(c.expect);
          agreed++;
        }
      }
      expect(agreed).toBe(6);
    });

    test('gateway operator: the role grants no `get`, so nobody can get gateways (upstream expectation is documented as questionable)', () => {
      const c = expected['rbac-tool'].who_can.find((w) => w.file.includes('gatewat'))!;
      expect(ask(c.file, 'get gateways')).toEqual([]);
      expect(ask(c.file, 'create gateways')).toEqual(c.expect);
    });

    test('non-resource URL through a RoleBinding: the API server answer (only system:masters through the default binding)', () => {
      const c = expected['rbac-tool'].who_can.find((w) => w.expect_apiserver !== undefined)!;
      expect(ask(c.file, c.query, true)).toEqual(c.expect_apiserver);
      expect(ask(c.file, c.query, false)).toEqual([]);
      expect(c.expect_upstream).toContainEqual(['User', 'test-nonresourceurl-reader', '']);
    });
  });

  test('rbac-tool policy-rules: the flattened rows, with their origin', () => {
    for (const c of expected['rbac-tool'].policy_rules) {
      const policy = new RbacPolicy(objectsOf(read(c.file), c.file), { kubernetesVersion: '1.36' });
      const [, ref] = c.subject.split(' ');
      const [namespace, name] = ref.split('/');
      const scopes = permissionsOf(policy, { kind: 'ServiceAccount', namespace, name });
      expect(scopes.map((s) => s.namespace)).toEqual([namespace]);
      const rows = scopes[0].rules.flatMap((r) => r.verbs.flatMap((verb) => r.via.map((v) => [verb, r.apiGroup === '' ? 'core' : r.apiGroup, r.resource, r.resourceName ?? '', `Roles>>${v.role.replace('/Role/', '/')}`])));
      expect(rows.sort()).toEqual([...c.expect_rows].sort());
    }
  });

  test('own fixture: risky and not risky ServiceAccounts', () => {
    const analysis = new RbacAnalysis(objectsOf(read(expected.own.file), expected.own.file), { kubernetesVersion: '1.36' });
    for (const { subject } of expected.own.risky_subjects) {
      const risks = analysis.identityRisks(userOf({ kind: 'ServiceAccount', namespace: subject[1], name: subject[2] }));
      expect(risks.map((r) => `${r.hit.pattern.id}:${r.hit.tier}`)).toContain('read-secrets:critical');
    }
    for (const subject of expected.own.not_risky_subjects) {
      const risks = analysis.identityRisks(userOf({ kind: 'ServiceAccount', namespace: subject[1], name: subject[2] })).filter((r) => r.hit.tier !== 'low');
      expect(risks).toEqual([]);
    }
  });
});
