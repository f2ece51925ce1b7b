/** Odd input never makes the analysis, the listing or any check throw (fast-check fuzzing). */
import fc from 'fast-check';
import { analyzeObjects } from '../../../src/analysis/netpol';
import { connectionList } from '../../../src/analysis/netpol/connlist';
import { connectivityDiff } from '../../../src/analysis/netpol/diff';
import { explainPair } from '../../../src/analysis/netpol/explain';
import { exposureAnalysis } from '../../../src/analysis/netpol/exposure';
import * as lint from '../../../src/analysis/netpol/lint';
import { loadText, SourceText } from '../../../src/load';
import { buildObjects } from '../../../src/model/build';

const label = fc.constantFrom('app', 'tier', 'kubernetes.io/metadata.name', 'x');
const value = fc.constantFrom('a', 'b', 'web', 'default', 'ns1');
const selector = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: fc.dictionary(label, value, { maxKeys: 2 }) }),
  fc.record({ matchExpressions: fc.array(fc.record({ key: label, operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Bogus'), values: fc.array(value, { maxLength: 2 }) }), { maxLength: 2 }) }),
  fc.anything(),
);
const peer = fc.oneof(
  fc.record({ podSelector: selector }, { requiredKeys: [] }),
  fc.record({ namespaceSelector: selector, podSelector: selector }, { requiredKeys: [] }),
  fc.record({ ipBlock: fc.record({ cidr: fc.oneof(fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '::/0', '2001:db8::/64', 'bad', '10.0.0.0/99'), fc.anything()), except: fc.oneof(fc.array(fc.constantFrom('10.1.0.0/16', '11.0.0.0/8', 'x')), fc.anything()) }, { requiredKeys: [] }) }),
  fc.anything(),
);
const port = fc.oneof(fc.record({ port: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constantFrom('http', 'dns', '80', 'BAD_NAME')), protocol: fc.constantFrom('TCP', 'UDP', 'SCTP', 'ICMP'), endPort: fc.integer({ min: 0, max: 70000 }) }, { requiredKeys: [] }), fc.anything());
const rule = fc.oneof(fc.record({ from: fc.oneof(fc.array(peer, { maxLength: 3 }), fc.anything()), to: fc.array(peer, { maxLength: 3 }), ports: fc.oneof(fc.array(port, { maxLength: 3 }), fc.anything()) }, { requiredKeys: [] }), fc.anything());
const spec = fc.oneof(
  fc.record({ podSelector: selector, policyTypes: fc.oneof(fc.subarray(['Ingress', 'Egress', 'Other']), fc.anything()), ingress: fc.oneof(fc.array(rule, { maxLength: 3 }), fc.anything()), egress: fc.oneof(fc.array(rule, { maxLength: 3 }), fc.anything()) }, { requiredKeys: [] }),
  fc.anything(),
);
const policyDoc = fc.record({ name: fc.constantFrom('p1', 'p2', 'p1'), ns: fc.constantFrom('default', 'ns1'), spec }).map(({ name, ns, spec: s }) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec: s }));
const podDoc = fc
  .record({ name: fc.constantFrom('a', 'b', 'c'), ns: fc.constantFrom('default', 'ns1'), labels: fc.dictionary(label, value, { maxKeys: 2 }), ports: fc.oneof(fc.array(fc.record({ name: fc.constantFrom('http', 'dns'), containerPort: fc.integer({ min: 1, max: 9000 }), protocol: fc.constantFrom('TCP', 'UDP') }), { maxLength: 2 }), fc.anything()) })
  .map(({ name, ns, labels, ports }) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: 'c', image: 'i', ports }] } }));
const extra = fc.constantFrom(
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns1', labels: { x: 'a' } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'default' }, spec: { type: 'LoadBalancer', selector: { app: 'a' }, ports: [{ port: 80, targetPort: 'http' }] } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'default' }, spec: { rules: [{ http: { paths: [{ backend: { service: { name: 'a', port: { number: 80 } } } }] } }] } },
);

function objectsOf(docs: readonly unknown[]) {
  const text = docs.map((d) => JSON.stringify(d) ?? 'null').join('\n---\n');
  return buildObjects(loadText(new SourceText('fuzz.yaml', text)).documents, { defaultNamespace: 'default' }).objects;
}

test('random policies, pods, services and ingresses never make anything throw', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(policyDoc, podDoc, extra), { maxLength: 8 }), fc.array(fc.oneof(policyDoc, podDoc), { maxLength: 4 }), (docs, otherDocs) => {
      const objects = objectsOf(docs);
      const analysis = analyzeObjects(objects);
      const rows = connectionList(analysis.model);
      exposureAnalysis(analysis.model, rows);
      connectivityDiff(analysis.model, analyzeObjects(objectsOf(otherDocs)).model);
      for (const closed of [false, true]) {
        lint.deadRules(analysis, closed);
        lint.policiesSelectingNothing(analysis, closed);
      }
      lint.invalidPolicies(analysis);
      lint.missingDefaultDeny(analysis, 'ingress');
      lint.unprotectedWorkloads(analysis);
      lint.redundantRules(analysis);
      lint.redundantPeers(analysis);
      lint.semanticRedundantRules(analysis);
      lint.overBroadIngress(analysis, objects);
      lint.overBroadEgress(analysis);
      lint.unresolvedNamedPorts(analysis);
      lint.blockedIngressBackends(analysis, objects);
      lint.unprotectedExposedServices(analysis, objects);
      const [w1, w2] = analysis.topology.workloads;
      if (w1 !== undefined) explainPair(analysis.model, { kind: 'external', address: 167772161n, text: '10.0.0.1' }, { kind: 'workload', workload: w1 });
      if (w1 !== undefined && w2 !== undefined) explainPair(analysis.model, { kind: 'workload', workload: w1 }, { kind: 'workload', workload: w2 });
    }),
    { numRuns: 300 },
  );
});

test('prototype keys in labels and selectors neither pollute nor throw', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: a
  labels: {__proto__: {polluted: yes}, constructor: x, app: a}
spec: {containers: [{name: c, image: i, ports: [{name: __proto__, containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {matchLabels: {__proto__: {polluted: yes}, app: a}}
  ingress:
    - from: [{namespaceSelector: {matchLabels: {constructor: x}}, podSelector: {matchExpressions: [{key: __proto__, operator: Exists}]}}]
      ports: [{port: __proto__}]
`;
  const objects = buildObjects(loadText(new SourceText('proto.yaml', text)).documents, { defaultNamespace: 'default' }).objects;
  const analysis = analyzeObjects(objects);
  connectionList(analysis.model);
  lint.redundantRules(analysis);
  lint.deadRules(analysis, true);
  lint.unresolvedNamedPorts(analysis);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
