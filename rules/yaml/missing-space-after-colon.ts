import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/missing-space-after-colon',
  category: 'yaml',
  severity: 'error',
  description: 'A `key:value` pair has no space after the colon.',
  rationale: 'Without the space YAML reads `name:web` as one string, not as the key `name` with the value `web`. Depending on where it stands this is a syntax error or, worse, a silently wrong value.',
  fix: 'Put a space after the colon: `name: web`.',
  examples: { bad: 'metadata:\n  name:web\n  namespace: shop\n', good: 'metadata:\n  name: web\n  namespace: shop\n' },
});
