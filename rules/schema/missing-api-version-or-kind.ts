import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'schema/missing-api-version-or-kind',
  category: 'schema',
  severity: 'error',
  description: 'An object has `kind` without `apiVersion`, or `apiVersion` without `kind`.',
  rationale: 'The API server needs both to know which type the object is; kubectl refuses the document ("apiVersion not set" / "kind not set").',
  fix: 'Add the missing field, e.g. `apiVersion: apps/v1` for a Deployment.',
  examples: { bad: 'kind: Deployment\nmetadata: {name: web}\n', good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n' },
});
