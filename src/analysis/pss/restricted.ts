/**
 * The restricted checks of Pod Security Admission (`policy/check_*.go`). Restricted is every
 * baseline check, minus the ones a restricted check overrides, plus these.
 */
import { recordAt, valueAt } from '../security-context';
import { addDetail, explicitSeccompFindings, forbiddenAdds, procMountStrict, volumesOf } from './baseline';
import { containerFinding, containerLabel, podFinding } from './helpers';
import type { CheckDefinition, CheckFn, Finding } from './types';

const SC = 'securityContext';

/** From policy 1.25, checks of Linux-only fields skip pods with `spec.os.name: windows`. */
function exceptWindows(check: CheckFn): CheckFn {
  return (pod) => (pod.windows ? [] : check(pod));
}

/** From policy 1.35, the user checks skip pods in a user namespace (`hostUsers: false`). */
function exceptUserNamespace(check: CheckFn): CheckFn {
  return (pod) => (pod.userNamespace ? [] : check(pod));
}

// restrictedVolumes (1.0; overrides hostPathVolumes) -----------------------------------------

const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/**
 * A volume with no source is defaulted to `emptyDir` by the API server before admission, and
 * keys the API does not know are dropped when it decodes: neither is a restricted type.
 */
const restrictedVolumes: CheckFn = (pod) =>
  volumesOf(pod).flatMap(({ volume, index, name }) => {
    if (ALLOWED_VOLUME_SOURCES.some((key) => valueAt(volume, key) !== undefined)) return [];
    const type = RESTRICTED_VOLUME_SOURCES.find((key) => valueAt(volume, key) !== undefined);
    if (type === undefined) return [];
    return [podFinding('restricted volume types', `volume "${name}" uses restricted volume type "${type}"`, ['volumes', index, type])];
  });

// allowPrivilegeEscalation (1.8; windows pods skipped from 1.25) -----------------------------

const allowPrivilegeEscalation: CheckFn = (pod) =>
  pod.containers
    .filter((entry) => entry.effective.allowPrivilegeEscalation?.value !== false)
    .map((entry) =>
      containerFinding(entry, 'allowPrivilegeEscalation != false', `${containerLabel(entry)} must set securityContext.allowPrivilegeEscalation=false`, [
        ...entry.path,
        SC,
        'allowPrivilegeEscalation',
      ]),
    );

// runAsNonRoot (1.0; user-namespace pods skipped from 1.35) ----------------------------------

/**
 * The pod-level value is reported once, at the pod. A container is flagged for its own value,
 * or for having none when the pod has none either (never for what the pod sets).
 */
const runAsNonRoot: CheckFn = (pod) => {
  const reason = 'runAsNonRoot != true';
  const out: Finding[] = [];
  const podValue = valueAt(pod.podSecurityContext, 'runAsNonRoot');
  if (podValue !== undefined && podValue !== true) out.push(podFinding(reason, 'pod must not set securityContext.runAsNonRoot=false', [SC, 'runAsNonRoot']));
  for (const entry of pod.containers) {
    const setting = entry.effective.runAsNonRoot;
    const path = [...entry.path, SC, 'runAsNonRoot'];
    if (setting === undefined) out.push(containerFinding(entry, reason, `pod or ${containerLabel(entry)} must set securityContext.runAsNonRoot=true`, path));
    else if (setting.source === 'container' && setting.value !== true) out.push(containerFinding(entry, reason, `${containerLabel(entry)} must not set securityContext.runAsNonRoot=false`, path));
  }
  return out;
};

// runAsUser (1.23; user-namespace pods skipped from 1.35) ------------------------------------

const runAsUser: CheckFn = (pod) => {
  const out: Finding[] = [];
  if (valueAt(pod.podSecurityContext, 'runAsUser') === 0) out.push(podFinding('runAsUser=0', 'pod must not set runAsUser=0', [SC, 'runAsUser']));
  for (const entry of pod.containers) {
    if (valueAt(recordAt(entry.container, SC), 'runAsUser') === 0) {
      out.push(containerFinding(entry, 'runAsUser=0', `${containerLabel(entry)} must not set runAsUser=0`, [...entry.path, SC, 'runAsUser']));
    }
  }
  return out;
};

// seccompProfile_restricted (1.19; windows pods skipped from 1.25; overrides the baseline one) -

const seccompProfileRestricted: CheckFn = (pod) => {
  const missing = pod.containers
    .filter((entry) => entry.effective.seccompProfile === undefined)
    .map((entry) =>
      containerFinding(entry, 'seccompProfile', `pod or ${containerLabel(entry)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`, [
        ...entry.path,
        SC,
        'seccompProfile',
      ]),
    );
  return [...explicitSeccompFindings(pod), ...missing];
};

// capabilities_restricted (1.22; windows pods skipped from 1.25; overrides the baseline one) ---

const capabilitiesRestricted: CheckFn = (pod) => {
  const out: Finding[] = [];
  for (const entry of pod.containers) {
    const capabilities = recordAt(recordAt(entry.container, SC), 'capabilities');
    const drop = valueAt(capabilities, 'drop');
    const dropsAll = Array.isArray(drop) && drop.includes('ALL');
    const bad = forbiddenAdds(entry, (c) => c === 'NET_BIND_SERVICE');
    if (dropsAll && bad === undefined) continue;
    const details = [
      ...(dropsAll ? [] : [`${containerLabel(entry)} must set securityContext.capabilities.drop=["ALL"]`]),
      ...(bad === undefined ? [] : [addDetail(entry, bad.names)]),
    ];
    const path = dropsAll && bad !== undefined ? bad.first : [...entry.path, SC, 'capabilities', 'drop'];
    out.push(containerFinding(entry, 'unrestricted capabilities', details.join('; '), path));
  }
  return out;
};

// The registry -------------------------------------------------------------------------------

export const RESTRICTED_CHECKS: readonly CheckDefinition[] = [
  { id: 'restrictedVolumes', level: 'restricted', versions: [{ minimum: 0, check: restrictedVolumes, overrides: ['hostPathVolumes'] }] },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [
      { minimum: 8, check: allowPrivilegeEscalation },
      { minimum: 25, check: exceptWindows(allowPrivilegeEscalation) },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [
      { minimum: 0, check: runAsNonRoot },
      { minimum: 35, check: exceptUserNamespace(runAsNonRoot) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    versions: [
      { minimum: 23, check: runAsUser },
      { minimum: 35, check: exceptUserNamespace(runAsUser) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [
      { minimum: 19, check: seccompProfileRestricted, overrides: ['seccompProfile_baseline'] },
      { minimum: 25, check: exceptWindows(seccompProfileRestricted), overrides: ['seccompProfile_baseline'] },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [
      { minimum: 22, check: capabilitiesRestricted, overrides: ['capabilities_baseline'] },
      { minimum: 25, check: exceptWindows(capabilitiesRestricted), overrides: ['capabilities_baseline'] },
    ],
  },
  { id: 'procMount_restricted', level: 'restricted', versions: [{ minimum: 35, check: procMountStrict, overrides: ['procMount'] }] },
];
