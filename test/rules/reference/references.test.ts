/** Named references: dangling (warning) or unresolved (info), and missing keys. */
import { deployment, findings, lint } from './support';

const DANGLING = 'reference/dangling-reference';
const UNRESOLVED = 'reference/unresolved-reference';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n';
const withEnvFrom = (name: string, optional = ''): string => deployment('web', { container: `          envFrom: [{configMapRef: {name: ${name}${optional}}}]\n` });

describe('reference/dangling-reference and reference/unresolved-reference', () => {
  test('a typo of a defined ConfigMap is dangling, with the suggestion', () => {
    const text = `${CM}---\n${withEnvFrom('web-confg')}`;
    const found = findings(DANGLING, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.template.spec.containers[0].envFrom[0].configMapRef.name' });
    expect(found[0].message).toContain('ConfigMap `web-confg` (envFrom of container `web`) is not defined in the run (did you mean `web-config`?)');
    expect(findings(UNRESOLVED, text)).toEqual([]);
  });

  test('an object simply not in the run is unresolved (info), or dangling in a closed world', () => {
    const text = withEnvFrom('shared-config');
    const found = findings(UNRESOLVED, text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info' });
    expect(found[0].message).toContain('ConfigMap `shared-config` (envFrom of container `web`) is not in the linted files');
    expect(findings(DANGLING, text)).toEqual([]);
    expect(findings(DANGLING, text, { closedWorld: true })).toHaveLength(1);
    expect(findings(UNRESOLVED, text, { closedWorld: true })).toEqual([]);
  });

  test('every kind of pod reference is followed', () => {
    const spec = [
      '      serviceAccountName: web-sa',
      '      priorityClassName: high',
      '      runtimeClassName: gvisor',
      '      imagePullSecrets: [{name: registry}]',
      '      volumes:',
      '        - {name: a, configMap: {name: cm-a, items: [{key: k, path: k}]}}',
      '        - {name: b, secret: {secretName: secret-b}}',
      '        - {name: c, persistentVolumeClaim: {claimName: data}}',
      '        - name: d',
      '          projected: {sources: [{configMap: {name: cm-d}}, {secret: {name: secret-d}}]}',
      '',
    ].join('\n');
    const container = '          env:\n            - name: A\n              valueFrom: {secretKeyRef: {name: secret-env, key: a}}\n            - name: B\n              valueFrom: {configMapKeyRef: {name: cm-env, key: b}}\n          envFrom: [{secretRef: {name: secret-from}}]\n';
    const names = findings(UNRESOLVED, deployment('web', { spec, container })).map((f) => f.message.split(' is not')[0]);
    expect(names).toEqual([
      'ServiceAccount `web-sa` (serviceAccountName)',
      'PriorityClass `high` (priorityClassName)',
      'RuntimeClass `gvisor` (runtimeClassName)',
      'Secret `registry` (imagePullSecrets)',
      'ConfigMap `cm-a` (ConfigMap volume `a`)',
      'Secret `secret-b` (Secret volume `b`)',
      'PersistentVolumeClaim `data` (PersistentVolumeClaim volume `c`)',
      'ConfigMap `cm-d` (projected volume `d`)',
      'Secret `secret-d` (projected volume `d`)',
      'Secret `secret-env` (environment variable `A` of container `web`)',
      'ConfigMap `cm-env` (environment variable `B` of container `web`)',
      'Secret `secret-from` (envFrom of container `web`)',
    ]);
  });

  test('other objects: Ingress, PVC, HPA, StatefulSet, webhook', () => {
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  tls: [{hosts: [a.example.com], secretName: web-tls}]\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n';
    const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: fast\n  volumeName: pv-1\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n';
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  minReplicas: 2\n  maxReplicas: 4\n';
    const hook = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: guard\nwebhooks:\n  - name: guard.example.com\n    clientConfig: {service: {name: guard, namespace: guard-system}}\n    sideEffects: None\n    admissionReviewVersions: [v1]\n';
    const text = [ingress, pvc, hpa, hook].join('---\n');
    const messages = findings(UNRESOLVED, text).map((f) => f.message.split(' is not')[0]);
    expect(messages).toEqual([
      'IngressClass `nginx` (ingressClassName)',
      'Secret `web-tls` (Ingress TLS)',
      'Service `web` (Ingress backend)',
      'StorageClass `fast` (storageClassName)',
      'PersistentVolume `pv-1` (volumeName)',
      'Deployment `api` (HorizontalPodAutoscaler scaleTargetRef)',
      'Service `guard` in namespace `guard-system` (webhook clientConfig.service)',
    ]);
  });

  test('an autoscaler target missing next to other workloads is dangling', () => {
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: api\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api-server}\n  minReplicas: 2\n  maxReplicas: 4\n';
    const found = findings(DANGLING, `${hpa}---\n${deployment('frontend')}`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('normally ships with the HorizontalPodAutoscaler');
  });

  test('a namespace typo is dangling, reported once for all its objects', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n';
    const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: monitorng\n`;
    const found = findings(DANGLING, [ns, cm('a'), cm('b')].join('---\n'));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('Namespace `monitorng` (metadata.namespace) is not defined in the run (did you mean `monitoring`?) (and 1 more objects in this namespace)');
  });

  test.each([
    ['defined', `${CM}---\n${withEnvFrom('web-config')}`],
    ['optional', withEnvFrom('shared', ', optional: true')],
    ['built in', deployment('web', { spec: '      serviceAccountName: default\n      priorityClassName: system-node-critical\n      volumes: [{name: ca, configMap: {name: kube-root-ca.crt}}]\n' })],
    ['made by a SealedSecret', `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData: {password: AgBy}\n---\n${deployment('web', { container: '          envFrom: [{secretRef: {name: db}}]\n' })}`],
    ['made by a cert-manager Certificate', 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls: [{secretName: web-tls}]\n  rules: []\n'],
    ['a TLS Secret issued for an annotated Ingress', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations: {cert-manager.io/cluster-issuer: letsencrypt}\nspec:\n  tls: [{secretName: web-tls}]\n  rules: []\n'],
    ['a referrer without namespace finds objects anywhere', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  namespace: shop\n---\n${withEnvFrom('shared')}`],
    ['odd values', deployment('web', { spec: '      serviceAccountName: 7\n      volumes: [7, {name: x, configMap: []}]\n' })],
  ])('no finding: %s', (_name, text) => {
    expect(findings(DANGLING, text)).toEqual([]);
    expect(findings(UNRESOLVED, text)).toEqual([]);
  });

  test('ignoreKinds silences kinds that live elsewhere', () => {
    expect(lint({ 'm.yaml': withEnvFrom('x') }, { rule: UNRESOLVED, options: { ignoreKinds: ['ConfigMap'] } })).toEqual([]);
  });
});

