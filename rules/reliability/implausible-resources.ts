import { quantityOf } from '../../src/analysis/reliability';
import { parseQuantity, type Quantity } from '../../src/data/quantity';
import { defineObjectRule } from '../../src/engine/rule';
import { isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';

interface Options {
  maxCpu: string;
  maxMemory: string;
  minMemory: string;
}

const DEFAULTS: Options = { maxCpu: '64', maxMemory: '1Ti', minMemory: '4Mi' };

/** The option's quantity, or the default's when the option is not a valid quantity. */
function bound(text: string, fallback: string): Quantity {
  const parsed = parseQuantity(text);
  if (parsed.ok && parsed.quantity.exact) return parsed.quantity;
  const backup = parseQuantity(fallback);
  return backup.ok ? backup.quantity : { nanos: 0n, text: fallback, exact: false };
}

/** The problem with one value, or undefined. */
function problem(resource: string, kind: 'requests' | 'limits', raw: unknown, q: Quantity, limits: { maxCpu: Quantity; maxMemory: Quantity; minMemory: Quantity }): string | undefined {
  if (q.nanos <= 0n) return undefined;
  const unschedulable = kind === 'requests' ? 'so the pod can never be scheduled' : 'so the limit protects nothing (and without a request, the request defaults to it and the pod can never be scheduled)';
  const text = String(raw);
  if (resource === 'cpu' && q.nanos > limits.maxCpu.nanos) {
    const hint = /^\d+$/.test(text.trim()) ? `; did you mean \`${text.trim()}m\` (millicores)?` : '';
    return `${formatCores(q)} cores, more than any usual node offers (the bound is ${limits.maxCpu.text}), ${unschedulable}${hint}`;
  }
  if (resource !== 'memory') return undefined;
  if (q.nanos > limits.maxMemory.nanos) return `above ${limits.maxMemory.text}, more than usual nodes have, ${unschedulable}; check the unit (Mi and Gi are binary, M and G decimal)`;
  if (q.nanos < limits.minMemory.nanos) {
    const trimmed = text.trim();
    const milli = /^(\d+(?:\.\d+)?)m$/.exec(trimmed);
    if (milli !== null) return `${milli[1]} thousandths of a byte (\`m\` is milli, not mega), so the container is OOM-killed at once or never scheduled; did you mean \`${milli[1]}Mi\`?`;
    const plain = /^\d+(?:\.\d+)?$/.test(trimmed) ? `; did you mean \`${trimmed}Mi\`?` : '';
    return `only ${bytes(q)} bytes, below the ${limits.minMemory.text} any container needs to start, so it is OOM-killed at once${plain}`;
  }
  return undefined;
}

function formatCores(q: Quantity): string {
  const milli = q.nanos / 1_000_000n;
  return milli % 1000n === 0n ? String(milli / 1000n) : (Number(milli) / 1000).toString();
}

function bytes(q: Quantity): string {
  const whole = q.nanos / 1_000_000_000n;
  return whole === 0n ? (Number(q.nanos) / 1e9).toString() : String(whole);
}

export default defineObjectRule<Options>({
  meta: {
    id: 'reliability/implausible-resources',
    category: 'reliability',
    severity: 'warning',
    description: 'A CPU or memory request or limit is implausibly large or small, the sign of a unit mistake such as `cpu: 500` for 500m or `memory: 512m` for 512Mi.',
    rationale:
      'Quantities are easy to get wrong by a unit: `cpu: 500` is five hundred cores (500m is half a core), `memory: 512` is 512 bytes and `memory: 512m` is half a byte (`m` means milli), `memory: 2T` is two terabytes. The API server accepts all of them. A request no node can satisfy leaves the pod Pending forever ("Insufficient cpu"), and a tiny memory limit gets the container OOM-killed before it starts. The bounds are options: `maxCpu` (default 64 cores), `maxMemory` (default 1Ti) and `minMemory` (default 4Mi); raise them for genuinely huge workloads. Zero values are left alone.',
    fix: 'Write the unit you mean: `500m` for half a core, `512Mi` or `1Gi` for memory.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 500, memory: 256m}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 500m, memory: 256Mi}\n',
    },
    options: {
      schema: { type: 'object', properties: { maxCpu: { type: 'string', minLength: 1 }, maxMemory: { type: 'string', minLength: 1 }, minMemory: { type: 'string', minLength: 1 } }, additionalProperties: false },
      defaults: DEFAULTS,
    },
    equivalents: { kubeaudit: 'limits:LimitsCPUExceeded, limits:LimitsMemoryExceeded' },
  },
  appliesTo: (object) => podSpecOf(object) !== undefined,
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod === undefined) return;
    const limits = { maxCpu: bound(context.options.maxCpu, DEFAULTS.maxCpu), maxMemory: bound(context.options.maxMemory, DEFAULTS.maxMemory), minMemory: bound(context.options.minMemory, DEFAULTS.minMemory) };
    const checkResources = (resources: unknown, path: FieldPath, who: string): void => {
      if (!isRecord(resources)) return;
      for (const kind of ['requests', 'limits'] as const) {
        const values = resources[kind];
        if (!isRecord(values)) continue;
        for (const resource of ['cpu', 'memory']) {
          const raw = values[resource];
          const q = quantityOf(raw);
          if (q === undefined) continue;
          const found = problem(resource, kind, raw, q, limits);
          if (found !== undefined) context.report({ path: [...path, kind, resource], message: `${resource} ${kind === 'requests' ? 'request' : 'limit'} \`${String(raw)}\` of ${who} is ${found}` });
        }
      }
    };
    checkResources(pod.spec.resources, [...pod.path, 'resources'], 'the pod');
    for (const view of containersOf(pod)) {
      if (view.list !== 'ephemeralContainers') checkResources(view.container.resources, [...view.path, 'resources'], `container \`${view.name}\``);
    }
  },
});
