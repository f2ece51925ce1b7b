import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/duplicate-key',
  category: 'yaml',
  severity: 'error',
  description: 'A mapping has the same key twice.',
  rationale: 'YAML requires unique keys. Lenient loaders silently keep the last value, so the first one (often a whole `selector:` or `env:` block) vanishes without a trace; the API server rejects duplicate fields under strict field validation, the default of kubectl apply.',
  fix: 'Merge the two entries or delete the one you do not mean.',
  examples: {
    bad: 'spec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  replicas: 3\n',
    good: 'spec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n',
  },
});
