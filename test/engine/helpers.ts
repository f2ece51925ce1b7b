import { EMPTY_CONFIG, type Config } from '../../src/engine/config';
import { defineObjectRule, type AnyRule } from '../../src/engine/rule';
import { runEngine, type EngineResult } from '../../src/engine/run';
import { loadText, SourceText, type LoadResult } from '../../src/load';
import { isPolicyObject } from '../../src/analysis/psp';
import { buildObjects } from '../../src/model/build';
import type { SeveritySetting } from '../../src/types';
import { BUILTIN_RULES } from '../../rules';

/** The rules engine tests exercise: reading problems and suppressions, not schema or security. */
const ENGINE_TEST_RULES = BUILTIN_RULES.filter((r) => r.meta.category === 'yaml' || r.meta.id === 'metadata/unused-suppression');

/** A small rule for engine tests: flags every `privileged: true` container. */
export const privilegedRule = defineObjectRule({
  meta: {
    id: 'security/test-privileged',
    category: 'security',
    severity: 'error',
    description: 'test rule',
    rationale: 'test rule',
  },
  appliesTo: (o) => o.kind === 'Pod',
  check(object, context) {
    const containers = object.get(['spec', 'containers']);
    if (!Array.isArray(containers)) return;
    containers.forEach((c: { securityContext?: { privileged?: boolean } }, i) => {
      if (c.securityContext?.privileged === true) {
        context.report({ path: ['spec', 'containers', i, 'securityContext', 'privileged'], message: 'privileged container' });
      }
    });
  },
});

/**
 * Lints texts as one run. `manifestPolicies` uses their PodSecurityPolicy objects as policies
 * (`--use-manifest-psps`), so that security/psp-* examples and tests need no policy file.
 */
export function lintTexts(files: Record<string, string>, options: { config?: Partial<Config>; overrides?: [string, SeveritySetting][]; rules?: AnyRule[]; manifestPolicies?: boolean } = {}): EngineResult {
  const load: LoadResult = { files: Object.keys(files).length, sources: [], documents: [], problems: [] };
  for (const [file, text] of Object.entries(files)) {
    const source = new SourceText(file, text);
    load.sources.push(source);
    const loaded = loadText(source);
    load.documents.push(...loaded.documents);
    load.problems.push(...loaded.problems);
  }
  const build = buildObjects(load.documents, { defaultNamespace: 'default' });
  return runEngine(load, build, {
    rules: options.rules ?? [...ENGINE_TEST_RULES, privilegedRule],
    policies: options.manifestPolicies === true ? build.objects.filter((o) => isPolicyObject(o.raw)) : [],
    config: { ...EMPTY_CONFIG, ...options.config },
    overrides: new Map(options.overrides ?? []),
    settings: { kubernetesVersion: '1.36', defaultNamespace: 'default', closedWorld: false },
  });
}

export const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;
