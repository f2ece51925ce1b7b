import { defineLoadRule } from '../../src/engine/rule';

export default defineLoadRule({
  id: 'schema/not-kubernetes',
  category: 'schema',
  severity: 'info',
  description: 'A YAML document that is not a Kubernetes object (kustomization, Helm chart or values, kubeconfig, component configuration) is skipped.',
  rationale: 'Manifest folders often hold other tools\' configuration next to the manifests; reporting them as broken objects would be noise, ignoring them silently would hide a misplaced manifest.',
  fix: 'Nothing to fix. Exclude such files with `--ignore` or `.kubevetignore` to silence this note.',
});
