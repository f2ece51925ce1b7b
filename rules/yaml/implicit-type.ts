import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'yaml/implicit-type',
  category: 'yaml',
  severity: 'error',
  description: 'An unquoted mapping key that YAML 1.1 turns into another text (`y` becomes "true", `0644` becomes "420"); values of the wrong type are reported by `schema/invalid-type`, which knows the field.',
  rationale: 'Kubernetes reads YAML as YAML 1.1 (through sigs.k8s.io/yaml): `no`, `off` and `n` are false, `yes`, `on` and `y` are true, `0644` is octal 420 and `1.10` is the number 1.1. Keys are then turned back into text, so a ConfigMap key `y` silently becomes `true` and a key `0644` becomes `420`.',
  fix: 'Quote the key when you mean the text: `"y"`, `"0644"`.',
  examples: {
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: answers\ndata:\n  y: accepted\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: answers\ndata:\n  "y": accepted\n',
  },
});
