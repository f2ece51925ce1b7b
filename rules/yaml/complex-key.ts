import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/complex-key',
  category: 'yaml',
  severity: 'error',
  description: 'A mapping or list is used as a mapping key.',
  rationale: 'Kubernetes converts YAML to JSON, whose keys are strings; a collection as a key cannot be converted and the document is rejected.',
  fix: 'Use a plain string key.',
  examples: { bad: '? [a, b]\n: value\n', good: 'a-b: value\n' },
});
