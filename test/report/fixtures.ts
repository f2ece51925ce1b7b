/** Hand-built reports shared by the reporter tests. */
import type { Finding, Report, RuleDescriptor, Summary, SuppressedFinding } from '../../src/types';
import type { FormatOptions } from '../../src/report';

export const PLAIN: FormatOptions = { color: false, quiet: false, showSuppressed: false };

export const RULES: RuleDescriptor[] = [
  {
    id: 'schema/unknown-field',
    category: 'schema',
    defaultSeverity: 'error',
    description: 'Fields must exist in the schema of the kind',
    rationale: 'The API server silently drops unknown fields, so a typo disables the setting.',
    fix: 'Correct the field name.',
    examples: { bad: 'securityContext:\n  readyOnlyFilesystem: true\n', good: 'securityContext:\n  readOnlyRootFilesystem: true\n' },
    helpUri: 'https://kubevet.dev/rules/schema/unknown-field',
    enabledByDefault: true,
  },
  {
    id: 'security/run-as-root',
    category: 'security',
    defaultSeverity: 'error',
    description: 'Containers should not run as root.',
    rationale: 'A root process that escapes the container is root on the node.',
    fix: 'Set `runAsNonRoot: true`.',
    examples: { bad: 'command: ["sh", "-c", "```"]' },
    helpUri: 'https://kubevet.dev/rules/security/run-as-root',
    enabledByDefault: true,
  },
  {
    id: 'rbac/wildcard-verbs',
    category: 'rbac',
    defaultSeverity: 'warning',
    description: 'Roles should not grant every verb',
    rationale: 'Wildcards grant verbs added in future versions too.',
    helpUri: 'https://kubevet.dev/rules/rbac/wildcard-verbs',
    enabledByDefault: true,
  },
  {
    id: 'metadata/recommended-labels',
    category: 'metadata',
    defaultSeverity: 'info',
    description: 'Objects should carry the recommended app.kubernetes.io labels',
    rationale: 'Tools group objects by these labels.',
    helpUri: '',
    enabledByDefault: false,
  },
  {
    id: 'network/no-policy',
    category: 'network',
    defaultSeverity: 'warning',
    description: 'Every namespace with pods should have a NetworkPolicy',
    rationale: 'Without a policy all traffic is allowed.',
    helpUri: 'https://kubevet.dev/rules/network/no-policy',
    enabledByDefault: true,
  },
];

export function finding(overrides: Partial<Finding>): Finding {
  return {
    ruleId: 'schema/unknown-field',
    category: 'schema',
    severity: 'error',
    message: 'Unknown field',
    file: 'deploy/app.yaml',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web' },
    path: null,
    ...overrides,
  };
}

/** Sorted as the engine sorts (`compareFindings`). */
export const FINDINGS: Finding[] = [
  finding({
    ruleId: 'security/run-as-root',
    category: 'security',
    severity: 'warning',
    message: 'Container "web" may run as root',
    line: 3,
    column: 1,
    endLine: 9,
    endColumn: 4,
    object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
    path: 'spec.template.spec.containers[0]',
  }),
  finding({
    message: 'Unknown field "readyOnlyFilesystem"; did you mean "readOnlyRootFilesystem"?',
    line: 11,
    column: 10,
    endLine: 11,
    endColumn: 29,
    path: 'spec.containers[0].securityContext.readyOnlyFilesystem',
  }),
  finding({
    ruleId: 'metadata/recommended-labels',
    category: 'metadata',
    severity: 'info',
    message: 'Missing recommended labels:\napp.kubernetes.io/name, app.kubernetes.io/version\nnamé 日本語 ✓',
    line: 120,
    column: 4,
    endLine: 120,
    endColumn: 12,
    path: 'metadata.labels',
  }),
  finding({
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
  }),
  finding({
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
  }),
];

export const SUPPRESSED: SuppressedFinding[] = [
  {
    ...finding({
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
    }),
    suppressedBy: 'kubevet-disable-next-line comment (deploy/db.yaml:6): legacy image',
  },
  {
    ...finding({
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
    }),
    suppressedBy: '.kubevet.yaml ignore[0]',
  },
];

export const SUMMARY: Summary = { files: 3, documents: 7, objects: 6, errors: 3, warnings: 1, infos: 1, suppressed: 2 };

export function makeReport(overrides: Partial<Report> = {}): Report {
  return {
    tool: { name: 'kubevet', version: '0.1.0' },
    kubernetesVersion: '1.36',
    summary: { ...SUMMARY },
    findings: FINDINGS.map((f) => ({ ...f })),
    suppressed: SUPPRESSED.map((f) => ({ ...f })),
    rules: RULES,
    ...overrides,
  };
}

export const EMPTY_SUMMARY: Summary = { files: 0, documents: 0, objects: 0, errors: 0, warnings: 0, infos: 0, suppressed: 0 };

export function emptyReport(summary: Partial<Summary> = {}): Report {
  return makeReport({ summary: { ...EMPTY_SUMMARY, ...summary }, findings: [], suppressed: [] });
}
