import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/alias-limit',
  category: 'yaml',
  severity: 'error',
  description: 'YAML aliases expand beyond the safety limit, or refer to no anchor.',
  rationale: 'Aliases that reference other aliases grow exponentially ("billion laughs"): a few hundred bytes can expand to gigabytes in any tool that copies them. kubevet stops reading such a document and checks the rest.',
  fix: 'Write the repeated content out, or use fewer nested aliases.',
  examples: {
    bad: 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    good: 'a: &a [x, y]\nb: *a\n',
  },
});
