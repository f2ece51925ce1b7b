import { crdRegistry, schemaChoice } from '../../src/analysis/schema';
import { defineRunRule } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { suggest } from '../../src/util/suggest';

export default defineRunRule({
  meta: {
    id: 'schema/missing-crd',
    category: 'schema',
    severity: 'info',
    description: 'Custom resources whose CustomResourceDefinition is neither in the run nor given with --crd are not schema-checked (one note per kind).',
    rationale: 'CRDs are usually installed separately (by an operator\'s chart), so their absence is not an error; but a typo in such a resource then goes unnoticed. Passing the CRDs with `--crd` (or the `crds` configuration key) turns on full checking; teams that want every resource checked can raise this rule to error.',
    fix: 'Add the CRD files with `--crd path/to/crds/` or `crds:` in .kubevet.yaml.',
    examples: {
      bad: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n',
      good: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: {type: integer}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n',
    },
  },
  check(run, context) {
    const firstOfKind = new Map<string, { object: KubeObject; count: number }>();
    for (const object of run.objects) {
      // Which schema applies is enough: validating every object again here would double the schema rules' cost.
      const choice = schemaChoice(object, context.settings.kubernetesVersion, run);
      if (choice.status !== 'no-schema' || choice.reason !== 'missing-crd') continue;
      const key = `${object.apiVersion}|${object.kind}`;
      const entry = firstOfKind.get(key);
      if (entry === undefined) firstOfKind.set(key, { object, count: 1 });
      else entry.count++;
    }
    const registry = crdRegistry(run);
    for (const { object, count } of firstOfKind.values()) {
      const known = registry.kindsOf(object.group);
      const guess = suggest(object.kind, known);
      const hint = guess === undefined ? '' : ` A CRD in the run defines \`${guess}\` in this group: is \`${object.kind}\` a misspelling?`;
      context.report({
        object,
        path: ['kind'],
        message: `no schema for ${object.apiVersion} ${object.kind} (${count} object${count === 1 ? '' : 's'} in this run): its CustomResourceDefinition is not in the run, so these are not schema-checked; pass it with --crd.${hint}`,
      });
    }
  },
});
