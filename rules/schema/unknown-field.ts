import { schemaVerdict } from '../../src/analysis/schema';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'schema/unknown-field',
    category: 'schema',
    severity: 'error',
    description: 'A field that the Kubernetes API (or the CRD in the run) does not define for this kind.',
    rationale: 'kubectl apply rejects unknown fields under strict field validation (its default), and lenient tools drop them silently: a misspelt `readyOnlyFilesystem` means the root filesystem stays writable while the manifest looks hardened. Indentation mistakes show up here too, as a field one level too high or too low.',
    fix: 'Correct the spelling (the message suggests the closest allowed field) or move the field to where it belongs.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readyOnlyFilesystem: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        readOnlyRootFilesystem: true\n',
    },
    equivalents: { kubeconform: '-strict (additional properties)', 'kube-linter': 'schema-validation, kubeconform-validation' },
  },
  check(object, context) {
    const verdict = schemaVerdict(object, context.settings.kubernetesVersion, context.run);
    if (verdict.status !== 'validated') return;
    for (const issue of verdict.issues) if (issue.kind === 'unknown-field') context.report(issue);
  },
});
