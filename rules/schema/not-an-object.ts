import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'schema/not-an-object',
  category: 'schema',
  severity: 'error',
  description: 'A document (or List item) is a scalar or a list instead of an object.',
  rationale: 'kubectl expects every document to be one object with apiVersion and kind; a top-level list or a stray string is rejected.',
  fix: 'Make each document one object; wrap several objects in `kind: List` with `items:` or separate them with `---`.',
  examples: { bad: '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n', good: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' },
});
