import { describeSelector, findTarget, placeOf, SERVICE, serviceSelector, stringAt, withoutGeneratedLabels } from '../../src/analysis/references';
import { defineObjectRule } from '../../src/engine/rule';
import { matches, podLabels } from '../../src/model';

export default defineObjectRule({
  meta: {
    id: 'reference/statefulset-service',
    category: 'reference',
    severity: 'warning',
    description: 'The Service named by a StatefulSet\'s `serviceName` is not headless or does not select the StatefulSet\'s pods.',
    rationale:
      'A StatefulSet\'s pods get stable DNS names (`web-0.web.shop.svc.cluster.local`) from its governing Service, which must be headless (`clusterIP: None`) and select the pods. With a normal ClusterIP Service, or one whose selector misses the pods, the per-pod names do not exist, so peers that find each other by name (databases, quorum systems) cannot form a cluster. A missing Service is reported by `reference/dangling-reference` or `reference/unresolved-reference`.',
    fix: 'Point `serviceName` at a Service with `clusterIP: None` whose selector matches the pod template labels; keep a separate ClusterIP Service for client traffic if needed.',
    examples: {
      bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  selector: {app: db}\n  ports: [{name: pg, port: 5432}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: postgres:16}]\n',
      good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports: [{name: pg, port: 5432}]\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: postgres:16}]\n',
    },
    equivalents: { 'kube-score': 'statefulset-has-servicename' },
  },
  appliesTo: (object) => object.kind === 'StatefulSet' && object.group === 'apps',
  check(object, context) {
    const name = stringAt(object.raw.spec, 'serviceName');
    if (name === undefined) return;
    const services = findTarget(context.run, context.settings, { from: object, target: SERVICE, name });
    if (services.length !== 1) return;
    const service = services[0];
    const path = ['spec', 'serviceName'];
    if (service.get(['spec', 'clusterIP']) !== 'None') {
      context.report({ path, message: `Service \`${name}\` (${placeOf(service)}) is not headless, so the pods of StatefulSet \`${object.name}\` get no stable DNS names (\`${object.name}-0.${name}\`): set \`clusterIP: None\` on it, and use another Service for client traffic` });
      return;
    }
    const written = serviceSelector(service);
    if (written === undefined) {
      context.report({ path, message: `headless Service \`${name}\` (${placeOf(service)}) has no selector, so no DNS records are created for the pods of StatefulSet \`${object.name}\`: give it a selector that matches the pod template labels` });
      return;
    }
    const selector = withoutGeneratedLabels(written);
    if (!matches(selector, podLabels(object))) {
      context.report({ path, message: `headless Service \`${name}\` selects ${describeSelector(selector)}, which does not match the pods of StatefulSet \`${object.name}\`, so they get no stable DNS names: make the Service selector match the pod template labels` });
    }
  },
});
