import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/invalid-encoding',
  category: 'yaml',
  severity: 'error',
  description: 'The file contains bytes that are not valid UTF-8.',
  rationale: 'YAML streams are UTF-8 for Kubernetes tools; other encodings (Latin-1 accents pasted from a document, for example) corrupt names and values or are rejected.',
  fix: 'Save the file as UTF-8.',
});
