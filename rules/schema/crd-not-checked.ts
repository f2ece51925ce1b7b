import { crdInfo, crdSchemaNotes } from '../../src/analysis/crd';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'schema/crd-not-checked',
    category: 'schema',
    severity: 'info',
    description: 'Parts of a CustomResourceDefinition schema kubevet cannot apply, such as regular expressions in Go syntax that JavaScript cannot run.',
    rationale: 'Kubernetes evaluates CRD patterns with Go\'s RE2; a few constructs have no JavaScript equivalent. kubevet skips those patterns instead of failing, and says so, so a pattern violation in a custom resource is not silently assumed checked.',
    fix: 'Nothing to fix in the manifest; the note tells you which constraint is checked only by the cluster.',
    examples: {
      bad: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: string\n              pattern: "^(?P<name>[a-z]+)$"\n',
    },
  },
  appliesTo: (object) => object.kind === 'CustomResourceDefinition',
  check(object, context) {
    const info = crdInfo(object);
    if (info === undefined) return;
    info.versions.forEach((version, index) => {
      // A walk of the schema, not a compilation: CRDs without resources in the run cost nothing.
      const notes = version.schema === undefined ? [] : crdSchemaNotes(version.schema);
      for (const note of notes) {
        context.report({ path: ['spec', 'versions', index, 'schema', 'openAPIV3Schema'], target: 'key', message: `version ${version.name}: ${note}` });
      }
    });
  },
});
