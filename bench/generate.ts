/**
 * Deterministic corpus generator for `npm run bench`: realistic multi-namespace applications
 * (Deployments, StatefulSets, DaemonSets, CronJobs, Services, Ingresses, ConfigMaps, Secrets,
 * ServiceAccounts, RBAC, NetworkPolicies) with a fixed share of mistakes, written as one
 * multi-document file and as one file per object.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG, so every run writes the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Maker = (app: string, ns: string, random: () => number) => string;

const securityContext = (random: () => number): string =>
  random() < 0.1
    ? '          securityContext:\n            privileged: true\n'
    : '          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            runAsNonRoot: true\n            capabilities:\n              drop: ["ALL"]\n';

const podTemplate = (app: string, random: () => number, indent = ''): string => {
  const image = random() < 0.1 ? 'nginx:latest' : `registry.example.com/${app}:1.${Math.floor(random() * 20)}.0`;
  const lines = `template:
  metadata:
    labels:
      app.kubernetes.io/name: ${app}
  spec:
    serviceAccountName: ${app}
    automountServiceAccountToken: false
    containers:
      - name: ${app}
        image: ${image}
        ports:
          - name: http
            containerPort: 8080
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {memory: 256Mi}
${securityContext(random).replace(/^ {10}/gm, '        ')}        readinessProbe:
          httpGet: {path: /healthz, port: http}
        livenessProbe:
          httpGet: {path: /healthz, port: http}
${random() < 0.03 ? '        readyOnlyFilesystem: true\n' : ''}`;
  return lines.replace(/^(?=.)/gm, indent);
};

const header = (apiVersion: string, kind: string, name: string, ns: string): string =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: bench\n`;

const MAKERS: [number, Maker][] = [
  [20, (app, ns, r) => `${header('apps/v1', 'Deployment', app, ns)}spec:\n  replicas: ${r() < 0.05 ? '3 // three' : 3}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${app}\n${podTemplate(app, r, '  ')}`],
  [5, (app, ns, r) => `${header('apps/v1', 'StatefulSet', `${app}-db`, ns)}spec:\n  serviceName: ${app}-db\n  replicas: 2\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${app}\n${podTemplate(app, r, '  ')}`],
  [2, (app, ns, r) => `${header('apps/v1', 'DaemonSet', `${app}-agent`, ns)}spec:\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${app}\n${podTemplate(app, r, '  ')}`],
  [3, (app, ns, r) => `${header('batch/v1', 'CronJob', `${app}-report`, ns)}spec:\n  schedule: "0 3 * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      backoffLimit: 2\n${podTemplate(app, r, '      ').replace('    spec:\n', '    spec:\n          restartPolicy: OnFailure\n')}`],
  [20, (app, ns, r) => `${header('v1', 'Service', app, ns)}spec:\n  type: ${r() < 0.05 ? 'LoadBalancer' : 'ClusterIP'}\n  selector:\n    app.kubernetes.io/name: ${r() < 0.05 ? `${app}-typo` : app}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n      protocol: ${r() < 0.02 ? 'tcp' : 'TCP'}\n`],
  [8, (app, ns) => `${header('networking.k8s.io/v1', 'Ingress', app, ns)}spec:\n  ingressClassName: nginx\n  rules:\n    - host: ${app}.${ns}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: ${app}\n                port: {name: http}\n`],
  [12, (app, ns, r) => `${header('v1', 'ConfigMap', `${app}-config`, ns)}data:\n  LOG_LEVEL: info\n  FEATURE_FLAG: ${r() < 0.05 ? 'yes' : '"yes"'}\n  settings.json: |\n    {"timeout": 30, "retries": 3}\n`],
  [5, (app, ns) => `${header('v1', 'Secret', `${app}-credentials`, ns)}type: Opaque\ndata:\n  password: c2VjcmV0\n`],
  [10, (app, ns) => `${header('v1', 'ServiceAccount', app, ns)}automountServiceAccountToken: false\n`],
  [4, (app, ns, r) => `${header('rbac.authorization.k8s.io/v1', 'Role', `${app}-reader`, ns)}rules:\n  - apiGroups: [""]\n    resources: [${r() < 0.1 ? '"*"' : 'configmaps'}]\n    verbs: [get, list, watch]\n`],
  [4, (app, ns) => `${header('rbac.authorization.k8s.io/v1', 'RoleBinding', `${app}-reader`, ns)}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${app}-reader\nsubjects:\n  - kind: ServiceAccount\n    name: ${app}\n    namespace: ${ns}\n`],
  [7, (app, ns) => `${header('networking.k8s.io/v1', 'NetworkPolicy', `${app}-allow`, ns)}spec:\n  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: ${app}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: ingress-nginx\n      ports:\n        - port: http\n`],
];

/** `count` manifests (as YAML documents), spread over `namespaces` namespaces. */
export function generateDocuments(count: number, namespaces = 50, seed = 42): string[] {
  const random = prng(seed);
  const total = MAKERS.reduce((sum, [weight]) => sum + weight, 0);
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    let pick = random() * total;
    const maker = MAKERS.find(([weight]) => (pick -= weight) < 0)?.[1] ?? MAKERS[0][1];
    docs.push(maker(`app-${i}`, `team-${i % namespaces}`, random));
  }
  return docs;
}

export interface GeneratedCorpus {
  singleFile: string;
  directory: string;
}

export function writeCorpus(outDir: string, count: number): GeneratedCorpus {
  const docs = generateDocuments(count);
  const base = join(outDir, `${count}`);
  rmSync(base, { recursive: true, force: true });
  const directory = join(base, 'files');
  mkdirSync(directory, { recursive: true });
  const singleFile = join(base, 'all.yaml');
  writeFileSync(singleFile, docs.join('---\n'));
  docs.forEach((doc, i) => writeFileSync(join(directory, `${String(i).padStart(6, '0')}.yaml`), doc));
  return { singleFile, directory };
}
