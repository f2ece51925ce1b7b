/**
 * API versions removed from Kubernetes, with the release that deprecated and removed each and
 * what to use instead (from the Kubernetes deprecated API migration guide), plus the field
 * changes that come with the move. Data only.
 */

export interface RemovedApi {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  removedIn: string;
  /** The apiVersion to use instead, or undefined when there is no replacement. */
  replacement: string | undefined;
  /** What else changes when moving to the replacement. */
  migration?: string;
}

const APPS_MIGRATION = '`spec.selector` is required in apps/v1 (it no longer defaults to the template labels) and cannot be changed later';

export const REMOVED_APIS: readonly RemovedApi[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', migration: APPS_MIGRATION },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', migration: APPS_MIGRATION },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', migration: APPS_MIGRATION },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacement: undefined, migration: 'PodSecurityPolicy is gone altogether since 1.25: enforce the Pod Security Standards with Pod Security Admission namespace labels (pod-security.kubernetes.io/enforce)' },
  {
    apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1',
    migration: '`backend.serviceName`/`backend.servicePort` become `backend.service.name` and `backend.service.port.number` (or `.name`), `spec.backend` becomes `spec.defaultBackend`, and every path needs a `pathType`',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1',
    migration: '`backend.serviceName`/`backend.servicePort` become `backend.service.name` and `backend.service.port.number` (or `.name`), `spec.backend` becomes `spec.defaultBackend`, and every path needs a `pathType`',
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', migration: '`webhooks[*].admissionReviewVersions` and `webhooks[*].sideEffects` are required, and `failurePolicy` defaults to Fail' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', migration: '`spec.validation` moves to `spec.versions[*].schema.openAPIV3Schema`, schemas must be structural, and `spec.preserveUnknownFields: true` is not allowed' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1', migration: '`spec.group` is renamed `spec.groups`' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1', migration: '`spec.signerName` is required and `spec.usages` must be set' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.17', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.21', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1', migration: 'per-endpoint `topology` is replaced by `zone` and `hints`' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2', migration: '`targetAverageUtilization` becomes `target: {type: Utilization, averageUtilization: N}` (and likewise for values)' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1', migration: 'an empty `spec.selector` selects every pod of the namespace in policy/v1 (none in v1beta1)' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', replacement: undefined, migration: 'enforce the Pod Security Standards with Pod Security Admission namespace labels (pod-security.kubernetes.io/enforce)' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1alpha1', kinds: ['RuntimeClass'], deprecatedIn: '1.20', removedIn: '1.22', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', migration: '`spec.limited.assuredConcurrencyShares` is renamed `nominalConcurrencyShares`' },
  { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kinds: ['InitializerConfiguration'], deprecatedIn: '1.13', removedIn: '1.14', replacement: undefined, migration: 'initializers were replaced by mutating admission webhooks (MutatingWebhookConfiguration)' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
];

const INDEX = new Map<string, RemovedApi>();
for (const entry of REMOVED_APIS) for (const kind of entry.kinds) INDEX.set(`${entry.apiVersion}|${kind}`, entry);

/** Compares minor versions like "1.22" numerically. */
export function compareMinor(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 !== b1 ? a1 - b1 : a2 - b2;
}

/** The removal entry when `apiVersion`/`kind` is no longer served by `kubernetesVersion`. */
export function removedApi(apiVersion: string, kind: string, kubernetesVersion: string): RemovedApi | undefined {
  const entry = INDEX.get(`${apiVersion}|${kind}`);
  return entry !== undefined && compareMinor(kubernetesVersion, entry.removedIn) >= 0 ? entry : undefined;
}
