import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/unreadable-file',
  category: 'yaml',
  severity: 'error',
  description: 'A named path cannot be read as a manifest: missing, unreadable, binary, UTF-16, or above the size limit.',
  rationale: 'A manifest that cannot be read is not checked at all; saying so keeps a typo in a path or a corrupted file from passing silently.',
  fix: 'Correct the path, fix the permissions, convert the file to UTF-8, or raise `--max-file-size` for a genuinely large manifest.',
});
