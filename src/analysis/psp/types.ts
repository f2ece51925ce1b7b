/**
 * Vocabulary of PodSecurityPolicy evaluation: a policy read from a `policy/v1beta1`
 * PodSecurityPolicy (or kubevet's own `kubevet.dev/v1alpha1` kind with the same spec), and what
 * admission says about a pod.
 */
import type { FieldPath } from '../../model/path';

/** An inclusive range of user, group or port numbers. */
export interface IdRange {
  readonly min: number;
  readonly max: number;
}

/** A `rule` with its `ranges` (runAsUser, runAsGroup, fsGroup, supplementalGroups). */
export interface IdStrategy {
  /** As written (unvalidated input may hold anything: an unknown rule makes the policy unusable). */
  readonly rule: string;
  readonly ranges: readonly IdRange[];
}

export interface SeLinuxOptions {
  readonly user: string;
  readonly role: string;
  readonly type: string;
  readonly level: string;
}

/**
 * Allowed and default profiles from the seccomp or AppArmor annotations of a policy
 * (`…/allowedProfileNames`, `…/defaultProfileName`).
 */
export interface ProfilePolicy {
  /** `''` when the policy sets no default. */
  readonly defaultProfile: string;
  /** Undefined when the annotation is absent (seccomp: nothing may be set; AppArmor: anything goes). */
  readonly allowed: ReadonlySet<string> | undefined;
  /** The wildcard `*` is in the list (seccomp only). */
  readonly allowAny: boolean;
  /** The annotation as written, for messages. */
  readonly allowedText: string;
}

export interface AllowedHostPath {
  readonly pathPrefix: string;
  readonly readOnly: boolean;
}

/** A policy with every field read and PodSecurityPolicy's defaults applied. */
export interface Psp {
  readonly name: string;
  readonly privileged: boolean;
  readonly defaultAddCapabilities: readonly string[];
  readonly requiredDropCapabilities: readonly string[];
  readonly allowedCapabilities: readonly string[];
  readonly volumes: readonly string[];
  readonly hostNetwork: boolean;
  readonly hostPorts: readonly IdRange[];
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly seLinux: { readonly rule: string; readonly options: SeLinuxOptions | undefined };
  readonly runAsUser: IdStrategy;
  /** Undefined when the policy leaves runAsGroup out (any group). */
  readonly runAsGroup: IdStrategy | undefined;
  readonly supplementalGroups: IdStrategy;
  readonly fsGroup: IdStrategy;
  readonly readOnlyRootFilesystem: boolean;
  readonly defaultAllowPrivilegeEscalation: boolean | undefined;
  /** Defaults to true, as the API server defaulted it. */
  readonly allowPrivilegeEscalation: boolean;
  readonly allowedHostPaths: readonly AllowedHostPath[];
  readonly allowedFlexVolumes: readonly string[];
  readonly allowedCSIDrivers: readonly string[];
  readonly allowedUnsafeSysctls: readonly string[];
  readonly forbiddenSysctls: readonly string[];
  /** Empty means only `Default`. */
  readonly allowedProcMountTypes: readonly string[];
  readonly runtimeClass: { readonly allowed: readonly string[]; readonly defaultName: string | undefined } | undefined;
  readonly seccomp: ProfilePolicy;
  readonly appArmor: ProfilePolicy;
}

/** One reason a policy rejects a pod. */
export interface PspViolation {
  /** The policy field that rejects it, relative to the policy object (`['spec', 'privileged']`). */
  readonly policyField: FieldPath;
  /** Whether `path` is relative to the pod spec or to the pod metadata. */
  readonly scope: 'spec' | 'metadata';
  /** The field to change (it may be missing: then it is where the field belongs). */
  readonly path: FieldPath;
  /** The container concerned, for container-level violations. */
  readonly container?: string;
  /** In the words of the PodSecurityPolicy admission plugin, e.g. `Privileged containers are not allowed`. */
  readonly message: string;
}

/** What one policy says about one pod. */
export interface PolicyEvaluation {
  readonly policy: Psp;
  /** Empty when the policy admits the pod. */
  readonly violations: readonly PspViolation[];
  /** The policy's defaults changed the pod (admission prefers policies that change nothing). */
  readonly mutated: boolean;
  /** Set when the policy cannot admit anything (the API server refuses it, or a strategy needs missing settings). */
  readonly unusable?: string;
}

/** What PodSecurityPolicy admission decides for a pod. */
export interface Admission {
  /** The policy admission picks: non-mutating policies first, then by name. Undefined: rejected. */
  readonly admittedBy: PolicyEvaluation | undefined;
  /** Every policy's verdict, in the order admission tries them. */
  readonly evaluations: readonly PolicyEvaluation[];
}

/** A problem in a policy itself, with the field it is about (relative to the policy object). */
export interface PolicyProblem {
  readonly path: FieldPath;
  readonly message: string;
  /** `invalid`: refused by the API server or pointless; `unsafe`: allowed, but grants too much. */
  readonly kind: 'invalid' | 'unsafe';
  /** The policy cannot admit any pod while this problem is there. */
  readonly blocking: boolean;
}
