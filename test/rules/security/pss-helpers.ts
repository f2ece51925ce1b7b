/** Runs the Pod Security rules on manifests with a chosen target version and `level` option. */
import { EMPTY_CONFIG } from '../../../src/engine/config';
import type { AnyRule } from '../../../src/engine/rule';
import { runEngine } from '../../../src/engine/run';
import { loadText, SourceText, type LoadResult } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';
import type { Finding } from '../../../src/types';
import podSecurity from '../../../rules/security/pod-security';
import podSecurityRestricted from '../../../rules/security/pod-security-restricted';

export const PSS_RULES: readonly AnyRule[] = [podSecurity, podSecurityRestricted];

export interface PssRunOptions {
  version?: string;
  level?: 'privileged' | 'baseline' | 'restricted';
  /** Only findings of this rule (default: both rules). */
  rule?: string;
}

export function lintPss(files: Record<string, string>, options: PssRunOptions = {}): Finding[] {
  const load: LoadResult = { files: Object.keys(files).length, sources: [], documents: [], problems: [] };
  for (const [file, text] of Object.entries(files)) {
    const source = new SourceText(file, text);
    load.sources.push(source);
    const loaded = loadText(source);
    load.documents.push(...loaded.documents);
    load.problems.push(...loaded.problems);
  }
  const build = buildObjects(load.documents, { defaultNamespace: 'default' });
  const options_ = options.level === undefined ? undefined : { level: options.level };
  const checks = Object.fromEntries(PSS_RULES.map((r) => [r.meta.id, { options: options_ }]));
  const result = runEngine(load, build, {
    rules: PSS_RULES,
    config: { ...EMPTY_CONFIG, checks },
    overrides: new Map(),
    settings: { kubernetesVersion: options.version ?? '1.36', defaultNamespace: 'default', closedWorld: false },
  });
  if (result.internalErrors.length > 0) throw new Error(result.internalErrors.join('\n'));
  return result.findings.filter((f) => options.rule === undefined || f.ruleId === options.rule);
}

/** `line:column rule path message` per finding, for compact assertions. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.ruleId.replace('security/', '')} ${f.path ?? ''} ${f.message}`);
}
