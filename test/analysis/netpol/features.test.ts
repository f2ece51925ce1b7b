/** Equivalence classes, memoization, exposure, diff and explain on small inputs. */
import { analyzeRun } from '../../../src/analysis/netpol';
import { connectionList, rowText } from '../../../src/analysis/netpol/connlist';
import { connectivityDiff, diffLine, sortDiffRows } from '../../../src/analysis/netpol/diff';
import { explainPair, explanationText } from '../../../src/analysis/netpol/explain';
import { exposureAnalysis, exposureText, representativePeers } from '../../../src/analysis/netpol/exposure';
import { listHtml } from '../../../src/analysis/netpol/html';
import { ObjectIndex } from '../../../src/model';
import type { RunModel } from '../../../src/engine/rule';
import { analyzeYaml, namespace, pod, policy } from './helpers';

describe('equivalence classes', () => {
  test('workloads that no policy, peer or port name tells apart share a class', () => {
    const a = analyzeYaml(pod('a', { labels: { app: 'x', v: '1' } }), pod('b', { labels: { app: 'x', v: '2' } }), pod('c', { labels: { app: 'y' } }), policy('p', 'podSelector: {matchLabels: {app: x}}\ningress: []'));
    expect(a.model.classes.map((c) => c.workloads.map((w) => w.name))).toEqual([['a', 'b'], ['c']]);
  });

  test('a referenced port name splits pods that resolve it differently', () => {
    const a = analyzeYaml(pod('a', { ports: [{ name: 'web', containerPort: 80 }] }), pod('b', { ports: [{ name: 'web', containerPort: 81 }] }), policy('p', 'podSelector: {}\ningress:\n  - ports: [{port: web}]'));
    expect(a.model.classes).toHaveLength(2);
  });
});

describe('analyzeRun', () => {
  test('is computed once per run and shared', () => {
    const objects = analyzeYaml(pod('a')).topology.workloads.map((w) => w.object);
    const run: RunModel = { objects, references: [], index: new ObjectIndex(objects) };
    expect(analyzeRun(run)).toBe(analyzeRun(run));
    expect(analyzeRun({ ...run })).not.toBe(analyzeRun(run));
  });
});

describe('exposure', () => {
  const docs = [
    namespace('hello'),
    pod('a', { namespace: 'hello', ports: [{ name: 'http', containerPort: 8080 }] }),
    policy('p', 'podSelector: {matchLabels: {app: a}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {team: x}}}]\n    ports: [{port: http}]\n  - from: [{namespaceSelector: {}}]\n    ports: [{port: 9090}]\negress:\n  - to: [{podSelector: {matchLabels: {app: db}}}]\n    ports: [{port: pg}]', 'hello'),
  ];

  test('entire cluster, namespaces and pods named by labels, named ports kept on egress', () => {
    const a = analyzeYaml(...docs);
    const rows = connectionList(a.model);
    const text = exposureText(exposureAnalysis(a.model, rows));
    expect(text.replace(/\s+/g, ' ')).toContain('hello/a[Pod] => hello/[pod with {app=db}] : TCP pg');
    expect(text.replace(/\s+/g, ' ')).toContain('hello/a[Pod] <= [namespace with {team=x}]/[all pods] : TCP 8080,9090');
    expect(text.replace(/\s+/g, ' ')).toContain('hello/a[Pod] <= entire-cluster : TCP 9090');
  });

  test('a representative peer that a workload of the run matches exactly is dropped', () => {
    const a = analyzeYaml(...docs, pod('db', { namespace: 'hello' }));
    expect(representativePeers(a.model).map((r) => r.name)).toEqual(['[namespace with {team=x}]/[all pods]']);
  });
});

describe('diff', () => {
  test('external ranges of both versions are cut to a common partition and merged back', () => {
    const before = analyzeYaml(pod('b'), policy('p', 'podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]'));
    const after = analyzeYaml(pod('b'), policy('p', 'podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/9}}]'));
    expect(sortDiffRows(connectivityDiff(before.model, after.model)).map(diffLine)).toEqual(['diff-type: removed, source: 10.128.0.0-10.255.255.255[External], destination: default/b[Pod], ref1: All Connections, ref2: No Connections']);
  });

  test('added workloads are named in workloads-diff-info', () => {
    const rows = connectivityDiff(analyzeYaml(pod('a')).model, analyzeYaml(pod('a'), pod('b')).model);
    expect(rows.map(diffLine)).toContain('diff-type: added, source: default/a[Pod], destination: default/b[Pod], ref1: No Connections, ref2: All Connections, workloads-diff-info: workload default/b[Pod] added');
  });
});

describe('explain', () => {
  test('per side: selecting policies, rule verdicts, and the resulting allowance', () => {
    const a = analyzeYaml(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: c}}}]\n  - from: [{podSelector: {matchLabels: {app: a}}}]\n    ports: [{port: 80}]'));
    const [wa, wb] = a.topology.workloads;
    const e = explainPair(a.model, { kind: 'workload', workload: wa }, { kind: 'workload', workload: wb });
    expect(e.egress.policies).toEqual([]);
    expect(e.ingress.rules.map((r) => [r.ref.rule.index, r.peerMatches, r.allows.toString()])).toEqual([
      [0, false, 'No Connections'],
      [1, true, 'TCP 80'],
    ]);
    expect(e.allowed.toString()).toBe('TCP 80');
    const text = explanationText(e, { port: 443, protocol: 'TCP' });
    expect(text).toContain('on TCP 443: DENIED');
    expect(text).toContain('denied by the ingress of default/b[Pod]');
    expect(text).toContain('Egress of default/a[Pod]: not isolated');
  });
});

describe('html', () => {
  test('escapes names and draws one edge per row', () => {
    const a = analyzeYaml(pod('a'), pod('b'));
    const rows = connectionList(a.model);
    const html = listHtml(rows, a.topology.workloads, undefined, 'graph <test>');
    expect(html).toContain('<title>graph &lt;test&gt;</title>');
    expect((html.match(/class="edge"/g) ?? []).length).toBe(rows.length);
    expect(rows.map(rowText)).toContain('default/a[Pod] => default/b[Pod] : All Connections');
  });
});
