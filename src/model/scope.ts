/**
 * Which kinds are cluster-scoped. Built-in kinds come from a table (the schema data refines it
 * per version); CustomResourceDefinitions in the run declare their own scope.
 */

const CLUSTER_SCOPED: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['', new Set(['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'])],
  ['rbac.authorization.k8s.io', new Set(['ClusterRole', 'ClusterRoleBinding'])],
  ['apiextensions.k8s.io', new Set(['CustomResourceDefinition'])],
  ['apiregistration.k8s.io', new Set(['APIService'])],
  ['storage.k8s.io', new Set(['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass'])],
  ['networking.k8s.io', new Set(['IngressClass', 'IPAddress', 'ServiceCIDR'])],
  ['scheduling.k8s.io', new Set(['PriorityClass'])],
  ['node.k8s.io', new Set(['RuntimeClass'])],
  ['policy', new Set(['PodSecurityPolicy'])],
  ['extensions', new Set(['PodSecurityPolicy'])],
  ['certificates.k8s.io', new Set(['CertificateSigningRequest', 'ClusterTrustBundle'])],
  ['admissionregistration.k8s.io', new Set([
    'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  ])],
  ['flowcontrol.apiserver.k8s.io', new Set(['FlowSchema', 'PriorityLevelConfiguration'])],
  ['resource.k8s.io', new Set(['DeviceClass', 'ResourceSlice'])],
  ['authentication.k8s.io', new Set(['TokenReview', 'SelfSubjectReview'])],
  ['authorization.k8s.io', new Set(['SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'])],
]);

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

/** True when the kind is cluster-scoped, by the built-in table or the run's CRDs. */
export class ScopeTable {
  private readonly custom = new Map<string, boolean>();

  /** Records a CRD's `spec.scope` for its group and kind. */
  addCustom(group: string, kind: string, clusterScoped: boolean): void {
    this.custom.set(`${group}/${kind}`, clusterScoped);
  }

  isClusterScoped(apiVersion: string, kind: string): boolean {
    const group = groupOf(apiVersion);
    const custom = this.custom.get(`${group}/${kind}`);
    if (custom !== undefined) return custom;
    return CLUSTER_SCOPED.get(group)?.has(kind) ?? false;
  }
}
