import { listAt, stringAt } from '../../src/analysis/references';
import { defineObjectRule, type RuleContext } from '../../src/engine/rule';
import type { KubeObject } from '../../src/model/object';
import { formatPath, isRecord, type FieldPath } from '../../src/model/path';
import { containersOf, podSpecOf } from '../../src/model/workload';

/** Reports each entry whose key was already seen in the same list, naming the first. */
function checkList(context: RuleContext, items: readonly unknown[], path: FieldPath, keyOf: (item: Record<string, unknown>) => { key: string; field: string } | undefined, describe: (key: string, first: FieldPath) => string): void {
  const seen = new Map<string, FieldPath>();
  items.forEach((item, i) => {
    if (!isRecord(item)) return;
    const found = keyOf(item);
    if (found === undefined) return;
    const at = [...path, i, found.field];
    const first = seen.get(found.key);
    if (first === undefined) seen.set(found.key, at);
    else context.report({ path: at, message: describe(found.key, first) });
  });
}

function checkPod(object: KubeObject, context: RuleContext): void {
  const pod = podSpecOf(object);
  if (pod === undefined) return;
  checkList(
    context,
    listAt(pod.spec, 'topologySpreadConstraints'),
    [...pod.path, 'topologySpreadConstraints'],
    (c) => {
      const key = stringAt(c, 'topologyKey');
      const when = stringAt(c, 'whenUnsatisfiable');
      return key === undefined || when === undefined ? undefined : { key: `${key}|${when}`, field: 'topologyKey' };
    },
    (key, first) => `a topology spread constraint for \`${key.replace('|', '` with `')}\` already exists at ${formatPath(first)}; the API server rejects duplicate topologyKey and whenUnsatisfiable pairs: merge the two constraints`,
  );
  checkList(
    context,
    listAt(pod.spec, 'schedulingGates'),
    [...pod.path, 'schedulingGates'],
    (g) => {
      const name = stringAt(g, 'name');
      return name === undefined ? undefined : { key: name, field: 'name' };
    },
    (key, first) => `scheduling gate \`${key}\` is already listed at ${formatPath(first)}; the API server rejects duplicate gates: remove one`,
  );
  checkList(
    context,
    listAt(pod.spec, 'resourceClaims'),
    [...pod.path, 'resourceClaims'],
    (c) => {
      const name = stringAt(c, 'name');
      return name === undefined ? undefined : { key: name, field: 'name' };
    },
    (key, first) => `resource claim \`${key}\` is already declared at ${formatPath(first)}; the API server rejects duplicate claim names: rename or remove one`,
  );
  for (const view of containersOf(pod)) {
    checkList(
      context,
      listAt(view.container, 'volumeDevices'),
      [...view.path, 'volumeDevices'],
      (d) => {
        const devicePath = stringAt(d, 'devicePath');
        return devicePath === undefined ? undefined : { key: devicePath, field: 'devicePath' };
      },
      (key, first) => `devicePath \`${key}\` is already used at ${formatPath(first)} in container \`${view.name}\`; the API server rejects two devices on one path: use another path`,
    );
  }
}

/** A key defined in two maps of one ConfigMap or Secret. */
function checkDataMaps(object: KubeObject, context: RuleContext, first: string, second: string, consequence: string): void {
  const a = object.raw[first];
  const b = object.raw[second];
  if (!isRecord(a) || !isRecord(b)) return;
  for (const key of Object.keys(b)) {
    if (Object.prototype.hasOwnProperty.call(a, key)) {
      context.report({ path: [second, key], target: 'key', message: `key \`${key}\` is defined in both ${first} and ${second}; ${consequence}: keep it in one of them` });
    }
  }
}

export default defineObjectRule({
  meta: {
    id: 'reference/duplicate-list-key',
    category: 'reference',
    severity: 'error',
    description: 'An entry repeats the key of an earlier entry in a list or map that must be unique and that the schema rules do not cover: topology spread constraints, scheduling gates, resource claims, device paths, or a ConfigMap or Secret key defined twice.',
    rationale:
      'The API server merges and validates these lists by key and rejects duplicates ("Duplicate value"): two topology spread constraints with the same topologyKey and whenUnsatisfiable, a scheduling gate or resource claim named twice, two volumeDevices on one devicePath, and a ConfigMap key present in both `data` and `binaryData`. In a Secret, a key in both `data` and `stringData` is accepted but the `stringData` value silently replaces the other, so one of the two values is dead configuration. Duplicate containers, volumes, ports, mount paths and environment variables are reported by `schema/duplicate-name`, `schema/duplicate-port` and `schema/duplicate-env`.',
    fix: 'Remove or merge the repeated entry; keep each ConfigMap or Secret key in exactly one map.',
    examples: {
      bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  topologySpreadConstraints:\n    - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n    - {maxSkew: 2, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n  containers: [{name: web, image: nginx:1.27}]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  topologySpreadConstraints:\n    - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}\n    - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}\n  containers: [{name: web, image: nginx:1.27}]\n',
    },
    equivalents: {},
  },
  check(object, context) {
    if (object.group === '' && object.kind === 'ConfigMap') checkDataMaps(object, context, 'data', 'binaryData', 'the API server rejects the ConfigMap ("duplicate of key present in data")');
    else if (object.group === '' && object.kind === 'Secret') checkDataMaps(object, context, 'data', 'stringData', 'the API server silently replaces the data value with the stringData value, so one of them is dead configuration');
    else checkPod(object, context);
  },
});
