/** Vocabulary of the Pod Security Standards evaluation. */
import type { FieldPath } from '../../model/path';
import type { ContainerList } from '../../model/workload';
import type { ContainerEntry } from '../security-context';

export type Level = 'privileged' | 'baseline' | 'restricted';
export type CheckLevel = Exclude<Level, 'privileged'>;

/** Pod Security Admission check ids (`policy/check_*.go`). */
export type ControlId =
  | 'windowsHostProcess'
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'procMount'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'restrictedVolumes'
  | 'allowPrivilegeEscalation'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'procMount_restricted';

/** One violation: one control, for one container or one pod-level field. */
export interface PodSecurityViolation {
  readonly control: ControlId;
  /** The level the control belongs to. */
  readonly controlLevel: CheckLevel;
  /** The API server's reason, e.g. `allowPrivilegeEscalation != false`. */
  readonly reason: string;
  /** The API server's detail for this container or field, e.g. `container "app" must set …`. */
  readonly detail: string;
  /** Whether `path` is relative to the pod spec or to the pod metadata. */
  readonly scope: 'spec' | 'metadata';
  /** The field to change (it may be missing: then it is where the field belongs). */
  readonly path: FieldPath;
  /** The container concerned, for container-level findings. */
  readonly container?: { readonly list: ContainerList; readonly index: number; readonly name: string };
  /** What the finding is about (a container or a pod-level field), for de-duplication. */
  readonly subject: string;
  /** `violates PodSecurity "restricted:v1.36": reason (detail)`. */
  readonly message: string;
}

/** Everything a check looks at, computed once per pod. */
export interface PodFacts {
  readonly spec: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
  readonly podSecurityContext: Record<string, unknown> | undefined;
  readonly containers: readonly ContainerEntry[];
  /** `spec.hostUsers: false` (the pod runs in a user namespace). */
  readonly userNamespace: boolean;
  /** `spec.os.name: windows`. */
  readonly windows: boolean;
}

/** A violation before the policy label is known. */
export type Finding = Omit<PodSecurityViolation, 'message' | 'controlLevel' | 'control'>;

export type CheckFn = (pod: PodFacts) => Finding[];

export interface VersionedCheck {
  /** Minor of the first policy version (1.x) this implementation applies to. */
  readonly minimum: number;
  readonly check: CheckFn;
  /** Baseline checks this restricted check replaces at the restricted level. */
  readonly overrides?: readonly ControlId[];
}

export interface CheckDefinition {
  readonly id: ControlId;
  readonly level: CheckLevel;
  /** Ascending by `minimum`. */
  readonly versions: readonly VersionedCheck[];
}
