import type { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import type * as Sarif from 'sarif';
import { formatReport } from '../../src/report';
import {
  apiGroup,
  artifactLocation,
  buildSarifLog,
  FINGERPRINT_KEY,
  formatSarif,
  fullyQualifiedName,
  region,
  ruleName,
} from '../../src/report/sarif';
import { CATEGORIES, SEVERITIES, type Finding, type Report, type RuleDescriptor } from '../../src/types';
import { describeShared } from '../helpers/shared';
import { emptyReport, finding, makeReport, PLAIN, RULES } from './fixtures';
import { compileSarifSchema } from './sarif-schema';

const WITH_SUPPRESSED = { ...PLAIN, showSuppressed: true };

function run(report: Report = makeReport(), options = PLAIN): Sarif.Run {
  const log = buildSarifLog(report, options);
  expect(log.runs).toHaveLength(1);
  return log.runs[0];
}

function rulesOf(r: Sarif.Run): Sarif.ReportingDescriptor[] {
  return r.tool.driver.rules ?? [];
}

function resultsOf(r: Sarif.Run): Sarif.Result[] {
  return r.results ?? [];
}

function ruleById(r: Sarif.Run, id: string): Sarif.ReportingDescriptor {
  const rule = rulesOf(r).find((x) => x.id === id);
  if (rule === undefined) throw new Error(`no rule ${id}`);
  return rule;
}

function fingerprintOf(f: Finding): string {
  const [result] = resultsOf(run(makeReport({ findings: [f], suppressed: [] })));
  return result.partialFingerprints?.[FINGERPRINT_KEY] ?? '';
}

function physical(result: Sarif.Result): Sarif.PhysicalLocation {
  const loc = result.locations?.[0]?.physicalLocation;
  if (loc === undefined) throw new Error('no physical location');
  return loc;
}

describe('sarif format', () => {
  it('writes one SARIF 2.1.0 run for the kubevet driver', () => {
    const out = formatSarif(makeReport(), PLAIN);
    expect(out.endsWith('}\n')).toBe(true);
    const log = JSON.parse(out) as Sarif.Log;
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({ name: 'kubevet', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://github.com/kubevet/kubevet' });
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0].properties).toEqual({ kubernetesVersion: '1.36' });
    expect(formatReport('sarif', makeReport(), PLAIN)).toBe(out);
  });

  describe('rules', () => {
    it('lists every known rule in order, then placeholders for unregistered rule ids', () => {
      const ids = rulesOf(run()).map((r) => r.id);
      expect(ids).toEqual([...RULES.map((r) => r.id), 'yaml/syntax']);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('derives PascalCase names from ids', () => {
      expect(ruleName('schema/unknown-field')).toBe('SchemaUnknownField');
      expect(ruleName('rbac/wildcard-verbs')).toBe('RbacWildcardVerbs');
      expect(ruleName('security/host-pid_v2')).toBe('SecurityHostPidV2');
      expect(rulesOf(run()).map((r) => r.name)).toContain('MetadataRecommendedLabels');
    });

    it('describes each rule with help text, markdown and a help URI', () => {
      const rule = ruleById(run(), 'schema/unknown-field');
      expect(rule.shortDescription?.text).toBe('Fields must exist in the schema of the kind.');
      expect(rule.fullDescription?.text).toBe(
        'Fields must exist in the schema of the kind. The API server silently drops unknown fields, so a typo disables the setting.',
      );
      expect(rule.helpUri).toBe('https://kubevet.dev/rules/schema/unknown-field');
      expect(rule.help?.text).toContain('How to fix: Correct the field name.');
      expect(rule.help?.markdown).toContain('**How to fix:** Correct the field name.');
      expect(rule.help?.markdown).toContain('Bad:\n\n```yaml\nsecurityContext:\n  readyOnlyFilesystem: true\n```');
      expect(rule.help?.markdown).toContain('Good:\n\n```yaml\nsecurityContext:\n  readOnlyRootFilesystem: true\n```');
      expect(rule.help?.markdown).toContain('[Documentation](https://kubevet.dev/rules/schema/unknown-field)');
    });

    it('fences examples that contain backticks with a longer fence', () => {
      expect(ruleById(run(), 'security/run-as-root').help?.markdown).toContain('````yaml\ncommand: ["sh", "-c", "```"]\n````');
    });

    it('omits helpUri when the rule has no usable link', () => {
      const rule = ruleById(run(), 'metadata/recommended-labels');
      expect(rule).not.toHaveProperty('helpUri');
      expect(rule.help?.markdown).not.toContain('Documentation');
      const js = { ...RULES[0], helpUri: 'javascript:alert(1)' };
      expect(ruleById(run(makeReport({ rules: [js] })), js.id)).not.toHaveProperty('helpUri');
    });

    it('maps default severities to levels (info → note)', () => {
      const levels = Object.fromEntries(rulesOf(run()).map((r) => [r.id, r.defaultConfiguration?.level]));
      expect(levels).toEqual({
        'schema/unknown-field': 'error',
        'security/run-as-root': 'error',
        'rbac/wildcard-verbs': 'warning',
        'metadata/recommended-labels': 'note',
        'network/no-policy': 'warning',
        'yaml/syntax': 'error',
      });
    });

    it('tags rules with their category, plus security for security-ish categories', () => {
      const tags = Object.fromEntries(rulesOf(run()).map((r) => [r.id, r.properties?.tags]));
      expect(tags).toEqual({
        'schema/unknown-field': ['schema'],
        'security/run-as-root': ['security'],
        'rbac/wildcard-verbs': ['rbac', 'security'],
        'metadata/recommended-labels': ['metadata'],
        'network/no-policy': ['network', 'security'],
        'yaml/syntax': ['yaml'],
      });
    });

    it('sets security-severity for security, rbac and network rules from the reported severity', () => {
      const severity = (r: Sarif.Run): Record<string, unknown> =>
        Object.fromEntries(rulesOf(r).map((x) => [x.id, x.properties?.['security-severity']]));
      expect(severity(run())).toEqual({
        'schema/unknown-field': undefined,
        // default error, reported as warning in this run
        'security/run-as-root': '5.0',
        // default warning, reported as error in this run
        'rbac/wildcard-verbs': '8.0',
        'metadata/recommended-labels': undefined,
        // no results: the default severity
        'network/no-policy': '5.0',
        'yaml/syntax': undefined,
      });
      // the suppressed run-as-root result is an error: the most severe wins
      expect(severity(run(makeReport(), WITH_SUPPRESSED))['security/run-as-root']).toBe('8.0');
      const infoOnly = makeReport({ findings: [finding({ ruleId: 'network/no-policy', category: 'network', severity: 'info' })] });
      expect(severity(run(infoOnly))['network/no-policy']).toBe('2.0');
    });
  });

  describe('results', () => {
    it('points ruleIndex at the rule with the same id', () => {
      const r = run(makeReport(), WITH_SUPPRESSED);
      expect(resultsOf(r)).toHaveLength(7);
      for (const result of resultsOf(r)) {
        expect(result.ruleIndex).toBeDefined();
        expect(rulesOf(r)[result.ruleIndex ?? -1].id).toBe(result.ruleId);
      }
    });

    it('maps severities to levels and keeps messages verbatim', () => {
      const results = resultsOf(run());
      expect(results.map((x) => x.level)).toEqual(['warning', 'error', 'note', 'error', 'error']);
      expect(results.map((x) => x.message.text)).toEqual(makeReport().findings.map((f) => f.message));
    });

    it('has exactly one physical location relative to %SRCROOT% with the exact region', () => {
      const [, unknownField, , rbac] = resultsOf(run());
      expect(unknownField.locations).toHaveLength(1);
      expect(physical(unknownField)).toEqual({
        artifactLocation: { uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 11, startColumn: 10, endLine: 11, endColumn: 29 },
      });
      expect(physical(rbac).artifactLocation).toEqual({ uri: 'rbac/admin,ops%3Av2%20100%25.yaml', uriBaseId: '%SRCROOT%' });
      expect(physical(rbac).region).toEqual({ startLine: 4, startColumn: 3, endLine: 6, endColumn: 1 });
    });

    it('names the object as a logical location, with the field path', () => {
      const [deployment, , , clusterRole, yaml] = resultsOf(run());
      expect(deployment.locations?.[0].logicalLocations).toEqual([
        {
          name: 'web',
          fullyQualifiedName: 'default/Deployment/web',
          kind: 'object',
          properties: { apiVersion: 'apps/v1', path: 'spec.template.spec.containers[0]' },
        },
      ]);
      expect(clusterRole.locations?.[0].logicalLocations?.[0].fullyQualifiedName).toBe('ClusterRole/admin');
      expect(yaml.locations?.[0]).not.toHaveProperty('logicalLocations');
      const noPath = resultsOf(run(makeReport({ findings: [finding({ path: null })] })))[0];
      expect(noPath.locations?.[0].logicalLocations?.[0].properties).toEqual({ apiVersion: 'v1' });
      const pathOnly = resultsOf(run(makeReport({ findings: [finding({ object: null, path: 'a.b' })] })))[0];
      expect(pathOnly.locations?.[0].properties).toEqual({ path: 'a.b' });
    });

    it('leaves suppressed findings out unless showSuppressed, then marks them inSource', () => {
      expect(resultsOf(run()).some((x) => x.suppressions !== undefined)).toBe(false);
      const suppressed = resultsOf(run(makeReport(), WITH_SUPPRESSED)).slice(5);
      expect(suppressed.map((x) => x.suppressions)).toEqual([
        [{ kind: 'inSource', justification: 'kubevet-disable-next-line comment (deploy/db.yaml:6): legacy image' }],
        [{ kind: 'inSource', justification: '.kubevet.yaml ignore[0]' }],
      ]);
      expect(suppressed.map((x) => x.ruleId)).toEqual(['security/run-as-root', 'network/no-policy']);
    });
  });

  describe('partialFingerprints', () => {
    const base = makeReport().findings[1];

    it('ignore positions', () => {
      const moved = { ...base, line: 40, column: 2, endLine: 41, endColumn: 7 };
      expect(fingerprintOf(moved)).toBe(fingerprintOf(base));
      expect(fingerprintOf({ ...base, message: 'reworded' })).toBe(fingerprintOf(base));
    });

    it('ignore the API version but not the API group', () => {
      const dep = makeReport().findings[0];
      const object = dep.object ?? { apiVersion: '', kind: '', namespace: null, name: '' };
      expect(fingerprintOf({ ...dep, object: { ...object, apiVersion: 'apps/v1beta2' } })).toBe(fingerprintOf(dep));
      expect(fingerprintOf({ ...dep, object: { ...object, apiVersion: 'extensions/v1beta1' } })).not.toBe(fingerprintOf(dep));
    });

    it('change with rule, path, file or any part of the object identity', () => {
      const object = base.object ?? { apiVersion: '', kind: '', namespace: null, name: '' };
      const variants: Finding[] = [
        { ...base, ruleId: 'schema/other' },
        { ...base, path: 'spec.containers[1].securityContext.readyOnlyFilesystem' },
        { ...base, path: null },
        { ...base, file: 'overlays/prod/app.yaml' },
        { ...base, object: { ...object, name: 'api' } },
        { ...base, object: { ...object, namespace: 'prod' } },
        { ...base, object: { ...object, namespace: null } },
        { ...base, object: { ...object, kind: 'Deployment' } },
        { ...base, object: null },
      ];
      const prints = [base, ...variants].map(fingerprintOf);
      expect(new Set(prints).size).toBe(prints.length);
    });

    it('fall back to file and message for findings without an object', () => {
      const yaml = makeReport().findings[4];
      expect(fingerprintOf({ ...yaml, line: 99, column: 1, endLine: 99, endColumn: 3 })).toBe(fingerprintOf(yaml));
      expect(fingerprintOf({ ...yaml, message: 'other' })).not.toBe(fingerprintOf(yaml));
      expect(fingerprintOf({ ...yaml, file: 'y.yaml' })).not.toBe(fingerprintOf(yaml));
    });

    it('number equal identities within a run', () => {
      const twice = makeReport({ findings: [base, { ...base, line: 12 }], suppressed: [] });
      const prints = resultsOf(run(twice)).map((x) => x.partialFingerprints?.[FINGERPRINT_KEY] ?? '');
      expect(prints[0].endsWith(':1')).toBe(true);
      expect(prints[1]).toBe(`${prints[0].slice(0, -2)}:2`);
    });

    it('are pinned: changing the algorithm needs a new key version', () => {
      expect(FINGERPRINT_KEY).toBe('kubevetFindingHash/v1');
      expect(fingerprintOf(makeReport().findings[0])).toBe('066a9b94763ea176dcbea4b21bb9e798170dabf290b7fd5ee2914dacf2526895:1');
    });
  });

  describe('helpers', () => {
    it('encode artifact URIs', () => {
      expect(artifactLocation('deploy/app.yaml')).toEqual({ uri: 'deploy/app.yaml', uriBaseId: '%SRCROOT%' });
      expect(artifactLocation('a b/c#d?.yaml')).toEqual({ uri: 'a%20b/c%23d%3F.yaml', uriBaseId: '%SRCROOT%' });
      expect(artifactLocation('../up/x@1+2=3.yaml')).toEqual({ uri: '../up/x@1+2=3.yaml', uriBaseId: '%SRCROOT%' });
      expect(artifactLocation('k8s:prod/x.yaml').uri).toBe('k8s%3Aprod/x.yaml');
      expect(artifactLocation('<stdin>')).toEqual({ uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' });
      expect(artifactLocation('/tmp/x y.yaml')).toEqual({ uri: 'file:///tmp/x%20y.yaml' });
      expect(artifactLocation('C:/work/x.yaml')).toEqual({ uri: 'file:///C:/work/x.yaml' });
      expect(artifactLocation('dir/日本.yaml').uri).toBe('dir/%E6%97%A5%E6%9C%AC.yaml');
    });

    it('clamp regions to valid SARIF positions', () => {
      expect(region(finding({ line: 0, column: 0, endLine: 0, endColumn: 0 }))).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
      expect(region(finding({ line: 5, column: 9, endLine: 3, endColumn: 2 }))).toEqual({ startLine: 5, startColumn: 9, endLine: 5, endColumn: 9 });
    });

    it('name objects and API groups', () => {
      expect(fullyQualifiedName({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' })).toBe('default/Pod/web');
      expect(fullyQualifiedName({ apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'data' })).toBe('Namespace/data');
      expect(apiGroup('v1')).toBe('');
      expect(apiGroup('networking.k8s.io/v1')).toBe('networking.k8s.io');
    });
  });

  it('stays within GitHub code scanning limits for the fixture', () => {
    const log = buildSarifLog(makeReport(), WITH_SUPPRESSED);
    expect(log.runs.length).toBeLessThanOrEqual(20);
    for (const r of log.runs) {
      expect(resultsOf(r).length).toBeLessThanOrEqual(25000);
      for (const rule of rulesOf(r)) expect((rule.properties?.tags ?? []).length).toBeLessThanOrEqual(20);
      for (const result of resultsOf(r)) {
        expect(result.locations).toHaveLength(1);
        expect(result.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}:\d+$/);
      }
    }
  });
});

const arbFinding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.oneof(fc.constantFrom(...RULES.map((r) => r.id)), fc.string({ minLength: 1 })),
  category: fc.constantFrom(...CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  message: fc.string({ unit: 'binary' }),
  file: fc.oneof(fc.constantFrom('deploy/app.yaml', '<stdin>', '/abs/x.yaml', 'C:/w/x.yaml'), fc.string({ unit: 'binary' })),
  line: fc.integer({ min: -2, max: 100000 }),
  column: fc.integer({ min: -2, max: 500 }),
  endLine: fc.integer({ min: -2, max: 100000 }),
  endColumn: fc.integer({ min: -2, max: 500 }),
  object: fc.option(
    fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'rbac.authorization.k8s.io/v1', ''),
      kind: fc.string(),
      namespace: fc.option(fc.string()),
      name: fc.string(),
    }),
  ),
  path: fc.option(fc.string()),
});

const arbRule: fc.Arbitrary<RuleDescriptor> = fc.record({
  id: fc.string({ minLength: 1 }),
  category: fc.constantFrom(...CATEGORIES),
  defaultSeverity: fc.constantFrom(...SEVERITIES),
  description: fc.string(),
  rationale: fc.string(),
  fix: fc.option(fc.string(), { nil: undefined }),
  examples: fc.option(fc.record({ bad: fc.option(fc.string(), { nil: undefined }), good: fc.option(fc.string(), { nil: undefined }) }), { nil: undefined }),
  helpUri: fc.oneof(fc.constant('https://kubevet.dev/r'), fc.string()),
  enabledByDefault: fc.boolean(),
});

describeShared('sarif format against the SARIF 2.1.0 schema GitHub uses', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = compileSarifSchema();
  });

  function expectValid(text: string): void {
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  }

  it('rejects an invalid log (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    const log = buildSarifLog(makeReport(), PLAIN);
    const region = log.runs[0].results?.[0].locations?.[0].physicalLocation?.region;
    if (region !== undefined) region.startLine = 0;
    expect(validate(log)).toBe(false);
  });

  it.each([
    ['the fixture', makeReport(), PLAIN],
    ['the fixture with suppressed findings', makeReport(), WITH_SUPPRESSED],
    ['an empty report', emptyReport(), PLAIN],
    ['a report without rules', makeReport({ rules: [] }), WITH_SUPPRESSED],
    ['a non-semver tool version', makeReport({ tool: { name: 'kubevet', version: 'dev' } }), PLAIN],
  ])('validates %s', (_name, report, options) => {
    expectValid(formatSarif(report, options));
  });

  it('validates for arbitrary findings and rules', () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 8 }), fc.array(arbRule, { maxLength: 4 }), (findings, rules) => {
        const suppressed = findings.slice(0, 2).map((f) => ({ ...f, suppressedBy: 'comment' }));
        expectValid(formatSarif(makeReport({ findings, suppressed, rules }), WITH_SUPPRESSED));
      }),
      { numRuns: 150 },
    );
  });
});
