import { schemaVerdict } from '../../src/analysis/schema';
import { defineObjectRule } from '../../src/engine/rule';

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-value',
    category: 'schema',
    severity: 'error',
    description: 'A value breaks the format or bounds the schema sets: a malformed quantity (`1 GB`), data that is not base64, a timestamp that is not RFC 3339, a pattern or range of a CRD.',
    rationale: 'The API server rejects such values; for quantities the message shows the accepted notation, which is easy to get wrong (`1gi`, `500mb`).',
    fix: 'Rewrite the value in the notation named in the message.',
    examples: {
      bad: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  password: not base64!\n',
      good: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  password: not base64!\n',
    },
  },
  check(object, context) {
    const verdict = schemaVerdict(object, context.settings.kubernetesVersion, context.run);
    if (verdict.status !== 'validated') return;
    for (const issue of verdict.issues) if (issue.kind === 'value') context.report(issue);
  },
});
