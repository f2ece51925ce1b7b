/** Admission over several policies: any policy admits; the order admission tried them in. */
import { admitAll, pod, policyObject } from './helpers';

const privileged = pod({}, { securityContext: { privileged: true } });

describe('admit', () => {
  test('a pod is admitted when at least one policy admits it', () => {
    const result = admitAll([policyObject({}, { name: 'restricted' }), policyObject({ privileged: true }, { name: 'privileged' })], privileged);
    expect(result.admittedBy?.policy.name).toBe('privileged');
    expect(admitAll([policyObject({}, { name: 'a' }), policyObject({}, { name: 'b' })], privileged).admittedBy).toBeUndefined();
  });

  test('non-mutating policies are preferred, then names decide', () => {
    const mutating = policyObject({ privileged: true, runAsUser: { rule: 'MustRunAs', ranges: [{ min: 1000, max: 1000 }] } }, { name: 'a-mutating' });
    const plain = policyObject({ privileged: true }, { name: 'z-plain' });
    const result = admitAll([mutating, plain], privileged);
    expect(result.admittedBy?.policy.name).toBe('z-plain');
    expect(result.evaluations.map((e) => e.policy.name)).toEqual(['z-plain', 'a-mutating']);
    expect(admitAll([policyObject({ privileged: true }, { name: 'b' }), policyObject({ privileged: true }, { name: 'a' })], privileged).admittedBy?.policy.name).toBe('a');
    // Only mutating policies admit: the first by name.
    const m2 = policyObject({ privileged: true, fsGroup: { rule: 'MustRunAs', ranges: [{ min: 1, max: 2 }] } }, { name: 'b-mutating' });
    expect(admitAll([m2, mutating], privileged).admittedBy?.policy.name).toBe('a-mutating');
  });

  test('an invalid policy admits nothing, even a pod it would allow', () => {
    const broken = policyObject({ privileged: true, runAsUser: { rule: 'MustRunAs' } }, { name: 'broken' });
    const result = admitAll([broken], privileged);
    expect(result.admittedBy).toBeUndefined();
    expect(result.evaluations[0].unusable).toBe('runAsUser MustRunAs requires at least one range');
    expect(admitAll([broken, policyObject({ privileged: true }, { name: 'ok' })], privileged).admittedBy?.policy.name).toBe('ok');
  });

  test('no policies: nothing admits (the rules do nothing without policies)', () => {
    expect(admitAll([], pod())).toEqual({ admittedBy: undefined, evaluations: [] });
  });
});
