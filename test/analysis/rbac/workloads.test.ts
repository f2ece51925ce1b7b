import { analysisOf, deployment, serviceAccount } from './helpers';

describe('workload identities', () => {
  test('serviceAccountName, the deprecated serviceAccount field, and the default', () => {
    const a = analysisOf(deployment('a', 'ns', 'builder') + deployment('b', 'ns', undefined, 'Deployment', '      serviceAccount: legacy\n') + deployment('c', 'ns'));
    expect(a.workloads.map((w) => [w.object.name, w.serviceAccount, w.explicitServiceAccount])).toEqual([
      ['a', 'builder', true],
      ['b', 'legacy', true],
      ['c', 'default', false],
    ]);
    expect(a.workloads[0].serviceAccountPath).toEqual(['spec', 'template', 'spec', 'serviceAccountName']);
  });

  test('the token: pod setting wins over the ServiceAccount; a projected token counts', () => {
    const projected = '      automountServiceAccountToken: false\n      volumes:\n        - name: t\n          projected:\n            sources:\n              - serviceAccountToken: {path: token}\n';
    const a = analysisOf(
      serviceAccount('quiet', 'ns', 'automountServiceAccountToken: false\n') +
        deployment('sa-off', 'ns', 'quiet') +
        deployment('pod-on', 'ns', 'quiet', 'Deployment', '      automountServiceAccountToken: true\n') +
        deployment('pod-off', 'ns', 'x', 'Deployment', '      automountServiceAccountToken: false\n') +
        deployment('proj', 'ns', 'x', 'Deployment', projected) +
        deployment('plain', 'ns', 'x'),
    );
    expect(Object.fromEntries(a.workloads.map((w) => [w.object.name, w.token]))).toEqual({ 'sa-off': 'none', 'pod-on': 'automatic', 'pod-off': 'none', proj: 'projected', plain: 'automatic' });
  });

  test('CronJobs, Jobs, DaemonSets, StatefulSets and bare Pods are workloads; other kinds are not', () => {
    const cron = '---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c, namespace: ns}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          serviceAccountName: cron\n          containers: [{name: a, image: x}]\n';
    const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ns}\nspec:\n  containers: [{name: a, image: x}]\n';
    const a = analysisOf(cron + pod + deployment('d', 'ns', 'ds', 'DaemonSet') + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns}\n');
    expect(a.workloads.map((w) => `${w.object.kind}:${w.serviceAccount}`)).toEqual(['CronJob:cron', 'Pod:default', 'DaemonSet:ds']);
    expect(a.workloadsOf('ns', 'cron')).toHaveLength(1);
  });

  test('odd pod specs never throw', () => {
    expect(() => analysisOf('---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template: 5\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: y}\nspec:\n  serviceAccountName: 7\n  volumes: [{projected: {sources: 3}}]\n')).not.toThrow();
  });
});
