/**
 * PodSecurityPolicy admission over several policies: a pod is admitted when one policy admits
 * it. Admission tried the policies that admit the pod without changing it first, then the others,
 * each group by name, and kept the first that admitted it.
 */
import { evaluatePolicy, type PodInput } from './evaluate';
import type { Admission, PolicyEvaluation, Psp } from './types';

/** A policy ready for admission: unusable when it is invalid (the reason says why). */
export interface AdmissionPolicy {
  readonly policy: Psp;
  readonly unusable?: string;
}

function byName(a: PolicyEvaluation, b: PolicyEvaluation): number {
  return a.policy.name < b.policy.name ? -1 : a.policy.name > b.policy.name ? 1 : 0;
}

/** Every policy's verdict on the pod, and the one admission picks (if any). */
export function admit(policies: readonly AdmissionPolicy[], pod: PodInput): Admission {
  const evaluations = policies.map(({ policy, unusable }): PolicyEvaluation =>
    unusable === undefined ? evaluatePolicy(policy, pod) : { policy, violations: [], mutated: false, unusable },
  );
  const admitting = evaluations.filter((e) => e.unusable === undefined && e.violations.length === 0);
  const order = (e: PolicyEvaluation): number => (e.mutated ? 1 : 0);
  const tried = [...evaluations].sort((a, b) => order(a) - order(b) || byName(a, b));
  const admittedBy = [...admitting].sort((a, b) => order(a) - order(b) || byName(a, b))[0];
  return { admittedBy, evaluations: tried };
}
