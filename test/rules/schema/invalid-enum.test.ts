import rule from '../../../rules/schema/invalid-enum';
import { findingsOf, testRule } from '../../helpers/rule-tester';

const job = (podSpecExtra: string, jobSpecExtra = ''): string => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
${jobSpecExtra}  template:
    spec:
${podSpecExtra}      containers: [{name: migrate, image: busybox:1.36}]
`;

testRule('schema/invalid-enum', {
  valid: [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  sessionAffinity: ClientIP\n  externalTrafficPolicy: Local\n  ipFamilyPolicy: PreferDualStack\n  ipFamilies: [IPv4, IPv6]\n  ports: [{port: 80, protocol: SCTP}]\n',
    job('      restartPolicy: Never\n'),
    job('      restartPolicy: OnFailure\n'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy: {type: Recreate}\n  template:\n    spec:\n      restartPolicy: Always\n      dnsPolicy: ClusterFirstWithHostNet\n      tolerations:\n        - {operator: Exists}\n        - {key: gpu, operator: Equal, value: "true", effect: NoSchedule}\n        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30}\n      securityContext:\n        seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}\n      initContainers:\n        - {name: proxy, image: envoy:1, restartPolicy: Always}\n      containers:\n        - name: web\n          image: nginx:1.27\n          imagePullPolicy: IfNotPresent\n          ports: [{containerPort: 80, protocol: UDP}]\n          livenessProbe: {httpGet: {path: /, port: 80, scheme: HTTPS}}\n',
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOncePod]\n  volumeMode: Block\n  selector:\n    matchExpressions: [{key: tier, operator: NotIn, values: [cold]}]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  restartPolicy: OnFailure\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions: [{key: cpus, operator: Gt, values: ["4"]}]\n  containers: [{name: web, image: nginx:1.27, imagePullPolicy: ""}]\n',
    // Go's zero value "" is defaulted like an absent field.
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ""\n  ports: [{port: 80, protocol: ""}]\n',
  ],
  invalid: [
    {
      name: 'Service type and protocol, with case-insensitive suggestions',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  sessionAffinity: sticky\n  ports: [{port: 80, protocol: tcp}]\n',
      errors: [
        { line: 6, column: 9, path: 'spec.type', message: 'type `Nodeport` is not one of ClusterIP, NodePort, LoadBalancer, ExternalName (values are case-sensitive); the API server rejects it: use `NodePort`' },
        { line: 7, path: 'spec.sessionAffinity', message: 'sessionAffinity `sticky` is not one of None, ClientIP; the API server rejects it: use one of None, ClientIP' },
        { line: 8, path: 'spec.ports[0].protocol', message: 'use `TCP`' },
      ],
    },
    {
      name: 'Job restartPolicy defaults to Always, which Jobs reject',
      code: job(''),
      errors: [{ line: 7, column: 5, path: 'spec.template.spec.restartPolicy', message: 'Job pods need restartPolicy OnFailure or Never, but restartPolicy is not set and defaults to Always' }],
    },
    { name: 'Job restartPolicy Always', code: job('      restartPolicy: Always\n'), errors: [{ line: 8, message: 'Job pods must not use restartPolicy Always' }] },
    { name: 'podFailurePolicy needs Never', code: job('      restartPolicy: OnFailure\n', '  podFailurePolicy:\n    rules: []\n'), errors: [{ line: 10, message: 'cannot be combined with podFailurePolicy' }] },
    {
      name: 'Deployment pods must restart Always; strategy Recreate takes no rollingUpdate',
      code: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  strategy:\n    type: Recreate\n    rollingUpdate: {maxSurge: 1}\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers: [{name: web, image: nginx:1.27}]\n',
      errors: [
        { line: 8, path: 'spec.strategy.rollingUpdate', message: 'strategy.rollingUpdate may not be set when the strategy type is Recreate' },
        { line: 11, path: 'spec.template.spec.restartPolicy', message: 'restartPolicy `OnFailure` is not allowed in a Deployment: it keeps its pods running, so only Always is accepted; the API server rejects it: remove restartPolicy (it defaults to Always)' },
      ],
    },
    {
      name: 'pod and container enums',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  dnsPolicy: clusterFirst\n  containers:\n    - name: web\n      image: nginx:1.27\n      imagePullPolicy: IfNotPresnt\n      terminationMessagePolicy: file\n      volumeMounts: [{name: a, mountPath: /a, mountPropagation: hostToContainer}]\n',
      errors: [
        { line: 6, path: 'spec.dnsPolicy', message: 'use `ClusterFirst`' },
        { line: 10, path: 'spec.containers[0].imagePullPolicy', message: 'imagePullPolicy `IfNotPresnt` is not one of Always, IfNotPresent, Never; the API server rejects it: use `IfNotPresent`' },
        { line: 11, path: 'spec.containers[0].terminationMessagePolicy', message: 'use `File`' },
        { line: 12, path: 'spec.containers[0].volumeMounts[0].mountPropagation', message: 'use `HostToContainer`' },
      ],
    },
    {
      name: 'seccomp Localhost without a profile, AppArmor profile with the wrong type, procMount Unmasked with host users',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile: {type: Localhost}\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile: {type: RuntimeDefault, localhostProfile: k8s-nginx}\n        procMount: Unmasked\n',
      errors: [
        { line: 7, path: 'spec.securityContext.seccompProfile.type', message: 'seccompProfile.type Localhost needs localhostProfile' },
        { line: 12, path: 'spec.containers[0].securityContext.appArmorProfile.localhostProfile', message: 'may only be set when type is Localhost' },
        { line: 13, path: 'spec.containers[0].securityContext.procMount', message: 'procMount Unmasked requires a user namespace' },
      ],
    },
    {
      name: 'tolerations',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  tolerations:\n    - {operator: Equal, value: x}\n    - {key: a, operator: Exists, value: "yes"}\n    - {key: b, effect: NoSchedule, tolerationSeconds: 60}\n    - {key: c, operator: exists, effect: noExecute}\n  containers: [{name: web, image: nginx:1.27}]\n',
      errors: [
        { line: 7, path: 'spec.tolerations[0].operator', message: 'a toleration without `key` matches every taint and needs operator Exists' },
        { line: 8, path: 'spec.tolerations[1].value', message: 'so `value` must be empty' },
        { line: 9, path: 'spec.tolerations[2].tolerationSeconds', message: 'tolerationSeconds only applies to effect NoExecute' },
        { line: 10, path: 'spec.tolerations[3].operator', message: 'use `Exists`' },
        { line: 10, path: 'spec.tolerations[3].effect', message: 'use `NoExecute`' },
      ],
    },
    {
      name: 'selector operators and values outside controller selectors',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions:\n              - {key: zone, operator: in, values: [a]}\n              - {key: cpus, operator: Gt, values: ["1", "2"]}\n    podAntiAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        - topologyKey: kubernetes.io/hostname\n          labelSelector:\n            matchExpressions: [{key: app, operator: Exists, values: [web]}]\n  containers: [{name: web, image: nginx:1.27}]\n',
      errors: [
        { line: 11, path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator', message: 'use `In`' },
        { line: 12, path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values', message: '`values` must hold exactly one value when `operator` is Gt' },
        { line: 17, path: 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values', message: '`values` must be empty when `operator` is Exists' },
      ],
    },
    {
      name: 'access modes, reclaim policy, Ingress pathType, NetworkPolicy policyTypes, CronJob concurrencyPolicy',
      code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  accessModes: [ReadWriteOnly]\n  persistentVolumeReclaimPolicy: retain\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths: [{path: /, pathType: prefix, backend: {service: {name: web, port: {number: 80}}}}]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [ingress]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  concurrencyPolicy: Skip\n',
      errors: [
        { line: 6, path: 'spec.accessModes[0]', message: 'use `ReadWriteOnce`' },
        { line: 7, path: 'spec.persistentVolumeReclaimPolicy', message: 'use `Retain`' },
        { line: 16, path: 'spec.rules[0].http.paths[0].pathType', message: 'use `Prefix`' },
        { line: 24, path: 'spec.policyTypes[0]', message: 'use `Ingress`' },
        { line: 31, path: 'spec.concurrencyPolicy', message: 'concurrencyPolicy `Skip` is not one of Allow, Forbid, Replace' },
      ],
    },
  ],
}, [rule]);

test('init container restartPolicy: Always only, until ContainerRestartRules (1.35) adds OnFailure and Never', () => {
  const code = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  initContainers: [{name: init, image: busybox:1.36, restartPolicy: Sometimes}]\n  containers: [{name: web, image: nginx:1.27}]\n';
  expect(findingsOf('schema/invalid-enum', code, 'm.yaml', [rule]).map((f) => f.message)).toEqual([expect.stringContaining('restartPolicy `Sometimes` is not one of Always, OnFailure, Never')]);
});

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/invalid-enum', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/invalid-enum', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
