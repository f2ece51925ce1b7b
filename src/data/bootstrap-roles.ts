/**
 * The built-in ClusterRoles (and default ClusterRoleBindings) that every Kubernetes API server
 * creates at start-up, so bindings to `admin`, `edit`, `view`, `cluster-admin` or a `system:*`
 * role can be resolved from manifests alone. Data only.
 *
 * Sources (Apache-2.0), transcribed rule by rule in a compact notation (see `r` and `u`):
 * - kubernetes/kubernetes `plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml`
 *   @ 025f2834a128798cef30018a5e6a6ae82b5ad885 (every role in that file);
 * - the same directory's `controller-roles.yaml` @ 008b3652959ca58af8be3fb5b6ecfe9ae7638282
 *   (the `system:controller:*` roles);
 * - the default ClusterRoleBindings as documented on the Kubernetes RBAC page ("Default roles
 *   and role bindings") and bound by the controller-role bindings (each controller role to the
 *   kube-system ServiceAccount of the same name).
 * `scripts/generate-bootstrap-roles.ts` regenerates the role part from those YAML files.
 *
 * The same snapshot is used for every supported Kubernetes version (1.33–1.36): the
 * per-release differences (mostly feature-gated rules, e.g. dynamic resource allocation for
 * the scheduler and kubelet) are not represented.
 */

export interface BootstrapRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface BootstrapClusterRole {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** matchLabels of each aggregationRule.clusterRoleSelectors entry (aggregated roles only). */
  readonly aggregationSelectors?: readonly Readonly<Record<string, string>>[];
  readonly rules: readonly BootstrapRule[];
}

export interface BootstrapSubject {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  readonly namespace?: string;
}

export interface BootstrapClusterRoleBinding {
  readonly name: string;
  readonly roleName: string;
  readonly subjects: readonly BootstrapSubject[];
}

export const BOOTSTRAP_SOURCE = {
  clusterRoles: 'kubernetes/kubernetes@025f2834a128798cef30018a5e6a6ae82b5ad885 plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml',
  controllerRoles: 'kubernetes/kubernetes@008b3652959ca58af8be3fb5b6ecfe9ae7638282 plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/controller-roles.yaml',
} as const;

const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

function list(text: string): string[] {
  return text.split(',');
}

/** A resource rule: comma-separated verbs, API groups ('' is the core group), resources, names. */
function r(verbs: string, groups: string, resources: string, names?: string): BootstrapRule {
  return names === undefined
    ? { verbs: list(verbs), apiGroups: list(groups), resources: list(resources) }
    : { verbs: list(verbs), apiGroups: list(groups), resources: list(resources), resourceNames: list(names) };
}

/** A non-resource URL rule. */
function u(verbs: string, urls: string): BootstrapRule {
  return { verbs: list(verbs), nonResourceURLs: list(urls) };
}

const R = 'get,list,watch';
const W = 'create,delete,deletecollection,patch,update';
const RW = 'create,delete,deletecollection,get,list,patch,update,watch';
const EVENTS = r('create,patch,update', ',events.k8s.io', 'events');
const RBAC = 'rbac.authorization.k8s.io';
const CERTS = 'certificates.k8s.io';

function role(name: string, rules: BootstrapRule[], extraLabels: Record<string, string> = {}): BootstrapClusterRole {
  return { name, labels: { [BOOTSTRAP_LABEL]: 'rbac-defaults', ...extraLabels }, rules };
}

function aggregated(name: string, selectorLabel: string, extraLabels: Record<string, string> = {}): BootstrapClusterRole {
  return { name, labels: { [BOOTSTRAP_LABEL]: 'rbac-defaults', ...extraLabels }, aggregationSelectors: [{ [selectorLabel]: 'true' }], rules: [] };
}

function approver(signer: string): BootstrapRule[] {
  return [r('approve', CERTS, 'signers', signer)];
}

