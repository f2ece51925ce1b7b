import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'metadata/unused-suppression',
  category: 'metadata',
  severity: 'info',
  description: 'A `kubevet-ignore` comment or `kubevet.io/ignore` annotation suppresses nothing.',
  rationale: 'Suppressions outlive the problems they silenced; a stale one hides the next real finding of that rule at that place. Unknown rule ids in a suppression are reported too.',
  fix: 'Delete the suppression, or correct the rule id in it.',
  examples: {
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    kubevet.io/ignore: yaml/duplicate-key   # nothing here is duplicated\ndata:\n  mode: fast\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n',
  },
});
