import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/syntax',
  category: 'yaml',
  severity: 'error',
  description: 'The document is not valid YAML.',
  rationale: 'kubectl and the API server refuse a document they cannot parse, and every other check is blind to it. kubevet reports every error the parser finds and keeps checking the other documents of the file.',
  fix: 'Correct the YAML at the reported position; the message names the likely mistake when it can (unclosed quotes, bad indentation, a list item where a key belongs).',
  examples: {
    bad: 'metadata:\n  name: "web\n  labels: {app: web}\n',
    good: 'metadata:\n  name: "web"\n  labels: {app: web}\n',
  },
  equivalents: { kubeconform: 'parse error', 'kube-score': 'parse error' },
});