const CLUSTER_ROLES: readonly BootstrapClusterRole[] = [
  aggregated('admin', `${AGG}admin`),
  role('cluster-admin', [r('*', '*', '*'), u('*', '*')]),
  aggregated('edit', `${AGG}edit`, { [`${AGG}admin`]: 'true' }),
  role('system:aggregate-to-admin', [
    r('create', 'authorization.k8s.io', 'localsubjectaccessreviews'),
    r(RW, RBAC, 'rolebindings,roles'),
  ], { [`${AGG}admin`]: 'true' }),
  role('system:aggregate-to-edit', [
    r(R, '', 'pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy'),
    r('impersonate', '', 'serviceaccounts'),
    r(W, '', 'pods,pods/attach,pods/exec,pods/portforward,pods/proxy'),
    r('create', '', 'pods/eviction'),
    r(W, '', 'configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy'),
    r('create', '', 'serviceaccounts/token'),
    r(W, 'apps', 'daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale'),
    r(W, 'autoscaling', 'horizontalpodautoscalers'),
    r(W, 'batch', 'cronjobs,jobs'),
    r(W, 'extensions', 'daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale'),
    r(W, 'policy', 'poddisruptionbudgets'),
    r(W, 'networking.k8s.io', 'ingresses,networkpolicies'),
    r(RW, 'coordination.k8s.io', 'leases'),
  ], { [`${AGG}edit`]: 'true' }),
  role('system:aggregate-to-view', [
    r(R, '', 'configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status'),
    r(R, '', 'bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status'),
    r(R, '', 'namespaces'),
    r(R, 'discovery.k8s.io', 'endpointslices'),
    r(R, 'apps', 'controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status'),
    r(R, 'autoscaling', 'horizontalpodautoscalers,horizontalpodautoscalers/status'),
    r(R, 'batch', 'cronjobs,cronjobs/status,jobs,jobs/status'),
    r(R, 'extensions', 'daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale'),
    r(R, 'policy', 'poddisruptionbudgets,poddisruptionbudgets/status'),
    r(R, 'networking.k8s.io', 'ingresses,ingresses/status,networkpolicies'),
  ], { [`${AGG}view`]: 'true' }),
  role('system:auth-delegator', [
    r('create', 'authentication.k8s.io', 'tokenreviews'),
    r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
  ]),
  role('system:basic-user', [
    r('create', 'authorization.k8s.io', 'selfsubjectaccessreviews,selfsubjectrulesreviews'),
    r('create', 'authentication.k8s.io', 'selfsubjectreviews'),
  ]),
  role('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [r('create', CERTS, 'certificatesigningrequests/nodeclient')]),
  role('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [r('create', CERTS, 'certificatesigningrequests/selfnodeclient')]),
  role('system:certificates.k8s.io:kube-apiserver-client-approver', approver('kubernetes.io/kube-apiserver-client')),
  role('system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', approver('kubernetes.io/kube-apiserver-client-kubelet')),
  role('system:certificates.k8s.io:kubelet-serving-approver', approver('kubernetes.io/kubelet-serving')),
  role('system:certificates.k8s.io:legacy-unknown-approver', approver('kubernetes.io/legacy-unknown')),
  role('system:discovery', [u('get', '/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/')]),
  role('system:heapster', [r(R, '', 'events,namespaces,nodes,pods'), r(R, 'extensions', 'deployments')]),
  role('system:kube-aggregator', [r(R, '', 'endpoints,services')]),
  role('system:kube-controller-manager', [
    EVENTS,
    r('create', 'coordination.k8s.io', 'leases'),
    r('get,update', 'coordination.k8s.io', 'leases', 'kube-controller-manager'),
    r('create', '', 'secrets,serviceaccounts'),
    r('delete', '', 'secrets'),
    r('get', '', 'configmaps,namespaces,secrets,serviceaccounts'),
    r('update', '', 'secrets,serviceaccounts'),
    r('create', 'authentication.k8s.io', 'tokenreviews'),
    r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
    r('list,watch', '*', '*'),
    r('create', '', 'serviceaccounts/token'),
  ]),
  role('system:kube-dns', [r('list,watch', '', 'endpoints,services')]),
  role('system:kube-scheduler', [
    EVENTS,
    r('create', 'coordination.k8s.io', 'leases'),
    r('get,update', 'coordination.k8s.io', 'leases', 'kube-scheduler'),
    r(R, '', 'nodes'),
    r('delete,get,list,watch', '', 'pods'),
    r('create', '', 'bindings,pods/binding'),
    r('patch,update', '', 'pods/status'),
    r(R, '', 'replicationcontrollers,services'),
    r(R, 'apps,extensions', 'replicasets'),
    r(R, 'apps', 'statefulsets'),
    r(R, 'policy', 'poddisruptionbudgets'),
    r(R, '', 'persistentvolumeclaims,persistentvolumes'),
    r('create', 'authentication.k8s.io', 'tokenreviews'),
    r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
    r(R, 'storage.k8s.io', 'csinodes'),
    r(R, '', 'namespaces'),
    r(R, 'storage.k8s.io', 'csidrivers'),
    r(R, 'storage.k8s.io', 'csistoragecapacities'),
  ]),
  role('system:kubelet-api-admin', [
    r(R, '', 'nodes'),
    r('proxy', '', 'nodes'),
    r('*', '', 'nodes/log,nodes/metrics,nodes/proxy,nodes/stats'),
  ]),
  role('system:monitoring', [u('get', '/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*')]),
  role('system:node', [
    r('create', 'authentication.k8s.io', 'tokenreviews'),
    r('create', 'authorization.k8s.io', 'localsubjectaccessreviews,subjectaccessreviews'),
    r(R, '', 'services'),
    r('create,get,list,watch', '', 'nodes'),
    r('patch,update', '', 'nodes/status'),
    r('patch,update', '', 'nodes'),
    r('create,patch,update', '', 'events'),
    r(R, '', 'pods'),
    r('create,delete', '', 'pods'),
    r('patch,update', '', 'pods/status'),
    r('create', '', 'pods/eviction'),
    r(R, '', 'configmaps,secrets'),
    r('get', '', 'persistentvolumeclaims,persistentvolumes'),
    r('get', '', 'endpoints'),
    r('create,get,list,watch', CERTS, 'certificatesigningrequests'),
    r('create,delete,get,patch,update', 'coordination.k8s.io', 'leases'),
    r('get', 'storage.k8s.io', 'volumeattachments'),
    r('create', '', 'serviceaccounts/token'),
    r('get,patch,update', '', 'persistentvolumeclaims/status'),
    r(R, 'storage.k8s.io', 'csidrivers'),
    r('create,delete,get,patch,update', 'storage.k8s.io', 'csinodes'),
    r(R, 'node.k8s.io', 'runtimeclasses'),
  ]),
  role('system:node-bootstrapper', [r('create,get,list,watch', CERTS, 'certificatesigningrequests')]),
  role('system:node-problem-detector', [r('get', '', 'nodes'), r('patch', '', 'nodes/status'), EVENTS]),
  role('system:node-proxier', [
    r('list,watch', '', 'endpoints,services'),
    r(R, '', 'nodes'),
    EVENTS,
    r('list,watch', 'discovery.k8s.io', 'endpointslices'),
  ]),
  role('system:persistent-volume-provisioner', [
    r('create,delete,get,list,watch', '', 'persistentvolumes'),
    r('get,list,update,watch', '', 'persistentvolumeclaims'),
    r(R, 'storage.k8s.io', 'storageclasses'),
    r('watch', '', 'events'),
    EVENTS,
  ]),
  role('system:public-info-viewer', [u('get', '/healthz,/livez,/readyz,/version,/version/')]),
  role('system:service-account-issuer-discovery', [u('get', '/.well-known/openid-configuration,/openid/v1/jwks')]),
  role('system:volume-scheduler', [
    r('get,list,patch,update,watch', '', 'persistentvolumes'),
    r(R, 'storage.k8s.io', 'storageclasses'),
    r('get,list,patch,update,watch', '', 'persistentvolumeclaims'),
  ]),
  aggregated('view', `${AGG}view`, { [`${AGG}edit`]: 'true' }),
];

const C = 'system:controller:';

const CONTROLLER_ROLES: readonly BootstrapClusterRole[] = [
  role(`${C}attachdetach-controller`, [
    r('list,watch', '', 'persistentvolumeclaims,persistentvolumes'),
    r(R, '', 'nodes'),
    r('patch,update', '', 'nodes/status'),
    r('list,watch', '', 'pods'),
    EVENTS,
    r('create,delete,get,list,watch', 'storage.k8s.io', 'volumeattachments'),
    r(R, 'storage.k8s.io', 'csidrivers'),
    r(R, 'storage.k8s.io', 'csinodes'),
  ]),
  role(`${C}certificate-controller`, [
    r('delete,get,list,watch', CERTS, 'certificatesigningrequests'),
    r('update', CERTS, 'certificatesigningrequests/approval,certificatesigningrequests/status'),
    r('approve', CERTS, 'signers', 'kubernetes.io/kube-apiserver-client-kubelet'),
    r('sign', CERTS, 'signers', 'kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,kubernetes.io/kubelet-serving,kubernetes.io/legacy-unknown'),
    r('create', 'authorization.k8s.io', 'subjectaccessreviews'),
    EVENTS,
  ]),
  role(`${C}clusterrole-aggregation-controller`, [r('escalate,get,list,patch,update,watch', RBAC, 'clusterroles')]),
  role(`${C}cronjob-controller`, [
    r('get,list,update,watch', 'batch', 'cronjobs'),
    r('create,delete,get,list,patch,update,watch', 'batch', 'jobs'),
    r('update', 'batch', 'cronjobs/status'),
    r('update', 'batch', 'cronjobs/finalizers'),
    r('delete,list,watch', '', 'pods'),
    EVENTS,
  ]),
  role(`${C}daemon-set-controller`, [
    r(R, 'apps,extensions', 'daemonsets'),
    r('update', 'apps,extensions', 'daemonsets/status'),
    r('update', 'apps,extensions', 'daemonsets/finalizers'),
    r('list,watch', '', 'nodes'),
    r('create,delete,list,patch,watch', '', 'pods'),
    r('create', '', 'pods/binding'),
    r('create,delete,get,list,patch,update,watch', 'apps', 'controllerrevisions'),
    EVENTS,
  ]),
  role(`${C}deployment-controller`, [
    r('get,list,update,watch', 'apps,extensions', 'deployments'),
    r('update', 'apps,extensions', 'deployments/status'),
    r('update', 'apps,extensions', 'deployments/finalizers'),
    r('create,delete,get,list,patch,update,watch', 'apps,extensions', 'replicasets'),
    r('get,list,update,watch', '', 'pods'),
    EVENTS,
  ]),
  role(`${C}device-taint-eviction-controller`, [
    r('delete,get,list,watch', '', 'pods'),
    r('patch,update', '', 'pods/status'),
    r(R, 'resource.k8s.io', 'resourceclaims'),
    r(R, 'resource.k8s.io', 'resourceslices'),
    r(R, 'resource.k8s.io', 'deviceclasses'),
    EVENTS,
  ]),
  role(`${C}disruption-controller`, [
    r(R, 'apps,extensions', 'deployments'),
    r(R, 'apps,extensions', 'replicasets'),
    r(R, '', 'replicationcontrollers'),
    r(R, 'policy', 'poddisruptionbudgets'),
    r(R, 'apps', 'statefulsets'),
    r('update', 'policy', 'poddisruptionbudgets/status'),
    r('patch,update', '', 'pods/status'),
    r('get', '*', '*/scale'),
    EVENTS,
  ]),
  role(`${C}endpoint-controller`, [
    r(R, '', 'pods,services'),
    r('create,delete,get,list,update,watch', '', 'endpoints'),
    r('create', '', 'endpoints/restricted'),
    EVENTS,
  ]),
  role(`${C}endpointslice-controller`, [
    r(R, '', 'nodes,pods,services'),
    r('update', '', 'services/finalizers'),
    r('create,delete,get,list,update,watch', 'discovery.k8s.io', 'endpointslices'),
    EVENTS,
  ]),
  role(`${C}endpointslicemirroring-controller`, [
    r(R, '', 'endpoints,services'),
    r('update', '', 'services/finalizers'),
    r('update', '', 'endpoints/finalizers'),
    r('create,delete,get,list,update,watch', 'discovery.k8s.io', 'endpointslices'),
    EVENTS,
  ]),
  role(`${C}ephemeral-volume-controller`, [
    r(R, '', 'pods'),
    r('update', '', 'pods/finalizers'),
    r('create,get,list,watch', '', 'persistentvolumeclaims'),
    EVENTS,
  ]),
  role(`${C}expand-controller`, [
    r('get,list,patch,update,watch', '', 'persistentvolumes'),
    r('patch,update', '', 'persistentvolumeclaims/status'),
    r(R, '', 'persistentvolumeclaims'),
    EVENTS,
  ]),
  role(`${C}generic-garbage-collector`, [r('delete,get,list,patch,update,watch', '*', '*'), EVENTS]),
  role(`${C}horizontal-pod-autoscaler`, [
    r(R, 'autoscaling', 'horizontalpodautoscalers'),
    r('update', 'autoscaling', 'horizontalpodautoscalers/status'),
    r('get,update', '*', '*/scale'),
    r('list,watch', '', 'pods'),
    r('list,watch', 'metrics.k8s.io', 'pods'),
    r(R, 'custom.metrics.k8s.io', '*'),
    r(R, 'external.metrics.k8s.io', '*'),
    EVENTS,
  ]),
  role(`${C}job-controller`, [
    r('get,list,patch,update,watch', 'batch', 'jobs'),
    r('update', 'batch', 'jobs/status'),
    r('update', 'batch', 'jobs/finalizers'),
    r('create,delete,list,patch,watch', '', 'pods'),
    EVENTS,
  ]),
  role(`${C}legacy-service-account-token-cleaner`, [
    r('get', '', 'configmaps', 'kube-apiserver-legacy-service-account-token-tracking'),
    r('delete,patch', '', 'secrets'),
  ]),
  role(`${C}namespace-controller`, [
    r('delete,get,list,watch', '', 'namespaces'),
    r('update', '', 'namespaces/finalize,namespaces/status'),
    r('delete,deletecollection,get,list,watch', '*', '*'),
  ]),
  role(`${C}node-controller`, [
    r('delete,get,list,patch,update,watch', '', 'nodes'),
    r('patch,update', '', 'nodes/status'),
    r('patch,update', '', 'pods/status'),
    r('delete,get,list,watch', '', 'pods'),
    EVENTS,
  ]),
  role(`${C}persistent-volume-binder`, [
    r('create,delete,get,list,update,watch', '', 'persistentvolumes'),
    r('update', '', 'persistentvolumes/status'),
    r('get,list,update,watch', '', 'persistentvolumeclaims'),
    r('update', '', 'persistentvolumeclaims/status'),
    r('create,delete,get,list,watch', '', 'pods'),
    r(R, 'storage.k8s.io', 'storageclasses'),
    r('list,watch', '', 'nodes'),
    EVENTS,
    r('watch', '', 'events'),
  ]),
  role(`${C}pod-garbage-collector`, [r('delete,list,watch', '', 'pods'), r(R, '', 'nodes'), r('patch', '', 'pods/status')]),
  role(`${C}pv-protection-controller`, [r('get,list,update,watch', '', 'persistentvolumes'), EVENTS]),
  role(`${C}pvc-protection-controller`, [
    r('get,list,update,watch', '', 'persistentvolumeclaims'),
    r('update', '', 'persistentvolumeclaims/status'),
    r(R, '', 'pods'),
    EVENTS,
  ]),
  role(`${C}replicaset-controller`, [
    r('get,list,update,watch', 'apps,extensions', 'replicasets'),
    r('update', 'apps,extensions', 'replicasets/status'),
    r('update', 'apps,extensions', 'replicasets/finalizers'),
    r('create,delete,list,patch,watch', '', 'pods'),
    EVENTS,
  ]),
  role(`${C}replication-controller`, [
    r('get,list,update,watch', '', 'replicationcontrollers'),
    r('update', '', 'replicationcontrollers/status'),
    r('update', '', 'replicationcontrollers/finalizers'),
    r('create,delete,list,patch,watch', '', 'pods'),
    EVENTS,
  ]),
  role(`${C}resource-claim-controller`, [
    r(R, '', 'pods'),
    r('update', '', 'pods/finalizers'),
    r('create,delete,get,list,watch', 'resource.k8s.io', 'resourceclaims'),
    r('patch,update', 'resource.k8s.io', 'resourceclaims,resourceclaims/status'),
    r('patch,update', '', 'pods/status'),
    EVENTS,
    r('patch,update', 'resource.k8s.io', 'resourceclaims/binding'),
  ]),
  role(`${C}resourcequota-controller`, [r('list,watch', '*', '*'), r('update', '', 'resourcequotas/status'), EVENTS]),
  role(`${C}root-ca-cert-publisher`, [r('create,update', '', 'configmaps'), EVENTS]),
  role(`${C}route-controller`, [r('list,watch', '', 'nodes'), r('patch', '', 'nodes/status'), EVENTS]),
  role(`${C}selinux-warning-controller`, [
    EVENTS,
    r(R, '', 'persistentvolumes'),
    r(R, '', 'persistentvolumeclaims'),
    r(R, '', 'pods'),
    r(R, 'storage.k8s.io', 'csidrivers'),
  ]),
  role(`${C}service-account-controller`, [r('create', '', 'serviceaccounts'), EVENTS]),
  role(`${C}service-cidrs-controller`, [
    r('get,list,patch,update,watch', 'networking.k8s.io', 'servicecidrs'),
    r('patch,update', 'networking.k8s.io', 'servicecidrs/finalizers'),
    r('patch,update', 'networking.k8s.io', 'servicecidrs/status'),
    r(R, 'networking.k8s.io', 'ipaddresses'),
    EVENTS,
  ]),
  role(`${C}service-controller`, [
    r(R, '', 'services'),
    r('patch,update', '', 'services/status'),
    r('list,watch', '', 'nodes'),
    EVENTS,
  ]),
  role(`${C}statefulset-controller`, [
    r('list,watch', '', 'pods'),
    r(R, 'apps', 'statefulsets'),
    r('update', 'apps', 'statefulsets/status'),
    r('update', 'apps', 'statefulsets/finalizers'),
    r('create,delete,get,patch,update', '', 'pods'),
    r('create,delete,get,list,patch,update,watch', 'apps', 'controllerrevisions'),
    r('create,get,list,watch', '', 'persistentvolumeclaims'),
    r('delete,update', '', 'persistentvolumeclaims'),
    r('update', '', 'pods/finalizers'),
    EVENTS,
  ]),
  role(`${C}ttl-after-finished-controller`, [r('delete,get,list,watch', 'batch', 'jobs'), EVENTS]),
  role(`${C}ttl-controller`, [r('list,patch,update,watch', '', 'nodes'), EVENTS]),
  role(`${C}validatingadmissionpolicy-status-controller`, [
    r(R, 'admissionregistration.k8s.io', 'validatingadmissionpolicies'),
    r('get,patch,update', 'admissionregistration.k8s.io', 'validatingadmissionpolicies/status'),
    EVENTS,
  ]),
  role(`${C}volumeattributesclass-protection-controller`, [
    r(R, '', 'persistentvolumeclaims'),
    r(R, '', 'persistentvolumes'),
    r('get,list,update,watch', 'storage.k8s.io', 'volumeattributesclasses'),
    EVENTS,
  ]),
];

function group(name: string): BootstrapSubject {
  return { kind: 'Group', name };
}

function user(name: string): BootstrapSubject {
  return { kind: 'User', name };
}

const DEFAULT_BINDINGS: readonly BootstrapClusterRoleBinding[] = [
  { name: 'cluster-admin', roleName: 'cluster-admin', subjects: [group('system:masters')] },
  { name: 'system:basic-user', roleName: 'system:basic-user', subjects: [group('system:authenticated')] },
  { name: 'system:discovery', roleName: 'system:discovery', subjects: [group('system:authenticated')] },
  { name: 'system:public-info-viewer', roleName: 'system:public-info-viewer', subjects: [group('system:authenticated'), group('system:unauthenticated')] },
  { name: 'system:monitoring', roleName: 'system:monitoring', subjects: [group('system:monitoring')] },
  { name: 'system:service-account-issuer-discovery', roleName: 'system:service-account-issuer-discovery', subjects: [group('system:serviceaccounts')] },
  { name: 'system:kube-controller-manager', roleName: 'system:kube-controller-manager', subjects: [user('system:kube-controller-manager')] },
  { name: 'system:kube-scheduler', roleName: 'system:kube-scheduler', subjects: [user('system:kube-scheduler')] },
  { name: 'system:volume-scheduler', roleName: 'system:volume-scheduler', subjects: [user('system:kube-scheduler')] },
  { name: 'system:node-proxier', roleName: 'system:node-proxier', subjects: [user('system:kube-proxy')] },
  { name: 'system:kube-dns', roleName: 'system:kube-dns', subjects: [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }] },
  { name: 'system:node', roleName: 'system:node', subjects: [] },
  ...CONTROLLER_ROLES.map((role) => ({
    name: role.name,
    roleName: role.name,
    subjects: [{ kind: 'ServiceAccount' as const, name: role.name.slice(C.length), namespace: 'kube-system' }],
  })),
];

const ALL_ROLES: readonly BootstrapClusterRole[] = [...CLUSTER_ROLES, ...CONTROLLER_ROLES];

/** The built-in ClusterRoles of a Kubernetes version (one snapshot for every supported version). */
export function bootstrapClusterRoles(_kubernetesVersion: string): readonly BootstrapClusterRole[] {
  return ALL_ROLES;
}

/** The ClusterRoleBindings every cluster starts with. */
export function bootstrapClusterRoleBindings(_kubernetesVersion: string): readonly BootstrapClusterRoleBinding[] {
  return DEFAULT_BINDINGS;
}
