import fc from 'fast-check';
import {
  canonicalGroup,
  definedKeys,
  ingressBackends,
  likelyTypo,
  objectReferences,
  podReferences,
  withoutGeneratedLabels,
} from '../../src/analysis/references';
import { isZeroIntOrPercent, scaledValue, slowImageStack, specReplicas } from '../../src/analysis/reliability';
import { loadText, SourceText } from '../../src/load';
import { buildObjects, parseMapSelector, podSpecOf, type KubeObject } from '../../src/model';
import { editDistance } from '../../src/util/suggest';
import { lint } from '../rules/reference/support';

function objects(text: string): KubeObject[] {
  return buildObjects(loadText(new SourceText('m.yaml', text)).documents, { defaultNamespace: 'default' }).objects;
}

describe('canonicalGroup', () => {
  test.each([
    ['extensions', 'Deployment', 'apps'],
    ['extensions', 'Ingress', 'networking.k8s.io'],
    ['apps', 'Deployment', 'apps'],
    ['', 'ConfigMap', ''],
    ['example.com', 'Widget', 'example.com'],
  ])('%s/%s → %s', (group, kind, expected) => {
    expect(canonicalGroup(group, kind)).toBe(expected);
  });
});

describe('likelyTypo', () => {
  test.each([
    ['web-confg', ['web-config', 'api-config'], 'web-config'],
    ['WEB-CONFIG', ['web-config'], 'web-config'],
    ['app-3', ['app-53', 'app-4'], undefined],
    ['argocd-application-controller', ['argocd-applicationset-controller'], undefined],
    ['db', ['dc', 'xy'], 'dc'],
    ['web', ['web'], undefined],
    ['cache', [], undefined],
  ])('%s in %j → %s', (name, candidates, expected) => {
    expect(likelyTypo(name, candidates)).toBe(expected);
  });

  test('skipping lengths and groups that cannot be close gives what comparing with every candidate gives', () => {
    // The closest name within the limit, first in sorted order among equals; never a name that differs only in digits.
    const everyCandidate = (name: string, candidates: string[]): string | undefined => {
      if (candidates.includes(name)) return undefined;
      const limit = name.length <= 5 ? 1 : 2;
      const letters = name.replace(/\d+/g, '#');
      let best: string | undefined;
      let bestDistance = limit + 1;
      for (const candidate of [...candidates].sort()) {
        if (candidate.replace(/\d+/g, '#') === letters) continue;
        const d = editDistance(name.toLowerCase(), candidate.toLowerCase(), limit);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
        }
      }
      return best;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'C', 'x', 'y', 'z', '1', '2', '-'), maxLength: 10 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (name, candidates) => {
        expect(likelyTypo(name, candidates)).toBe(everyCandidate(name, candidates));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('withoutGeneratedLabels', () => {
  test('drops controller-generated keys only', () => {
    const selector = withoutGeneratedLabels(parseMapSelector({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'pod-template-hash': 'abc' }));
    expect(selector.requirements.map((r) => r.key)).toEqual(['app']);
  });
});

describe('int-or-percent arithmetic', () => {
  test.each([
    [1, 3, false, 1],
    ['25%', 3, false, 0],
    ['25%', 3, true, 1],
    ['67%', 3, true, 3],
    ['100%', 4, false, 4],
    ['x', 3, true, undefined],
    [null, 3, true, undefined],
  ])('%j of %i (round up %s) → %s', (value, total, up, expected) => {
    expect(scaledValue(value, total, up)).toBe(expected);
  });

  test('zero', () => {
    expect(isZeroIntOrPercent(0)).toBe(true);
    expect(isZeroIntOrPercent('0%')).toBe(true);
    expect(isZeroIntOrPercent('0')).toBe(false);
    expect(isZeroIntOrPercent(1)).toBe(false);
  });
});

describe('slowImageStack', () => {
  test.each([
    ['eclipse-temurin:21', 'temurin'],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'elasticsearch'],
    ['bitnami/kafka:3.7@sha256:abc', 'kafka'],
    ['quay.io/prometheus/kafka-exporter:1.0', undefined],
    ['nginx:1.27', undefined],
    ['registry:5000/team/jenkins', 'jenkins'],
  ])('%s → %s', (image, expected) => {
    expect(slowImageStack(image)).toBe(expected);
  });
});

describe('references of objects', () => {
  test('pod references and key references', () => {
    const [deployment] = objects('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      serviceAccount: legacy\n      containers:\n        - name: web\n          env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k, optional: true}}}]\n');
    const pod = podSpecOf(deployment);
    if (pod === undefined) throw new Error('no pod spec');
    const { refs, keys } = podReferences(pod);
    expect(refs.map((r) => `${r.target.kind}/${r.name}/${r.optional}`)).toEqual(['Secret/s/true', 'ServiceAccount/legacy/false']);
    expect(keys.map((k) => `${k.name}.${k.key}`)).toEqual(['s.k']);
  });

  test('Ingress backends in both API shapes', () => {
    const [v1, legacy] = objects('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: a}\nspec:\n  defaultBackend: {service: {name: web, port: {name: http}}}\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: b}\nspec:\n  rules: [{http: {paths: [{backend: {serviceName: api, servicePort: 80}}]}}]\n');
    expect(ingressBackends(v1).map((b) => [b.service, b.port])).toEqual([['web', 'http']]);
    expect(ingressBackends(legacy).map((b) => [b.service, b.port])).toEqual([['api', 80]]);
  });

  test('definedKeys: data, binaryData and stringData; none for placeholders', () => {
    const [cm, empty] = objects('apiVersion: v1\nkind: Secret\nmetadata: {name: a}\ndata: {x: eA==}\nstringData: {user: z}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
    expect([...(definedKeys(cm) ?? [])]).toEqual(['x', 'user']);
    expect(definedKeys(empty)).toBeUndefined();
  });

  test('specReplicas defaults to 1 and ignores odd values', () => {
    const [a, b, c] = objects('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\nspec: {replicas: "3"}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: c}\nspec: {}\n');
    expect([specReplicas(a), specReplicas(b), specReplicas(c)]).toEqual([1, undefined, undefined]);
  });
});

describe('robustness: any value anywhere', () => {
  const kinds = ['apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 CronJob', 'v1 Service', 'networking.k8s.io/v1 Ingress', 'autoscaling/v2 HorizontalPodAutoscaler', 'policy/v1 PodDisruptionBudget', 'v1 ConfigMap', 'v1 Secret', 'v1 PersistentVolumeClaim', 'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration'];

  test('no rule throws, whatever the spec holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 3 }), (kind, spec, labels) => {
        const [apiVersion, k] = kind.split(' ');
        const doc = { apiVersion, kind: k, metadata: { name: 'x', labels }, spec, data: spec, webhooks: spec };
        const other = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: spec, template: { metadata: { labels }, spec } } };
        expect(() => lint({ 'a.json': JSON.stringify(doc), 'b.json': JSON.stringify(other) })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  test('objectReferences survives odd objects', () => {
    for (const o of objects('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: a}\nspec: {serviceName: [1], volumeClaimTemplates: [7, {spec: 1}]}\n---\napiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: b}\nspec: {scaleTargetRef: {name: web}}\n')) {
      expect(() => objectReferences(o)).not.toThrow();
    }
  });
});
