/**
 * Benchmark of the NetworkPolicy reachability analysis: 2,000 workloads and 500 policies across
 * 50 namespaces (default denies, per-app allowances with pod, namespace, ipBlock and named-port
 * peers, DNS egress), generated deterministically. Reads the manifests once, then times the
 * analysis: building the model, every class-to-class connection, the full connection list and
 * the network rules. `node dist/bench/netpol.js [--workloads N] [--policies N] [--namespaces N]`.
 */
import { performance } from 'node:perf_hooks';
import { analyzeObjects } from '../src/analysis/netpol';
import { connectionList } from '../src/analysis/netpol/connlist';
import { deadRules, invalidPolicies, missingDefaultDeny, overBroadEgress, overBroadIngress, policiesSelectingNothing, redundantPeers, redundantRules, unprotectedWorkloads, unresolvedNamedPorts } from '../src/analysis/netpol/lint';
import { loadText, SourceText } from '../src/load';
import { buildObjects } from '../src/model/build';
import { prng } from './generate';


const TIERS = ['web', 'api', 'worker', 'db', 'cache'];

function workload(ns: string, i: number, random: () => number): string {
  const app = `app-${i}`;
  const tier = TIERS[i % TIERS.length];
  const kind = random() < 0.8 ? 'Deployment' : random() < 0.5 ? 'StatefulSet' : 'DaemonSet';
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}, tier: ${tier}, team: team-${i % 7}}
    spec:
      containers:
        - name: main
          image: registry.example.com/${app}:1.0
          ports:
            - {name: http, containerPort: ${8000 + (i % 50)}}
            - {name: metrics, containerPort: 9090}
            - {name: dns, containerPort: 53, protocol: UDP}
`;
}

function policy(ns: string, n: number, perNamespace: number, apps: number, namespaces: number, random: () => number): string {
  const head = (name: string): string => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n`;
  if (n === 0) return `${head('default-deny')}  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`;
  if (n === 1) {
    return `${head('allow-dns')}  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: kube-system}\n          podSelector:\n            matchLabels: {k8s-app: kube-dns}\n      ports:\n        - {protocol: UDP, port: 53}\n        - {protocol: TCP, port: 53}\n`;
  }
  const target = Math.floor(random() * apps);
  const from = Math.floor(random() * apps);
  const otherNs = `ns-${Math.floor(random() * namespaces)}`;
  const variant = n % 4;
  const ingress =
    variant === 0
      ? `    - from:\n        - podSelector:\n            matchLabels: {app: app-${from}}\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: ${otherNs}}\n          podSelector:\n            matchExpressions:\n              - {key: tier, operator: In, values: [web, api]}\n      ports:\n        - {port: http}\n`
      : variant === 1
        ? `    - from:\n        - ipBlock:\n            cidr: 10.${n % 256}.0.0/16\n            except: [10.${n % 256}.${perNamespace}.0/24]\n      ports:\n        - {protocol: TCP, port: 8000, endPort: 8100}\n`
        : variant === 2
          ? `    - from:\n        - namespaceSelector:\n            matchLabels: {team: team-${n % 7}}\n      ports:\n        - {port: metrics}\n        - {port: dns, protocol: UDP}\n`
          : `    - from:\n        - podSelector:\n            matchExpressions:\n              - {key: team, operator: NotIn, values: [team-1, team-2]}\n`;
  const egress = `    - to:\n        - podSelector:\n            matchLabels: {tier: db}\n      ports:\n        - {port: ${8000 + (n % 50)}}\n    - to:\n        - ipBlock: {cidr: 172.${16 + (n % 16)}.0.0/12}\n      ports:\n        - {protocol: TCP, port: 443}\n`;
  return `${head(`allow-${n}`)}  podSelector:\n    matchLabels: {app: app-${target}}\n  policyTypes: [Ingress, Egress]\n  ingress:\n${ingress}  egress:\n${egress}`;
}

export function generateNetpolCorpus(workloads: number, policies: number, namespaces: number, seed = 7): string {
  const random = prng(seed);
  const docs: string[] = [];
  const perNs = Math.ceil(workloads / namespaces);
  const policiesPerNs = Math.ceil(policies / namespaces);
  for (let k = 0; k < namespaces; k++) {
    const ns = `ns-${k}`;
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {team: team-${k % 7}, env: ${k % 2 === 0 ? 'prod' : 'dev'}}\n`);
    for (let i = 0; i < perNs && k * perNs + i < workloads; i++) docs.push(workload(ns, i, random));
    for (let n = 0; n < policiesPerNs && k * policiesPerNs + n < policies; n++) docs.push(policy(ns, n, k, perNs, namespaces, random));
  }
  return docs.join('---\n');
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function time<T>(f: () => T): [T, number] {
  const start = performance.now();
  const value = f();
  return [value, performance.now() - start];
}

export function runNetpolBench(workloads = 2000, policies = 500, namespaces = 50): Record<string, number> {
  const text = generateNetpolCorpus(workloads, policies, namespaces);
  const [objects, readMs] = time(() => buildObjects(loadText(new SourceText('bench-netpol.yaml', text)).documents, { defaultNamespace: 'default' }).objects);
  const [analysis, modelMs] = time(() => analyzeObjects(objects));
  const model = analysis.model;
  const [, matrixMs] = time(() => {
    for (const a of model.classes) for (const b of model.classes) model.conn(a, b);
  });
  const [rows, listMs] = time(() => connectionList(model));
  const [findings, rulesMs] = time(
    () =>
      invalidPolicies(analysis).length +
      missingDefaultDeny(analysis, 'ingress').length +
      unprotectedWorkloads(analysis).length +
      policiesSelectingNothing(analysis, false).length +
      deadRules(analysis, false).length +
      redundantRules(analysis).length +
      redundantPeers(analysis).length +
      overBroadIngress(analysis, objects).length +
      overBroadEgress(analysis).length +
      unresolvedNamedPorts(analysis).length,
  );
  return {
    workloads: analysis.topology.workloads.length,
    policies: analysis.policies.length,
    namespaces: analysis.topology.namespaces.size,
    classes: model.classes.length,
    connectionRows: rows.length,
    findings,
    readMs: Math.round(readMs),
    modelMs: Math.round(modelMs),
    matrixMs: Math.round(matrixMs),
    analysisMs: Math.round(modelMs + matrixMs),
    listMs: Math.round(listMs),
    rulesMs: Math.round(rulesMs),
  };
}

if (require.main === module) {
  const result = runNetpolBench(arg('workloads', 2000), arg('policies', 500), arg('namespaces', 50));
  console.log(JSON.stringify(result, null, 2));
  // The budget is for the default size (2,000 workloads, 500 policies); other sizes only report.
  const budget = 2000;
  const defaultSize = !['workloads', 'policies', 'namespaces'].some((name) => process.argv.includes(`--${name}`));
  if (defaultSize && result.analysisMs + result.listMs + result.rulesMs > budget) {
    console.error(`netpol analysis, listing and rules took ${result.analysisMs + result.listMs + result.rulesMs} ms (budget ${budget} ms)`);
    process.exitCode = 1;
  }
}
