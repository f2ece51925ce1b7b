import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/tab-indentation',
  category: 'yaml',
  severity: 'error',
  description: 'A tab character is used to indent YAML.',
  rationale: 'YAML forbids tabs in indentation; editors often show them as spaces, so the error is invisible until the parser refuses the file.',
  fix: 'Replace the tab with spaces (configure the editor to insert spaces in YAML files).',
  examples: { bad: 'metadata:\n\tname: web\n', good: 'metadata:\n  name: web\n' },
});
