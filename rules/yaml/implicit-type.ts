import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/implicit-type',
  category: 'yaml',
  severity: 'error',
  description: 'An unquoted key or value whose YAML 1.1 type is not what it looks like (`no`, `on`, `y`, `0644`, `1.10`).',
  rationale: 'Kubernetes reads YAML as YAML 1.1 (through sigs.k8s.io/yaml): `no`, `off` and `n` are false, `yes`, `on` and `y` are true, `0644` is octal 420 and `1.10` is the number 1.1. A label value `NO` (Norway) or a key `y` is silently not the text you wrote.',
  fix: 'Quote the value when you mean the text: `"no"`, `"1.10"`.',
  examples: { bad: 'metadata:\n  labels:\n    country: NO\n', good: 'metadata:\n  labels:\n    country: "NO"\n' },
});
