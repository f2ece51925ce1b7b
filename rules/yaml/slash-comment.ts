import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/slash-comment',
  category: 'yaml',
  severity: 'warning',
  description: '`//` is used as if it started a comment.',
  rationale: 'YAML comments start with `#`. Manifests copied from blogs often carry `// …` notes: `replicas: 3 // three copies` silently makes `replicas` the string "3 // three copies", and a `//` line on its own breaks the parse.',
  fix: 'Replace `//` with `#` (with a space before it when it follows a value).',
  examples: { bad: 'spec:\n  replicas: 3 // three copies\n', good: 'spec:\n  replicas: 3 # three copies\n' },
});
