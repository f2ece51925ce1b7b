import { schemaVerdict } from '../../src/analysis/schema';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-type',
    category: 'schema',
    severity: 'error',
    description: 'A field has the wrong type: a string where the API wants an integer, a list where it wants a mapping, a number where it wants a string.',
    rationale: 'The API server refuses the object ("cannot unmarshal string into Go struct field"). Many of these come from YAML itself: `replicas: 3 // three` is a string, an unquoted label value `NO` is the boolean false and `1.10` is the number 1.1 in YAML 1.1, which Kubernetes uses; the message says which.',
    fix: 'Write the value with the type the field needs: remove quotes around numbers, quote strings that YAML would read as booleans or numbers.',
    examples: {
      bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  labels:\n    country: NO\ndata:\n  version: 1.10\n',
      good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  labels:\n    country: "NO"\ndata:\n  version: "1.10"\n',
    },
    equivalents: { kubeconform: 'type errors' },
  },
  check(object, context) {
    const verdict = schemaVerdict(object, context.settings.kubernetesVersion, context.run);
    if (verdict.status !== 'validated') return;
    for (const issue of verdict.issues) if (issue.kind === 'type') context.report(issue);
  },
});
