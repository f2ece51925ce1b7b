import { describeSelector, sameDirectory, serviceSelector, withoutGeneratedLabels, workloadsSelected } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';
import { podLabels, type KubeObject } from '../../src/model';

/** Labels that name the application a pod belongs to. */
const APP_KEYS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'];
/** Labels that name the role of a pod within an application. */
const ROLE_KEYS = ['app.kubernetes.io/component', 'component', 'tier', 'role'];

/** Keys of generic labels; a selector using any other key was written to group pods on purpose (`redis-sentinel: "true"`). */
const GENERIC_KEYS: ReadonlySet<string> = new Set([
  ...APP_KEYS,
  ...ROLE_KEYS,
  'app.kubernetes.io/instance',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
  'release',
  'chart',
  'heritage',
  'version',
  'env',
  'environment',
  'stage',
  'team',
  'owner',
  'project',
]);

/** `pxc-node1` and `pxc-node2`, `web-0` and `web-1`: one name with a number. */
function nameStem(name: string): string {
  return name.replace(/-?\d+$/, '');
}

/**
 * Two workloads belong together (canary and stable, blue and green, numbered members of one
 * cluster) when they share an app label, or have no app label and the same name stem, and no
 * role label tells them apart.
 */
function related(a: KubeObject, b: KubeObject, la: Readonly<Record<string, string>>, lb: Readonly<Record<string, string>>): boolean {
  if (a.name === b.name) return true;
  if (ROLE_KEYS.some((key) => la[key] !== undefined && lb[key] !== undefined && la[key] !== lb[key])) return false;
  const hasApp = APP_KEYS.some((key) => la[key] !== undefined || lb[key] !== undefined);
  if (hasApp) return APP_KEYS.some((key) => la[key] !== undefined && la[key] === lb[key]);
  return nameStem(a.name) === nameStem(b.name);
}

/** Groups of related workloads (connected components of `related`). */
function groups(workloads: readonly KubeObject[]): KubeObject[][] {
  const labels = workloads.map((w) => podLabels(w));
  const groupOf = workloads.map((_, i) => i);
  const find = (i: number): number => (groupOf[i] === i ? i : (groupOf[i] = find(groupOf[i])));
  for (let i = 0; i < workloads.length; i++) {
    for (let j = i + 1; j < workloads.length; j++) if (related(workloads[i], workloads[j], labels[i], labels[j])) groupOf[find(j)] = find(i);
  }
  const out = new Map<number, KubeObject[]>();
  workloads.forEach((w, i) => {
    const root = find(i);
    out.set(root, [...(out.get(root) ?? []), w]);
  });
  return [...out.values()];
}

export default defineObjectRule({
  meta: {
    id: 'reference/service-multiple-workloads',
    category: 'reference',
    severity: 'warning',
    description: 'A Service selector matches the pods of several unrelated workloads.',
    rationale:
      'A Service load-balances over every ready pod its selector matches. A selector that is too broad (for example only `app.kubernetes.io/part-of` or `tier: backend`) also reaches pods of other applications, so a share of requests lands on a database, a worker or a migration Job and fails. Only selectors made of generic labels are checked (`app`, `app.kubernetes.io/*`, `tier`, `component`, `role`, `release`, `env`, …): a selector on a purpose-made label such as `redis-sentinel: "true"` groups pods deliberately. Workloads that share an application label (`app.kubernetes.io/name`, `app`, `k8s-app`, `name`), or without one share a name up to a trailing number (`db-1`, `db-2`), and have no role label (`app.kubernetes.io/component`, `component`, `tier`, `role`) that tells them apart are taken as one application (canary and stable, blue and green, members of one cluster). When the Service\'s own directory holds some of the selected workloads, only those are compared: workloads elsewhere are often variants of the same app.',
    fix: 'Add a label that only the intended pods carry to the selector, such as `app.kubernetes.io/name` together with `app.kubernetes.io/component`.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {tier: backend}\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api, tier: backend}\n    spec:\n      containers: [{name: api, image: example/api:1.0}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis\nspec:\n  serviceName: redis\n  selector:\n    matchLabels: {app: redis}\n  template:\n    metadata:\n      labels: {app: redis, tier: backend}\n    spec:\n      containers: [{name: redis, image: redis:7.2}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector: {app: api, tier: backend}\n  ports: [{port: 80, targetPort: 8080}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api, tier: backend}\n    spec:\n      containers: [{name: api, image: example/api:1.0}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: redis\nspec:\n  serviceName: redis\n  selector:\n    matchLabels: {app: redis}\n  template:\n    metadata:\n      labels: {app: redis, tier: backend}\n    spec:\n      containers: [{name: redis, image: redis:7.2}]\n',
    },
    equivalents: {},
  },
  appliesTo: (object) => object.kind === 'Service' && object.group === '',
  check(object, context) {
    const written = serviceSelector(object);
    if (written === undefined) return;
    const selector = withoutGeneratedLabels(written);
    if (selector.requirements.length === 0) return;
    if (selector.requirements.some((r) => !GENERIC_KEYS.has(r.key))) return;
    const selected = workloadsSelected(context.run.index, object, selector, context.settings);
    const nearby = selected.filter((w) => sameDirectory(w, object));
    const workloads = nearby.length > 0 ? nearby : selected;
    if (workloads.length < 2) return;
    const found = groups(workloads);
    if (found.length < 2) return;
    const names = found.map((g) => `${g[0].kind} \`${g[0].name}\``);
    const list = names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    context.report({
      path: ['spec', 'selector'],
      message: `Service \`${object.name}\` selects ${describeSelector(selector)}, which matches the pods of ${list}; they look like different applications, so the Service load-balances requests across all of them and some land on the wrong pods: add a label that only the intended pods carry to the selector`,
    });
  },
});
