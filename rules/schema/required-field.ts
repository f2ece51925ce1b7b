import { schemaVerdict } from '../../src/analysis/schema';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'schema/required-field',
    category: 'schema',
    severity: 'error',
    description: 'A field the API requires is missing (as declared by the API schema or the CRD).',
    rationale: 'The API server rejects the object, so the whole apply fails; finding it before the pull request merges saves a broken deploy.',
    fix: 'Add the field named in the message at the reported place.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec: {}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n',
    },
  },
  check(object, context) {
    const verdict = schemaVerdict(object, context.settings.kubernetesVersion, context.run);
    if (verdict.status !== 'validated') return;
    for (const issue of verdict.issues) if (issue.kind === 'required') context.report(issue);
  },
});
