/** The rbac rules over the shared corpus of real-world manifests: no internal errors, and the paths that are really there. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintTexts } from '../../engine/helpers';
import { describeShared, sharedPath } from '../../helpers/shared';
import { ALL_RULES, RBAC_RULES } from './rbac-rules';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

function lintProject(dir: string) {
  const texts: Record<string, string> = {};
  for (const file of yamlFiles(dir)) texts[file] = readFileSync(file, 'utf8');
  return lintTexts(texts, { rules: [...ALL_RULES], overrides: [['*', 'off'], ...RBAC_RULES.map((r) => [r.meta.id, r.meta.severity] as [string, 'error'])] });
}

describeShared('rbac rules on the real-world corpus', () => {
  const root = (): string => sharedPath('corpus', 'real');

  test('every project, one run each: no internal error', () => {
    for (const project of readdirSync(root())) {
      if (!statSync(join(root(), project)).isDirectory()) continue;
      expect([project, lintProject(join(root(), project)).internalErrors]).toEqual([project, []]);
    }
  });

  test('ingress-nginx: the admission job can forge a token for the controller ServiceAccount', () => {
    const dir = join(root(), 'ingress-nginx', 'deploy', 'static', 'provider', 'cloud');
    const paths = lintProject(dir).findings.filter((f) => f.ruleId === 'rbac/escalation-path');
    expect(paths.map((f) => f.message)).toEqual([expect.stringMatching(/^ServiceAccount ingress-nginx\/ingress-nginx-admission can create and read Secrets in namespace ingress-nginx .* so ingress-nginx\/ingress-nginx-admission gains: read Secrets cluster-wide/)]);
  });
});
