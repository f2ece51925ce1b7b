/** Policies and pods as plain objects for the PodSecurityPolicy unit tests. */
import { admit, evaluatePolicy, invalidPolicyProblems, readPolicy, type PodInput, type PolicyEvaluation, type PspViolation } from '../../../src/analysis/psp';
import { formatPath } from '../../../src/model/path';

export type Json = Record<string, unknown>;

/** The most permissive valid spec: every strategy RunAsAny, nothing else set. */
export const OPEN_SPEC: Json = {
  seLinux: { rule: 'RunAsAny' },
  runAsUser: { rule: 'RunAsAny' },
  supplementalGroups: { rule: 'RunAsAny' },
  fsGroup: { rule: 'RunAsAny' },
  volumes: ['*'],
};

export function policyObject(spec: Json, options: { name?: string; annotations?: Record<string, string> } = {}): Json {
  return {
    apiVersion: 'policy/v1beta1',
    kind: 'PodSecurityPolicy',
    metadata: { name: options.name ?? 'test', ...(options.annotations === undefined ? {} : { annotations: options.annotations }) },
    spec: { ...OPEN_SPEC, ...spec },
  };
}

/** A pod with one container `app` (merged with `container`) and pod-level `spec` fields. */
export function pod(spec: Json = {}, container: Json = {}, annotations?: Record<string, string>): PodInput {
  return {
    spec: { containers: [{ name: 'app', image: 'nginx:1.27', ...container }], ...spec },
    metadata: annotations === undefined ? {} : { annotations },
  };
}

export function evaluate(spec: Json, input: PodInput, options: { annotations?: Record<string, string> } = {}): PolicyEvaluation {
  return evaluatePolicy(readPolicy(policyObject(spec, options)), input);
}

/** `path: message (policy field)` per violation, for compact assertions. */
export function violations(spec: Json, input: PodInput, options: { annotations?: Record<string, string> } = {}): string[] {
  return evaluate(spec, input, options).violations.map(describe);
}

export function describe(v: PspViolation): string {
  return `${v.scope === 'metadata' ? 'metadata.' : ''}${formatPath(v.path)}: ${v.message} [${formatPath(v.policyField)}]`;
}

export function admits(spec: Json, input: PodInput, options: { annotations?: Record<string, string> } = {}): boolean {
  return evaluate(spec, input, options).violations.length === 0;
}

/** Admission over several policy objects (invalid ones admit nothing, as in the rules). */
export function admitAll(objects: Json[], input: PodInput): ReturnType<typeof admit> {
  return admit(
    objects.map((o) => {
      const blocking = invalidPolicyProblems(o).find((p) => p.blocking);
      return { policy: readPolicy(o), ...(blocking === undefined ? {} : { unusable: blocking.message }) };
    }),
    input,
  );
}
