import { check, rule } from './helpers';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
  labels: {team: shop}
  annotations: {owner: alice}
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      initContainers:
        - {name: init, image: busybox:1}
      containers:
        - {name: app, image: nginx:1}
      ephemeralContainers:
        - {name: debug, image: busybox:1}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: dev
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - {name: job, image: report:1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: prod}
data: {mode: fast}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: []
`;

/** Paths of the findings of a rule that flags every target (an always-failing check). */
function targets(target: string): string[] {
  const text = rule(`target: ${target}\nassert:\n  - {field: kubevetNever, exists: true}\n`);
  return check(text, MANIFESTS).map((f) => `${f.object?.kind}/${f.object?.name} ${f.path}`);
}

describe('targets', () => {
  test('every object by default, or kinds with wildcards, case-insensitively, and group/Kind', () => {
    expect(targets('{}')).toHaveLength(4);
    expect(targets('{kinds: [Deployment, configmap]}')).toEqual(['Deployment/web kubevetNever', 'ConfigMap/settings kubevetNever']);
    expect(targets('{kinds: ["*Job"]}')).toEqual(['CronJob/report kubevetNever']);
    expect(targets('{kinds: ["apps/*"]}')).toEqual(['Deployment/web kubevetNever']);
    expect(targets('{kinds: ["core/*"]}')).toEqual(['ConfigMap/settings kubevetNever']);
    expect(targets('{kinds: ["rbac.authorization.k8s.io/ClusterRole"]}')).toEqual(['ClusterRole/reader kubevetNever']);
  });

  test('namespace, label and annotation filters', () => {
    expect(targets('{namespaces: [prod]}')).toEqual(['Deployment/web kubevetNever', 'ConfigMap/settings kubevetNever']);
    expect(targets('{namespaces: ["!prod"]}')).toEqual(['CronJob/report kubevetNever', 'ClusterRole/reader kubevetNever']);
    expect(targets('{labels: {team: "*"}}')).toEqual(['Deployment/web kubevetNever']);
    expect(targets('{labels: {team: "sh?p"}}')).toEqual(['Deployment/web kubevetNever']);
    expect(targets('{labels: {team: other}}')).toEqual([]);
    expect(targets('{annotations: {owner: alice}}')).toEqual(['Deployment/web kubevetNever']);
  });

  test('each: podSpec finds the pod spec wherever the workload keeps it', () => {
    expect(targets('{each: podSpec}')).toEqual(['Deployment/web spec.template.spec.kubevetNever', 'CronJob/report spec.jobTemplate.spec.template.spec.kubevetNever']);
  });

  test('each: podTemplate is the template (metadata and spec)', () => {
    const text = rule('target: {each: podTemplate}\nassert:\n  - {field: metadata.labels.app, exists: true}\n');
    expect(check(text, MANIFESTS).map((f) => f.path)).toEqual(['spec.jobTemplate.spec.template.metadata.labels.app']);
  });

  test('each: container visits regular and init containers by default; containerTypes chooses', () => {
    expect(targets('{each: container}')).toEqual([
      'Deployment/web spec.template.spec.initContainers[0].kubevetNever',
      'Deployment/web spec.template.spec.containers[0].kubevetNever',
      'CronJob/report spec.jobTemplate.spec.template.spec.containers[0].kubevetNever',
    ]);
    expect(targets('{each: container, containerTypes: [ephemeralContainer]}')).toEqual(['Deployment/web spec.template.spec.ephemeralContainers[0].kubevetNever']);
    expect(targets('{each: container, kinds: [CronJob]}')).toEqual(['CronJob/report spec.jobTemplate.spec.template.spec.containers[0].kubevetNever']);
  });
});
