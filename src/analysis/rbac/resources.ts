/**
 * What the model needs to know about API resources: the group of common resources (so `who-can
 * get deployments` means apps), which resources are cluster-scoped (RoleBindings never grant
 * them), and the pod controllers.
 */

/** Preferred group of well-known resources (kubectl's discovery order where names repeat). */
const RESOURCE_GROUPS: ReadonlyMap<string, string> = new Map([
  ...['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims', 'persistentvolumes', 'namespaces', 'nodes',
    'replicationcontrollers', 'events', 'limitranges', 'resourcequotas', 'podtemplates', 'bindings', 'componentstatuses', 'users', 'groups'].map((r) => [r, ''] as const),
  ...['deployments', 'daemonsets', 'statefulsets', 'replicasets', 'controllerrevisions'].map((r) => [r, 'apps'] as const),
  ...['jobs', 'cronjobs'].map((r) => [r, 'batch'] as const),
  ...['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'].map((r) => [r, 'rbac.authorization.k8s.io'] as const),
  ...['ingresses', 'networkpolicies', 'ingressclasses', 'ipaddresses', 'servicecidrs'].map((r) => [r, 'networking.k8s.io'] as const),
  ...['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'].map((r) => [r, 'admissionregistration.k8s.io'] as const),
  ...['certificatesigningrequests', 'signers', 'clustertrustbundles'].map((r) => [r, 'certificates.k8s.io'] as const),
  ...['storageclasses', 'volumeattachments', 'csidrivers', 'csinodes', 'csistoragecapacities', 'volumeattributesclasses'].map((r) => [r, 'storage.k8s.io'] as const),
  ...['gateways', 'gatewayclasses', 'httproutes', 'grpcroutes', 'referencegrants'].map((r) => [r, 'gateway.networking.k8s.io'] as const),
  ['customresourcedefinitions', 'apiextensions.k8s.io'],
  ['apiservices', 'apiregistration.k8s.io'],
  ['horizontalpodautoscalers', 'autoscaling'],
  ['poddisruptionbudgets', 'policy'],
  ['podsecuritypolicies', 'policy'],
  ['priorityclasses', 'scheduling.k8s.io'],
  ['runtimeclasses', 'node.k8s.io'],
  ['leases', 'coordination.k8s.io'],
  ['endpointslices', 'discovery.k8s.io'],
  ['tokenreviews', 'authentication.k8s.io'],
  ['selfsubjectreviews', 'authentication.k8s.io'],
  ['uids', 'authentication.k8s.io'],
  ['userextras', 'authentication.k8s.io'],
  ['subjectaccessreviews', 'authorization.k8s.io'],
  ['selfsubjectaccessreviews', 'authorization.k8s.io'],
  ['selfsubjectrulesreviews', 'authorization.k8s.io'],
  ['localsubjectaccessreviews', 'authorization.k8s.io'],
  ['flowschemas', 'flowcontrol.apiserver.k8s.io'],
  ['prioritylevelconfigurations', 'flowcontrol.apiserver.k8s.io'],
]);

/** Cluster-scoped resources by group. `namespaces` is special: requests on a Namespace carry its name as namespace. */
const CLUSTER_SCOPED: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ['', new Set(['nodes', 'persistentvolumes', 'componentstatuses', 'users', 'groups'])],
  ['rbac.authorization.k8s.io', new Set(['clusterroles', 'clusterrolebindings'])],
  ['apiextensions.k8s.io', new Set(['customresourcedefinitions'])],
  ['apiregistration.k8s.io', new Set(['apiservices'])],
  ['storage.k8s.io', new Set(['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments', 'volumeattributesclasses'])],
  ['networking.k8s.io', new Set(['ingressclasses', 'ipaddresses', 'servicecidrs'])],
  ['scheduling.k8s.io', new Set(['priorityclasses'])],
  ['node.k8s.io', new Set(['runtimeclasses'])],
  ['policy', new Set(['podsecuritypolicies'])],
  ['certificates.k8s.io', new Set(['certificatesigningrequests', 'signers', 'clustertrustbundles'])],
  ['admissionregistration.k8s.io', new Set(['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings'])],
  ['flowcontrol.apiserver.k8s.io', new Set(['flowschemas', 'prioritylevelconfigurations'])],
  ['authentication.k8s.io', new Set(['tokenreviews', 'selfsubjectreviews', 'uids', 'userextras'])],
  ['authorization.k8s.io', new Set(['subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews'])],
  ['resource.k8s.io', new Set(['deviceclasses', 'resourceslices'])],
  ['gateway.networking.k8s.io', new Set(['gatewayclasses'])],
]);

export function resourceGroup(resource: string): string | undefined {
  return RESOURCE_GROUPS.get(resource);
}

/** True when requests on the resource carry no namespace (RoleBindings cannot grant them). */
export function isClusterScopedResource(group: string, resource: string): boolean {
  return CLUSTER_SCOPED.get(group)?.has(resource) ?? false;
}

/** Pod controllers: writing any of them runs pods with a ServiceAccount of the namespace. */
export const POD_CONTROLLERS: readonly { group: string; resource: string; kind: string }[] = [
  { group: 'apps', resource: 'deployments', kind: 'Deployments' },
  { group: 'apps', resource: 'daemonsets', kind: 'DaemonSets' },
  { group: 'apps', resource: 'statefulsets', kind: 'StatefulSets' },
  { group: 'apps', resource: 'replicasets', kind: 'ReplicaSets' },
  { group: 'batch', resource: 'jobs', kind: 'Jobs' },
  { group: 'batch', resource: 'cronjobs', kind: 'CronJobs' },
  { group: '', resource: 'replicationcontrollers', kind: 'ReplicationControllers' },
];
