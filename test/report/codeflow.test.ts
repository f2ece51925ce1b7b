/** Escalation chains reach SARIF as code flows and stay out of the fixed JSON shape. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import escalationPath from '../../rules/rbac/escalation-path';
import { runCli } from '../cli/run-cli';
import { describeShared } from '../helpers/shared';
import { compileSarifSchema } from './sarif-schema';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubevet-flow-'));
  writeFileSync(join(dir, 'rbac.yaml'), escalationPath.meta.examples?.bad ?? '');
  return dir;
}

const ONLY = ['--rule', '*=off', '--rule', 'rbac/escalation-path=error'];

describe('escalation chains', () => {
  test('SARIF carries the chain as a code flow, in order, at the bindings', () => {
    const sarif = JSON.parse(runCli(['-f', 'sarif', ...ONLY, 'rbac.yaml'], workspace()).stdout);
    const [result] = sarif.runs[0].results;
    const steps = result.codeFlows[0].threadFlows[0].locations;
    expect(steps.map((s: { executionOrder: number }) => s.executionOrder)).toEqual([1, 2]);
    expect(steps[0].location.physicalLocation.region.startLine).toBe(10);
    expect(steps[0].location.message.text).toMatch(/^can create Pods in namespace billing through billing\/RoleBinding\/builder-jobs/);
    expect(steps[1].location.logicalLocations[0].fullyQualifiedName).toBe('ClusterRoleBinding/ops-secrets');
  });

  test('the JSON report keeps its documented shape', () => {
    const report = JSON.parse(runCli(['-f', 'json', ...ONLY, 'rbac.yaml'], workspace()).stdout);
    expect(Object.keys(report.findings[0])).toEqual(['ruleId', 'category', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'object', 'path']);
  });
});

describeShared('SARIF with code flows', () => {
  test('validates against the SARIF 2.1.0 schema', () => {
    const validate = compileSarifSchema();
    const sarif = JSON.parse(runCli(['-f', 'sarif', ...ONLY, 'rbac.yaml'], workspace()).stdout);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });
});
