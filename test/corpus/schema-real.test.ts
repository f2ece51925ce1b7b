/**
 * Zero false errors on real-world manifests: every YAML, schema and deprecation error or warning
 * kubevet reports on ../shared/corpus/real is listed here with the defect it points at. A new
 * finding fails this test until it is either fixed in kubevet or confirmed and added here.
 */
import { runCli, ROOT } from '../cli/run-cli';
import { describeShared, sharedPath } from '../helpers/shared';

const EXPECTED: [file: string, line: number, ruleId: string, defect: string][] = [
  ['flannel/Documentation/kube-flannel.yml', 2, 'deprecation/removed-api', 'policy/v1beta1 PodSecurityPolicy (removed in 1.25)'],
  ['ingress-nginx/deploy/static/provider/aws/nlb-with-tls-termination/deploy.yaml', 481, 'schema/duplicate-port', 'containerPort 80/TCP declared twice (http and https)'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/oauth2-proxy.yaml', 72, 'schema/ingress-rule', 'placeholder host __INGRESS_HOST__'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/oauth2-proxy.yaml', 84, 'schema/ingress-rule', 'placeholder TLS host __INGRESS_HOST__'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/oauth2-proxy.yaml', 100, 'schema/ingress-rule', 'placeholder host __INGRESS_HOST__'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml', 21, 'schema/invalid-type', 'env value `true` unquoted: a boolean, not a string'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml', 73, 'schema/ingress-rule', 'placeholder host __INGRESS_HOST__'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml', 85, 'schema/ingress-rule', 'placeholder TLS host __INGRESS_HOST__'],
  ['ingress-nginx/docs/examples/auth/oauth-external-auth/vouch-proxy.yaml', 101, 'schema/ingress-rule', 'placeholder host __INGRESS_HOST__'],
  ['ingress-nginx/docs/examples/customization/ssl-dh-param/ssl-dh-param.yaml', 3, 'schema/invalid-value', 'placeholder "...base64 encoded data..." is not base64'],
  ['ingress-nginx/docs/examples/docker-registry/ingress-with-tls.yaml', 15, 'schema/ingress-rule', 'placeholder TLS host registry.<your domain>'],
  ['ingress-nginx/docs/examples/docker-registry/ingress-with-tls.yaml', 18, 'schema/ingress-rule', 'placeholder host registry.<your domain>'],
  ['ingress-nginx/docs/examples/docker-registry/ingress-without-tls.yaml', 13, 'schema/ingress-rule', 'placeholder host registry.<your domain>'],
  ['kubernetes-examples/_archived/cloud-controller-manager/persistent-volume-label-initializer-config.yaml', 2, 'deprecation/removed-api', 'InitializerConfiguration (removed in 1.14)'],
  ['kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml', 57, 'deprecation/removed-api', 'policy/v1beta1 PodDisruptionBudget'],
  ['kubernetes-examples/_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml', 1, 'deprecation/removed-api', 'extensions/v1beta1 DaemonSet'],
  ['kubernetes-examples/_archived/openshift-origin/etcd-controller.yaml', 12, 'yaml/duplicate-key', 'second `selector:` (corpus README)'],
  ['kubernetes-examples/_archived/openshift-origin/etcd-discovery-controller.yaml', 12, 'yaml/duplicate-key', 'second `selector:` (corpus README)'],
  ['kubernetes-examples/_archived/openshift-origin/openshift-controller.yaml', 12, 'yaml/duplicate-key', 'second `selector:` (corpus README)'],
  ['kubernetes-examples/_archived/persistent-volume-provisioning/quobyte/quobyte-admin-secret.yaml', 9, 'yaml/duplicate-key', 'second `type:` (corpus README)'],
  ['kubernetes-examples/_archived/podsecuritypolicy/rbac/policies.yaml', 1, 'deprecation/removed-api', 'PodSecurityPolicy'],
  ['kubernetes-examples/_archived/podsecuritypolicy/rbac/policies.yaml', 26, 'deprecation/removed-api', 'PodSecurityPolicy'],
  ['kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml', 4, 'schema/invalid-name', 'template placeholder {{uid}} in the name'],
  ['kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml', 7, 'schema/invalid-label', 'template placeholder {{keyspace}}'],
  ['kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml', 8, 'schema/invalid-label', 'template placeholder {{shard_label}}'],
  ['kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml', 9, 'schema/invalid-label', 'template placeholder {{alias}}'],
  ['kubernetes-examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml', 12, 'schema/invalid-enum', 'protocol `tcp` (must be TCP)'],
  ...['account-specified-hdd/storageclass-account-hdd', 'dedicated-hdd/storageclass-dedicated-hdd', 'shared-hdd/storageclass-shared-hdd', 'shared-ssd/storageclass-shared-ssd'].map(
    (f): [string, number, string, string] => [`kubernetes-examples/_archived/volumes/azure_disk/claim/blob-based-disk/${f}.yaml`, 2, 'deprecation/removed-api', 'storage.k8s.io/v1beta1 StorageClass'],
  ),
  ...['managed-hdd/storageclass-managed-hdd', 'managed-ssd/storageclass-managed-ssd'].map(
    (f): [string, number, string, string] => [`kubernetes-examples/_archived/volumes/azure_disk/claim/managed-disk/${f}.yaml`, 2, 'deprecation/removed-api', 'storage.k8s.io/v1beta1 StorageClass'],
  ),
  ['kubernetes-examples/_archived/volumes/cinder/cinder-web.yaml', 12, 'schema/invalid-enum', 'protocol `tcp` (must be TCP)'],
  ['kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml', 17, 'schema/invalid-type', 'placeholder "<ADD LUN ID Here>" where lun is an integer'],
  ['kubernetes-examples/_archived/volumes/flexvolume/deploy/ds.yaml', 1, 'deprecation/removed-api', 'extensions/v1beta1 DaemonSet'],
  ['kubernetes-examples/_archived/volumes/rbd/rbd.yaml', 25, 'schema/unknown-field', 'RBD volumes have no `imageformat`'],
  ['kubernetes-examples/_archived/volumes/rbd/rbd.yaml', 26, 'schema/unknown-field', 'RBD volumes have no `imagefeatures`'],
  ['kubernetes-examples/_archived/volumes/scaleio/pod.yaml', 17, 'schema/unknown-field', 'misspelt `protectionDoamin`'],
  ['kubernetes-examples/_archived/volumes/scaleio/sc-pvc.yaml', 12, 'yaml/duplicate-key', 'second `storageClassName:` (corpus README)'],
  ['kubernetes-examples/_archived/volumes/storageos/storageos-pod.yaml', 35, 'schema/unknown-field', 'StorageOS volumes have no `pool`'],
  ['kubernetes-examples/_archived/volumes/storageos/storageos-pv.yaml', 22, 'schema/unknown-field', 'StorageOS volumes take `secretRef`, not `secretName`'],
];

describeShared('real-world corpus: YAML, schema and deprecation findings', () => {
  test('every error and warning is a known, real defect of its file', () => {
    const { stdout } = runCli(['-f', 'json', sharedPath('corpus', 'real')], ROOT);
    const report = JSON.parse(stdout) as { findings: { file: string; line: number; ruleId: string; severity: string }[] };
    const actual = report.findings
      .filter((f) => /^(yaml|schema|deprecation)\//.test(f.ruleId) && f.severity !== 'info')
      .map((f) => [f.file.slice(f.file.indexOf('corpus/real/') + 'corpus/real/'.length), f.line, f.ruleId]);
    expect(actual).toEqual(EXPECTED.map(([file, line, ruleId]) => [file, line, ruleId]));
  });
});