describe('reference/missing-key', () => {
  const RULE = 'reference/missing-key';
  const env = (cm: string, key: string, optional = ''): string => deployment('web', { container: `          env:\n            - name: X\n              valueFrom: {configMapKeyRef: {name: ${cm}, key: ${key}${optional}}}\n` });

  test('a key the ConfigMap lacks, with a suggestion', () => {
    const found = findings(RULE, `${CM}---\n${env('web-config', 'LOGLEVEL')}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key' });
    expect(found[0].message).toContain('ConfigMap `web-config` has no key `LOGLEVEL` (did you mean `LOG_LEVEL`?)');
  });

  test('volume items and Secret stringData', () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: admin\n';
    const pod = deployment('web', { spec: '      volumes: [{name: c, secret: {secretName: creds, items: [{key: password, path: p}]}}]\n' });
    const found = findings(RULE, `${secret}---\n${pod}`);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('Secret `creds` has no key `password` (it defines `user`)');
  });

  test.each([
    ['the key exists', `${CM}---\n${env('web-config', 'LOG_LEVEL')}`],
    ['optional', `${CM}---\n${env('web-config', 'OTHER', ', optional: true')}`],
    ['the ConfigMap is not in the run', env('elsewhere', 'X')],
    ['a placeholder ConfigMap without data', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n---\n${env('web-config', 'X')}`],
  ])('no finding: %s', (_name, text) => {
    expect(findings(RULE, text)).toEqual([]);
  });
});

test('a StatefulSet volume named like a volumeClaimTemplate is the per-pod claim, not a reference', () => {
  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]\n      containers: [{name: db, image: postgres:16, volumeMounts: [{name: data, mountPath: /data}]}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n';
  expect(findings(UNRESOLVED, sts).map((f) => f.message)).toEqual([expect.stringContaining('Service `db` (StatefulSet serviceName)')]);
});
