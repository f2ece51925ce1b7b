import { formatReport } from '../../src/report';
import { formatJson, jsonReport } from '../../src/report/json';
import type { Finding, SuppressedFinding } from '../../src/types';
import { emptyReport, makeReport, PLAIN } from './fixtures';

const EXPECTED_FINDINGS = [
  {
    ruleId: 'security/run-as-root',
    category: 'security',
    severity: 'warning',
    message: 'Container "web" may run as root',
    file: 'deploy/app.yaml',
    line: 3,
    column: 1,
    endLine: 9,
    endColumn: 4,
    object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
    path: 'spec.template.spec.containers[0]',
  },
  {
    ruleId: 'schema/unknown-field',
    category: 'schema',
    severity: 'error',
    message: 'Unknown field "readyOnlyFilesystem"; did you mean "readOnlyRootFilesystem"?',
    file: 'deploy/app.yaml',
    line: 11,
    column: 10,
    endLine: 11,
    endColumn: 29,
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' },
    path: 'spec.containers[0].securityContext.readyOnlyFilesystem',
  },
  {
    ruleId: 'metadata/recommended-labels',
    category: 'metadata',
    severity: 'info',
    message: 'Missing recommended labels:\napp.kubernetes.io/name, app.kubernetes.io/version\nnamé 日本語 ✓',
    file: 'deploy/app.yaml',
    line: 120,
    column: 4,
    endLine: 120,
    endColumn: 12,
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' },
    path: 'metadata.labels',
  },
  {
    ruleId: 'rbac/wildcard-verbs',
    category: 'rbac',
    severity: 'error',
    message: 'Rule grants 100% of verbs: "*", on resources: pods,\r\nsecrets',
    file: 'rbac/admin,ops:v2 100%.yaml',
    line: 4,
    column: 3,
    endLine: 6,
    endColumn: 1,
    object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespace: null, name: 'admin' },
    path: 'rules[0].verbs',
  },
  {
    ruleId: 'yaml/syntax',
    category: 'yaml',
    severity: 'error',
    message: 'Bad indentation\n::error::forged ##[warning]x \u001b[31mred',
    file: 'z.yaml',
    line: 2,
    column: 5,
    endLine: 2,
    endColumn: 6,
    object: null,
    path: null,
  },
];

const EXPECTED = {
  tool: { name: 'kubevet', version: '0.1.0' },
  kubernetesVersion: '1.36',
  summary: { files: 3, documents: 7, objects: 6, errors: 3, warnings: 1, infos: 1, suppressed: 2 },
  findings: EXPECTED_FINDINGS,
};

const EXPECTED_SUPPRESSED = [
  {
    ruleId: 'security/run-as-root',
    category: 'security',
    severity: 'error',
    message: 'Container "db" may run as root',
    file: 'deploy/db.yaml',
    line: 7,
    column: 5,
    endLine: 7,
    endColumn: 9,
    object: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'data', name: 'db' },
    path: 'spec.template.spec.containers[0]',
    suppressedBy: 'kubevet-disable-next-line comment (deploy/db.yaml:6): legacy image',
  },
  {
    ruleId: 'network/no-policy',
    category: 'network',
    severity: 'warning',
    message: 'Namespace "data" has no NetworkPolicy',
    file: 'deploy/db.yaml',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 11,
    object: { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'data' },
    path: null,
    suppressedBy: '.kubevet.yaml ignore[0]',
  },
];

/** Every object's keys, depth first, so that key order is compared too. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
  }
  return [];
}

describe('json format', () => {
  it('emits exactly the documented document, byte for byte (2-space indent, trailing newline)', () => {
    const out = formatJson(makeReport(), PLAIN);
    expect(out).toBe(`${JSON.stringify(EXPECTED, null, 2)}\n`);
    expect(JSON.parse(out)).toStrictEqual(EXPECTED);
  });

  it('keeps the documented key order everywhere', () => {
    const parsed: unknown = JSON.parse(formatJson(makeReport(), PLAIN));
    expect(keyPaths(parsed)).toEqual(keyPaths(EXPECTED));
    expect(Object.keys(parsed as object)).toEqual(['tool', 'kubernetesVersion', 'summary', 'findings']);
    expect(Object.keys(EXPECTED.findings[0])).toEqual([
      'ruleId', 'category', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'object', 'path',
    ]);
  });

  it('adds the suppressed array after findings only with showSuppressed', () => {
    const out = formatJson(makeReport(), { ...PLAIN, showSuppressed: true });
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['tool', 'kubernetesVersion', 'summary', 'findings', 'suppressed']);
    expect(parsed).toStrictEqual({ ...EXPECTED, suppressed: EXPECTED_SUPPRESSED });
    expect(keyPaths(parsed)).toEqual(keyPaths({ ...EXPECTED, suppressed: EXPECTED_SUPPRESSED }));
    expect(jsonReport(makeReport(), false)).not.toHaveProperty('suppressed');
  });

  it('emits an empty suppressed array with showSuppressed when nothing was suppressed', () => {
    const parsed = JSON.parse(formatJson(emptyReport(), { ...PLAIN, showSuppressed: true })) as Record<string, unknown>;
    expect(parsed.suppressed).toEqual([]);
    expect(parsed.findings).toEqual([]);
  });

  it('keeps the engine order and does not re-sort', () => {
    const report = makeReport();
    report.findings.reverse();
    const parsed = JSON.parse(formatJson(report, PLAIN)) as { findings: { line: number }[] };
    expect(parsed.findings.map((f) => f.line)).toEqual([2, 4, 120, 11, 3]);
  });

  it('does not leak fields beyond the contract', () => {
    const extra = { ...makeReport().findings[0], internal: 'x', node: { secret: true } } as Finding;
    const sup = { ...makeReport().suppressed[0], internal: 1 } as SuppressedFinding;
    const report = makeReport({ findings: [extra], suppressed: [sup] });
    const parsed = JSON.parse(formatJson(report, { ...PLAIN, showSuppressed: true })) as {
      findings: object[];
      suppressed: object[];
    };
    expect(parsed.findings[0]).toStrictEqual(EXPECTED_FINDINGS[0]);
    expect(parsed.suppressed[0]).toStrictEqual(EXPECTED_SUPPRESSED[0]);
  });

  it('ignores color and quiet (they are text-format options)', () => {
    const plain = formatJson(makeReport(), PLAIN);
    expect(formatJson(makeReport(), { color: true, quiet: true, showSuppressed: false })).toBe(plain);
    expect(plain).not.toContain('\u001b[3');
    expect(formatReport('json', makeReport(), PLAIN)).toBe(plain);
  });
});
