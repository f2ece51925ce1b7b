/**
 * PodSecurityPolicy-style policies (`policy/v1beta1` PodSecurityPolicy, or kubevet's own
 * `kubevet.dev/v1alpha1` kind with the same spec): admission of pods and checks of the policies.
 */
import type { KubeObject } from '../../model/object';
import type { AdmissionPolicy } from './admit';
import { readPolicy } from './parse';
import type { PolicyProblem, Psp } from './types';
import { invalidPolicyProblems } from './validate';

export { admit, type AdmissionPolicy } from './admit';
export { evaluatePolicy, equalSeLinuxLevels, type PodInput } from './evaluate';
export { isPolicyObject, KUBEVET_POLICY_API_VERSION, POLICY_API_VERSIONS, POLICY_KIND, readPolicy } from './parse';
export { invalidPolicyProblems } from './validate';
export { unsafePolicyProblems } from './unsafe';
export type * from './types';

/** A policy object of the run, read once. */
export interface RunPolicy extends AdmissionPolicy {
  readonly object: KubeObject;
  readonly policy: Psp;
  readonly invalid: readonly PolicyProblem[];
}

const cache = new WeakMap<KubeObject, RunPolicy>();

/** The policy of an object (read and validated once per object). */
export function runPolicy(object: KubeObject): RunPolicy {
  let entry = cache.get(object);
  if (entry === undefined) {
    const invalid = invalidPolicyProblems(object.raw);
    const blocking = invalid.find((p) => p.blocking);
    entry = { object, policy: readPolicy(object.raw), invalid, ...(blocking === undefined ? {} : { unusable: blocking.message }) };
    cache.set(object, entry);
  }
  return entry;
}
