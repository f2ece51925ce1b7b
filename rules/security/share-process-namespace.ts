import { defineObjectRule } from '../../src/engine/rule';
import { isWorkload, podSpecOf } from '../../src/model/workload';

export default defineObjectRule({
  meta: {
    id: 'security/share-process-namespace',
    category: 'security',
    severity: 'info',
    description: 'A pod sets `shareProcessNamespace: true`, so its containers see and can signal each other\'s processes.',
    rationale:
      'With a shared process namespace every container sees the processes of the others, can send them signals, and (as the same user, or with SYS_PTRACE) reads their environment, memory and files through `/proc/<pid>/root`, so a compromised sidecar reaches the main container\'s secrets. It is sometimes wanted (debugging, a sidecar that reloads the application), hence info.',
    fix: 'Remove `shareProcessNamespace` unless a container must see the others\' processes; use `kubectl debug` with an ephemeral container for debugging instead.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  shareProcessNamespace: true\n  containers:\n    - name: app\n      image: nginx:1.27\n    - name: proxy\n      image: envoyproxy/envoy:v1.31.2\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n    - name: proxy\n      image: envoyproxy/envoy:v1.31.2\n',
    },
    equivalents: {},
  },
  appliesTo: isWorkload,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined || pod.spec.shareProcessNamespace !== true) return;
    context.report({ path: [...pod.path, 'shareProcessNamespace'], message: 'the containers of this pod share one process namespace: each can see, signal and (as the same user) read the memory and files of the others\' processes' });
  },
});
