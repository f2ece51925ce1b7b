import { listAt, stringAt } from '../../src/analysis/references';
import { isLongRunningWorkload, longRunningContainers, probeOf, probeTiming, quantityOf, resourceValue, slowImageStack } from '../../src/analysis/reliability';
import { defineObjectRule } from '../../src/engine/rule';
import { podSpecOf, type ContainerView } from '../../src/model/workload';

interface Options {
  /** Seconds a slow starter gets before the liveness probe may kill it. */
  minStartupSeconds: number;
}

const JVM_ENV = new Set(['JAVA_OPTS', 'JAVA_TOOL_OPTIONS', 'JVM_OPTS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS']);
const LARGE_MEMORY = 2n * 1024n * 1024n * 1024n * 1_000_000_000n;

/** Why a container is likely to start slowly, or undefined. */
function slowStarter(view: ContainerView): string | undefined {
  const image = stringAt(view.container, 'image');
  if (image !== undefined) {
    const stack = slowImageStack(image);
    if (stack !== undefined) return `its image (\`${image.split('@')[0]}\`) runs ${stack}, which typically starts slowly`;
  }
  const jvm = listAt(view.container, 'env').map((e) => stringAt(e, 'name')).find((n) => n !== undefined && JVM_ENV.has(n));
  if (jvm !== undefined) return `it runs a JVM (\`${jvm}\` is set), which typically starts slowly`;
  const command = [...listAt(view.container, 'command'), ...listAt(view.container, 'args')].filter((c): c is string => typeof c === 'string');
  if (command.some((c) => /(^|\/)java$/.test(c) || c.endsWith('.jar'))) return 'it runs a JVM, which typically starts slowly';
  for (const kind of ['requests', 'limits'] as const) {
    const memory = quantityOf(resourceValue(view.container, kind, 'memory'));
    if (memory !== undefined && memory.nanos >= LARGE_MEMORY) return `it ${kind === 'requests' ? 'requests' : 'may use'} ${memory.text} of memory, which suggests a heavy process that loads a lot at start`;
  }
  return undefined;
}

export default defineObjectRule<Options>({
  meta: {
    id: 'reliability/liveness-without-startup',
    category: 'reliability',
    severity: 'info',
    description: 'A slow-starting container has a liveness probe that starts at once (no initialDelaySeconds) and no startupProbe to hold it back.',
    rationale:
      'Liveness probes run from the moment the container starts unless a startupProbe is defined or initialDelaySeconds postpones them. With the defaults (every 10 s, 3 failures) a process has 30 seconds to answer; JVM applications, databases and search engines often need longer, especially on a busy node or after a restore, and are then killed and restarted before they ever come up (CrashLoopBackOff), which looks like an application bug. Only containers that look slow to start are reported: images of JVM, database and search stacks, JVM options in the environment, or a memory request of 2Gi or more; and only when the probe\'s own tolerance (periodSeconds × failureThreshold) is under `minStartupSeconds` (default 60). Jobs, CronJobs and bare Pods are skipped.',
    fix: 'Add a `startupProbe` on the same endpoint with a generous `failureThreshold × periodSeconds` (e.g. 30 × 10 s); the liveness probe starts only after it succeeds. Or set `initialDelaySeconds` on the liveness probe.',
    examples: {
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: search\nspec:\n  selector:\n    matchLabels: {app: search}\n  template:\n    metadata:\n      labels: {app: search}\n    spec:\n      containers:\n        - name: search\n          image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0\n          livenessProbe:\n            tcpSocket: {port: 9200}\n',
      good: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: search\nspec:\n  selector:\n    matchLabels: {app: search}\n  template:\n    metadata:\n      labels: {app: search}\n    spec:\n      containers:\n        - name: search\n          image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0\n          startupProbe:\n            tcpSocket: {port: 9200}\n            periodSeconds: 10\n            failureThreshold: 30\n          livenessProbe:\n            tcpSocket: {port: 9200}\n',
    },
    options: {
      schema: { type: 'object', properties: { minStartupSeconds: { type: 'integer', minimum: 1 } }, additionalProperties: false },
      defaults: { minStartupSeconds: 60 },
    },
    equivalents: {},
  },
  appliesTo: (object) => isLongRunningWorkload(object),
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    for (const view of longRunningContainers(pod)) {
      const liveness = probeOf(view.container, 'livenessProbe');
      if (liveness === undefined || probeOf(view.container, 'startupProbe') !== undefined) continue;
      const timing = probeTiming(liveness);
      if (timing.delay > 0) continue;
      const budget = timing.period * timing.failures;
      if (budget >= context.options.minStartupSeconds) continue;
      const why = slowStarter(view);
      if (why === undefined) continue;
      context.report({
        path: [...view.path, 'livenessProbe'],
        message: `container \`${view.name}\` gets only ${budget} s (${timing.failures} failures × ${timing.period} s) to start before its livenessProbe restarts it, and ${why}; if it starts more slowly it is killed in a restart loop: add a startupProbe (e.g. failureThreshold: 30, periodSeconds: 10) or set initialDelaySeconds`,
      });
    }
  },
});
