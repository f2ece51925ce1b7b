import { containerResourceNameProblem, isExtendedResource, isHugePagesResource, isOvercommitAllowed, valuesAt } from '../../src/data/k8s-validation';
import { compareQuantities, integerValue, isWholeNumber, parseQuantity, type Quantity } from '../../src/data/quantity';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf, type ContainerView } from '../../src/model/workload';

type Kind = 'limits' | 'requests';

/**
 * Parses one quantity field; undefined when absent, mistyped or malformed. Malformed quantities
 * are reported once, by schema/invalid-value, which checks every quantity field of every kind.
 */
function quantityAt(context: RuleContext, value: unknown, path: FieldPath, what: string): Quantity | undefined {
  // Non-finite YAML numbers (1e999) cannot even be sent as JSON: not a quantity problem.
  if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) return undefined;
  const result = parseQuantity(value);
  if (!result.ok) return undefined;
  if (result.quantity.nanos < 0n || (!result.quantity.exact && String(value).trim().startsWith('-'))) {
    context.report({ path, message: `${what} \`${String(value)}\` is negative; the API server rejects it: use a value of 0 or more` });
    return undefined;
  }
  return result.quantity;
}

function hugePageSize(name: string): Quantity | undefined {
  const size = parseQuantity(name.slice('hugepages-'.length));
  return size.ok && size.quantity.nanos > 0n && isWholeNumber(size.quantity) ? size.quantity : undefined;
}

function checkContainer(context: RuleContext, view: ContainerView): void {
  const resources = view.container.resources;
  if (!isRecord(resources)) return;
  const parsed: Record<Kind, Map<string, Quantity | undefined>> = { limits: new Map(), requests: new Map() };
  for (const kind of ['limits', 'requests'] as const) {
    const list = resources[kind];
    if (!isRecord(list)) continue;
    for (const [name, value] of Object.entries(list)) {
      const at = [...view.path, 'resources', kind, name];
      const nameProblem = containerResourceNameProblem(name);
      if (nameProblem !== undefined) {
        context.report({ path: at, target: 'key', message: `resource \`${name}\` ${nameProblem}; the API server rejects it` });
        continue;
      }
      const q = quantityAt(context, value, at, `${name} ${kind === 'limits' ? 'limit' : 'request'}`);
      parsed[kind].set(name, q);
      if (q === undefined) continue;
      if (!q.exact) continue;
      if (isExtendedResource(name) && !isWholeNumber(q)) {
        context.report({ path: at, message: `${name} ${kind} \`${String(value)}\` is not a whole number; extended resources are counted in whole devices, so the API server rejects it: use an integer` });
      } else if (isHugePagesResource(name)) {
        const size = hugePageSize(name);
        if (size === undefined || integerValue(q) % integerValue(size) !== 0n) {
          context.report({ path: at, message: `${name} ${kind} \`${String(value)}\` is not a whole multiple of the page size ${name.slice('hugepages-'.length)}; the API server rejects it: use a multiple of the page size` });
        }
      }
    }
  }
  for (const [name, request] of parsed.requests) {
    if (request === undefined) continue;
    const at = [...view.path, 'resources', 'requests', name];
    const hasLimit = parsed.limits.has(name);
    const limit = parsed.limits.get(name);
    if (!hasLimit) {
      if (!isOvercommitAllowed(name)) {
        context.report({ path: at, message: `${name} is requested without a limit; ${isHugePagesResource(name) ? 'huge pages' : 'extended resources'} cannot be overcommitted, so the API server requires a limit equal to the request: add \`${name}: ${request.text}\` under limits` });
      }
      continue;
    }
    if (limit === undefined) continue;
    const cmp = compareQuantities(request, limit);
    if (Number.isNaN(cmp)) continue;
    if (!isOvercommitAllowed(name) && cmp !== 0) {
      context.report({ path: at, message: `${name} request \`${request.text}\` differs from its limit \`${limit.text}\`; ${isHugePagesResource(name) ? 'huge pages' : 'extended resources'} cannot be overcommitted, so the API server requires them to be equal: set both to the same value` });
    } else if (cmp > 0) {
      context.report({ path: at, message: `${name} request \`${request.text}\` is more than its limit \`${limit.text}\`; a container cannot be guaranteed more than it may use, so the API server rejects it ("must be less than or equal to ${name} limit"): lower the request or raise the limit` });
    }
  }
  const names = [...parsed.limits.keys(), ...parsed.requests.keys()];
  if (names.some(isHugePagesResource) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    context.report({ path: [...view.path, 'resources'], target: 'key', message: 'huge pages are requested without cpu or memory; the API server rejects it ("HugePages require cpu or memory"): add a cpu or memory request or limit' });
  }
}

/** Storage quantities of PersistentVolumeClaim specs and emptyDir size limits. */
function checkStorage(object: KubeObject, context: RuleContext): void {
  const claimSpecs: FieldPath[] = [];
  if (object.group === '' && object.kind === 'PersistentVolumeClaim') claimSpecs.push(['spec']);
  if (object.group === 'apps' && object.kind === 'StatefulSet') {
    for (const { path } of valuesAt(object.raw, [], 'spec.volumeClaimTemplates[*].spec')) claimSpecs.push(path);
  }
  const pod = podSpecOf(object);
  if (pod !== undefined) {
    for (const { path } of valuesAt(pod.spec, pod.path, 'volumes[*].ephemeral.volumeClaimTemplate.spec')) claimSpecs.push(path);
    for (const { path, value } of valuesAt(pod.spec, pod.path, 'volumes[*].emptyDir.sizeLimit')) quantityAt(context, value, path, 'emptyDir sizeLimit');
  }
  for (const spec of claimSpecs) {
    for (const kind of ['requests', 'limits'] as const) {
      const list = object.get([...spec, 'resources', kind]);
      if (!isRecord(list)) continue;
      for (const [name, value] of Object.entries(list)) quantityAt(context, value, [...spec, 'resources', kind, name], `${name} ${kind === 'limits' ? 'limit' : 'request'}`);
    }
  }
}

export default defineObjectRule({
  meta: {
    id: 'schema/invalid-resources',
    category: 'schema',
    severity: 'error',
    description: 'Container resources have an invalid quantity or resource name, a request above its limit, or an extended resource or huge page request that does not equal its limit.',
    rationale: 'Quantities such as `1 GB`, `1gi` or `500mb` are not Kubernetes quantities, requests may not exceed limits, and GPUs (`nvidia.com/gpu`) and huge pages cannot be overcommitted: their requests need equal limits. The API server rejects all of these ("must be less than or equal to cpu limit"), but the OpenAPI schema only sees strings, so they slip through schema validation.',
    fix: 'Write quantities like `500m`, `512Mi` or `1Gi`; keep each request at or below its limit; give extended resources and huge pages identical requests and limits (or only limits).',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: "2", memory: 1 GB}\n        limits: {cpu: "1", memory: 1Gi}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests: {cpu: 500m, memory: 1Gi}\n        limits: {cpu: "1", memory: 1Gi}\n',
    },
  },
  check(object, context) {
    const pod = podSpecOf(object);
    if (pod !== undefined) {
      for (const view of containersOf(pod)) if (view.list !== 'ephemeralContainers') checkContainer(context, view);
    }
    checkStorage(object, context);
  },
});
