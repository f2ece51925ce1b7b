import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/unknown-tag',
  category: 'yaml',
  severity: 'warning',
  description: 'A YAML tag (`!Ref`, `!!js/function`, …) that Kubernetes does not understand, or a standard tag on a value it does not fit.',
  rationale: 'Kubernetes reads tagged values as plain strings, so tags from other tools (CloudFormation, js-yaml extensions) silently turn into text. kubevet never evaluates or resolves tags.',
  fix: 'Remove the tag and write the value Kubernetes should receive.',
  examples: { bad: 'data:\n  script: !!js/function "function () {}"\n', good: 'data:\n  script: "function () {}"\n' },
});
