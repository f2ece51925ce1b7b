import { crdRegistry, schemaVerdict } from '../../src/analysis/schema';
import { defineObjectRule } from '../../src/engine/rule';
import { allKinds, kindsByName } from '../../src/schema';
import { suggest } from '../../src/util/suggest';

export default defineObjectRule({
  meta: {
    id: 'schema/unknown-kind',
    category: 'schema',
    severity: 'error',
    description: 'The kind does not exist in the apiVersion given: a misspelt kind, the right kind in the wrong group, or a version the API (or the CRD in the run) does not serve.',
    rationale: 'kubectl fails with "no matches for kind" and nothing in the file is applied. `apiVersion: v1` with `kind: Deployment`, or `kind: service` in lower case, are common slips.',
    fix: 'Use the apiVersion and kind the message suggests (`kubectl api-resources` lists what a cluster serves).',
    examples: {
      bad: 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
  },
  check(object, context) {
    const version = context.settings.kubernetesVersion;
    const verdict = schemaVerdict(object, version, context.run);
    if (verdict.status !== 'no-schema') return;
    if (verdict.reason === 'unserved-version' && verdict.crd !== undefined) {
      const served = verdict.crd.versions.filter((v) => v.served).map((v) => `${verdict.crd?.group}/${v.name}`);
      context.report({
        path: ['apiVersion'],
        message: `the CustomResourceDefinition for ${object.kind} (${verdict.crd.source.name}) does not serve \`${object.apiVersion}\`; it serves ${served.map((s) => `\`${s}\``).join(', ') || 'no version'}`,
      });
      return;
    }
    if (verdict.reason !== 'unknown-kind') return;
    context.report({ path: ['kind'], message: unknownKindMessage(object.apiVersion, object.group, object.kind, version, crdRegistry(context.run).kindsOf(object.group)) });
  },
});

function unknownKindMessage(apiVersion: string, group: string, kind: string, version: string, customKinds: string[]): string {
  const matches = kindsByName(version, kind).filter((k) => k.creatable);
  const exact = matches.filter((k) => k.kind === kind);
  if (exact.length > 0) {
    const sameGroup = exact.find((k) => k.group === group);
    const best = sameGroup ?? exact[0];
    const why = sameGroup !== undefined ? `${kind} is served as \`${best.apiVersion}\` in Kubernetes ${version}, not \`${apiVersion}\`` : `${kind} is not in \`${apiVersion}\``;
    return `${why}; use \`apiVersion: ${best.apiVersion}\``;
  }
  if (matches.length > 0) {
    return `unknown kind \`${kind}\` in \`${apiVersion}\`; kinds are case-sensitive: did you mean \`${matches[0].kind}\` (\`apiVersion: ${matches[0].apiVersion}\`)?`;
  }
  const inGroup = [...new Set([...allKinds(version).filter((k) => k.group === group && k.creatable).map((k) => k.kind), ...customKinds])];
  const guess = suggest(kind, inGroup.length > 0 ? inGroup : allKinds(version).filter((k) => k.creatable).map((k) => k.kind));
  const candidate = guess === undefined ? undefined : kindsByName(version, guess)[0];
  const hint = candidate === undefined ? '' : `; did you mean \`${candidate.kind}\` (\`apiVersion: ${candidate.apiVersion}\`)?`;
  return `Kubernetes ${version} has no kind \`${kind}\` in \`${apiVersion}\`${hint}`;
}
