/** Every Pod Security control as a test case: a pod, and what each level reports for it. */
import { CONTAINER_LISTS, type ContainerList } from '../../../src/model/workload';
import { hardenedPod, type Json, type Summary } from './pods';

export interface ControlCase {
  name: string;
  /** Minor from which the control exists (within the supported versions). */
  since?: number;
  /** The pod for a container list (container cases) or for `containers` only. */
  pod: (list: ContainerList) => Json;
  metadata?: Json;
  /** Whether the case is run for each container list. */
  perList?: boolean;
  baseline: (list: ContainerList, minor: number) => Summary[];
  restricted: (list: ContainerList, minor: number) => Summary[];
}

const c = (list: ContainerList, rest: string): string => `${list}[0].${rest}`;
const same = (f: ControlCase['baseline']): ControlCase['restricted'] => f;

export const CASES: ControlCase[] = [
  {
    name: 'windowsHostProcess (container)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { windowsOptions: { hostProcess: true } } } }),
    baseline: (list) => [{ control: 'windowsHostProcess', path: c(list, 'securityContext.windowsOptions.hostProcess'), detail: 'container "app" must not set securityContext.windowsOptions.hostProcess=true' }],
    restricted: same((list) => [{ control: 'windowsHostProcess', path: c(list, 'securityContext.windowsOptions.hostProcess'), detail: 'container "app" must not set securityContext.windowsOptions.hostProcess=true' }]),
  },
  {
    name: 'windowsHostProcess (pod)',
    pod: () => hardenedPod({ pod: { securityContext: { windowsOptions: { hostProcess: true } } } }),
    baseline: () => [{ control: 'windowsHostProcess', path: 'securityContext.windowsOptions.hostProcess', detail: 'pod must not set securityContext.windowsOptions.hostProcess=true' }],
    restricted: () => [{ control: 'windowsHostProcess', path: 'securityContext.windowsOptions.hostProcess', detail: 'pod must not set securityContext.windowsOptions.hostProcess=true' }],
  },
  {
    name: 'hostNamespaces',
    pod: () => hardenedPod({ pod: { hostNetwork: true, hostPID: true, hostIPC: true } }),
    baseline: () => ['hostNetwork', 'hostPID', 'hostIPC'].map((k) => ({ control: 'hostNamespaces', path: k, detail: `${k}=true` })),
    restricted: () => ['hostNetwork', 'hostPID', 'hostIPC'].map((k) => ({ control: 'hostNamespaces', path: k, detail: `${k}=true` })),
  },
  {
    name: 'privileged',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { privileged: true } } }),
    baseline: (list) => [{ control: 'privileged', path: c(list, 'securityContext.privileged'), detail: 'container "app" must not set securityContext.privileged=true' }],
    restricted: (list) => [{ control: 'privileged', path: c(list, 'securityContext.privileged'), detail: 'container "app" must not set securityContext.privileged=true' }],
  },
  {
    name: 'capabilities_baseline (restricted: capabilities_restricted replaces it)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { capabilities: { add: ['NET_BIND_SERVICE', 'SYS_ADMIN', 'NET_RAW', 'CHOWN'] } } } }),
    baseline: (list) => [{ control: 'capabilities_baseline', path: c(list, 'securityContext.capabilities.add[1]'), detail: 'container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add' }],
    restricted: (list) => [
      { control: 'capabilities_restricted', path: c(list, 'securityContext.capabilities.add[1]'), detail: 'container "app" must not include "CHOWN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add' },
    ],
  },
  {
    name: 'hostPathVolumes (restricted: restrictedVolumes replaces it)',
    pod: () => hardenedPod({ pod: { volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, { name: 'host', hostPath: { path: '/' } }] } }),
    baseline: () => [{ control: 'hostPathVolumes', path: 'volumes[1].hostPath', detail: 'volume "host"' }],
    restricted: () => [{ control: 'restrictedVolumes', path: 'volumes[1].hostPath', detail: 'volume "host" uses restricted volume type "hostPath"' }],
  },
  {
    name: 'hostPorts',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { ports: [{ containerPort: 80 }, { containerPort: 8080, hostPort: 8080 }, { containerPort: 443, hostPort: 443 }, { containerPort: 9, hostPort: 0 }] } }),
    baseline: (list) => [{ control: 'hostPorts', path: c(list, 'ports[1].hostPort'), detail: 'container "app" uses hostPorts 443, 8080' }],
    restricted: (list) => [{ control: 'hostPorts', path: c(list, 'ports[1].hostPort'), detail: 'container "app" uses hostPorts 443, 8080' }],
  },
  {
    name: 'hostProbesAndHostLifecycle (from 1.34)',
    since: 34,
    perList: true,
    pod: (list) =>
      hardenedPod({
        list,
        container: {
          livenessProbe: { httpGet: { port: 8080, host: '' } },
          readinessProbe: { httpGet: { port: 8080, host: '169.254.169.254' } },
          lifecycle: { preStop: { tcpSocket: { port: 80, host: 'metadata.google.internal' } } },
        },
      }),
    baseline: (list) => [
      { control: 'hostProbesAndHostLifecycle', path: c(list, 'readinessProbe.httpGet.host'), detail: 'container "app" uses probe or lifecycle hosts "169.254.169.254", "metadata.google.internal"' },
    ],
    restricted: (list) => [
      { control: 'hostProbesAndHostLifecycle', path: c(list, 'readinessProbe.httpGet.host'), detail: 'container "app" uses probe or lifecycle hosts "169.254.169.254", "metadata.google.internal"' },
    ],
  },
  {
    name: 'hostProbesAndHostLifecycle in lifecycle hooks only',
    since: 34,
    perList: true,
    pod: (list) => hardenedPod({ list, container: { lifecycle: { postStart: { httpGet: { port: 80, host: 'evil.example' } } } } }),
    baseline: (list) => [{ control: 'hostProbesAndHostLifecycle', path: c(list, 'lifecycle.postStart.httpGet.host'), detail: 'container "app" uses probe or lifecycle host "evil.example"' }],
    restricted: (list) => [{ control: 'hostProbesAndHostLifecycle', path: c(list, 'lifecycle.postStart.httpGet.host'), detail: 'container "app" uses probe or lifecycle host "evil.example"' }],
  },
  {
    name: 'appArmorProfile (container field)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { appArmorProfile: { type: 'Unconfined' } } } }),
    baseline: (list) => [{ control: 'appArmorProfile', path: c(list, 'securityContext.appArmorProfile.type'), detail: 'container "app" must not set AppArmor profile type to "Unconfined"' }],
    restricted: (list) => [{ control: 'appArmorProfile', path: c(list, 'securityContext.appArmorProfile.type'), detail: 'container "app" must not set AppArmor profile type to "Unconfined"' }],
  },
  {
    name: 'appArmorProfile (pod field and annotation)',
    pod: () => hardenedPod({ pod: { securityContext: { appArmorProfile: { type: 'Unconfined' } } } }),
    metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/ok': 'localhost/p' } },
    baseline: () => [
      { control: 'appArmorProfile', path: 'securityContext.appArmorProfile.type', detail: 'pod must not set AppArmor profile type to "Unconfined"' },
      {
        control: 'appArmorProfile',
        path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
        detail: 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
      },
    ],
    restricted: () => [
      { control: 'appArmorProfile', path: 'securityContext.appArmorProfile.type', detail: 'pod must not set AppArmor profile type to "Unconfined"' },
      {
        control: 'appArmorProfile',
        path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
        detail: 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
      },
    ],
  },
  {
    name: 'seLinuxOptions (container)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u', level: 's0' } } } }),
    baseline: (list) => [{ control: 'seLinuxOptions', path: c(list, 'securityContext.seLinuxOptions.type'), detail: 'container "app" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set' }],
    restricted: (list) => [{ control: 'seLinuxOptions', path: c(list, 'securityContext.seLinuxOptions.type'), detail: 'container "app" set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set' }],
  },
  {
    name: 'seLinuxOptions (pod role)',
    pod: () => hardenedPod({ pod: { securityContext: { seLinuxOptions: { type: 'container_engine_t', role: 'sysadm_r' } } } }),
    baseline: () => [{ control: 'seLinuxOptions', path: 'securityContext.seLinuxOptions.role', detail: 'pod set forbidden securityContext.seLinuxOptions: role may not be set' }],
    restricted: () => [{ control: 'seLinuxOptions', path: 'securityContext.seLinuxOptions.role', detail: 'pod set forbidden securityContext.seLinuxOptions: role may not be set' }],
  },
  {
    name: 'procMount (restricted from 1.35: procMount_restricted replaces it)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { procMount: 'Unmasked' } } }),
    baseline: (list) => [{ control: 'procMount', path: c(list, 'securityContext.procMount'), detail: 'container "app" must not set securityContext.procMount to "Unmasked"' }],
    restricted: (list, minor) => [
      { control: minor >= 35 ? 'procMount_restricted' : 'procMount', path: c(list, 'securityContext.procMount'), detail: 'container "app" must not set securityContext.procMount to "Unmasked"' },
    ],
  },
  {
    name: 'seccompProfile_baseline (restricted: seccompProfile_restricted replaces it)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
    baseline: (list) => [{ control: 'seccompProfile_baseline', path: c(list, 'securityContext.seccompProfile.type'), detail: 'container "app" must not set securityContext.seccompProfile.type to "Unconfined"' }],
    restricted: (list) => [{ control: 'seccompProfile_restricted', path: c(list, 'securityContext.seccompProfile.type'), detail: 'container "app" must not set securityContext.seccompProfile.type to "Unconfined"' }],
  },
  {
    name: 'sysctls',
    pod: () => hardenedPod({ pod: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }, { name: 'kernel.msgmax', value: '65536' }] } } }),
    baseline: () => [{ control: 'sysctls', path: 'securityContext.sysctls[1].name', detail: 'kernel.msgmax' }],
    restricted: () => [{ control: 'sysctls', path: 'securityContext.sysctls[1].name', detail: 'kernel.msgmax' }],
  },
  {
    name: 'restrictedVolumes (image and source-less volumes are allowed)',
    pod: () => hardenedPod({ pod: { volumes: [{ name: 'plain' }, { name: 'model', image: { reference: 'registry.example/model:1' } }, { name: 'share', nfs: { server: 'nfs', path: '/' } }] } }),
    baseline: () => [],
    restricted: () => [{ control: 'restrictedVolumes', path: 'volumes[2].nfs', detail: 'volume "share" uses restricted volume type "nfs"' }],
  },
  {
    name: 'allowPrivilegeEscalation (unset)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { allowPrivilegeEscalation: null } } }),
    baseline: () => [],
    restricted: (list) => [{ control: 'allowPrivilegeEscalation', path: c(list, 'securityContext.allowPrivilegeEscalation'), detail: 'container "app" must set securityContext.allowPrivilegeEscalation=false' }],
  },
  {
    name: 'allowPrivilegeEscalation (true)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { allowPrivilegeEscalation: true } } }),
    baseline: () => [],
    restricted: (list) => [{ control: 'allowPrivilegeEscalation', path: c(list, 'securityContext.allowPrivilegeEscalation'), detail: 'container "app" must set securityContext.allowPrivilegeEscalation=false' }],
  },
  {
    name: 'runAsNonRoot (container sets false although the pod sets true)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { runAsNonRoot: false } } }),
    baseline: () => [],
    restricted: (list) => [{ control: 'runAsNonRoot', path: c(list, 'securityContext.runAsNonRoot'), detail: 'container "app" must not set securityContext.runAsNonRoot=false' }],
  },
  {
    name: 'runAsNonRoot (set nowhere)',
    pod: () => hardenedPod({ pod: { securityContext: { runAsNonRoot: null } } }),
    baseline: () => [],
    restricted: () => [{ control: 'runAsNonRoot', path: 'containers[0].securityContext.runAsNonRoot', detail: 'pod or container "app" must set securityContext.runAsNonRoot=true' }],
  },
  {
    name: 'runAsNonRoot (pod sets false: reported once, at the pod)',
    pod: () => hardenedPod({ pod: { securityContext: { runAsNonRoot: false } } }),
    baseline: () => [],
    restricted: () => [{ control: 'runAsNonRoot', path: 'securityContext.runAsNonRoot', detail: 'pod must not set securityContext.runAsNonRoot=false' }],
  },
  {
    name: 'runAsUser=0 (pod and container)',
    perList: true,
    pod: (list) => hardenedPod({ list, pod: { securityContext: { runAsUser: 0 } }, container: { securityContext: { runAsUser: 0 } } }),
    baseline: () => [],
    restricted: (list) => [
      { control: 'runAsUser', path: 'securityContext.runAsUser', detail: 'pod must not set runAsUser=0' },
      { control: 'runAsUser', path: c(list, 'securityContext.runAsUser'), detail: 'container "app" must not set runAsUser=0' },
    ],
  },
  {
    name: 'seccompProfile_restricted (set nowhere)',
    pod: () => hardenedPod({ pod: { securityContext: { seccompProfile: null } } }),
    baseline: () => [],
    restricted: () => [{ control: 'seccompProfile_restricted', path: 'containers[0].securityContext.seccompProfile', detail: 'pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"' }],
  },
  {
    name: 'seccompProfile (pod Unconfined: reported once, at the pod)',
    pod: () => hardenedPod({ pod: { securityContext: { seccompProfile: { type: 'Unconfined' } } } }),
    baseline: () => [{ control: 'seccompProfile_baseline', path: 'securityContext.seccompProfile.type', detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' }],
    restricted: () => [{ control: 'seccompProfile_restricted', path: 'securityContext.seccompProfile.type', detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"' }],
  },
  {
    name: 'capabilities_restricted (ALL not dropped)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { capabilities: { drop: ['NET_RAW'], add: ['NET_BIND_SERVICE'] } } } }),
    baseline: () => [],
    restricted: (list) => [{ control: 'capabilities_restricted', path: c(list, 'securityContext.capabilities.drop'), detail: 'container "app" must set securityContext.capabilities.drop=["ALL"]' }],
  },
  {
    name: 'capabilities_restricted (ALL not dropped, SYS_ADMIN added)',
    perList: true,
    pod: (list) => hardenedPod({ list, container: { securityContext: { capabilities: { drop: null, add: ['SYS_ADMIN'] } } } }),
    baseline: (list) => [{ control: 'capabilities_baseline', path: c(list, 'securityContext.capabilities.add[0]'), detail: 'container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add' }],
    restricted: (list) => [
      {
        control: 'capabilities_restricted',
        path: c(list, 'securityContext.capabilities.drop'),
        detail: 'container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add',
      },
    ],
  },
];

/** The container lists a case runs for. */
export function runs(testCase: ControlCase): ContainerList[] {
  return testCase.perList === true ? [...CONTAINER_LISTS] : ['containers'];
}
