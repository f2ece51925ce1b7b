/** kube-score test data graded per check (see docs/conformance.md). */
import { verdictOf } from '../../scripts/conformance/kube-score';
import { describePeerConformance } from './peers';

describePeerConformance('kube-score', { cases: 196, agreed: 134, disagreed: 30, intended: 30, noEquivalent: 32 });

describe('reading kube-score grades', () => {
  const expectation = (expected: string, checkId = 'pod-probes', runConfig: Record<string, string> = {}, enabledOptionalChecks?: string[]) => ({ checkId, expected, runConfig, enabledOptionalChecks });

  test.each([
    ['critical(1)', 'fail'],
    ['warning(5)', 'fail'],
    ['allOK(10)', 'pass'],
    ['zero(0)', 'pass'],
    ['skipped', 'pass'],
  ])('%s is %s', (grade, verdict) => {
    expect(verdictOf(expectation(grade))).toBe(verdict);
  });

  test('expectations about kube-score itself are no verdict: ran, an optional check left off, its own ignore annotation', () => {
    expect(verdictOf(expectation('ran (skip state not asserted)'))).toBeUndefined();
    expect(verdictOf(expectation('not skipped'))).toBeUndefined();
    expect(verdictOf(expectation('skipped', 'container-seccomp-profile'))).toBeUndefined();
    expect(verdictOf(expectation('skipped', 'container-seccomp-profile', {}, ['container-seccomp-profile']))).toBe('pass');
    expect(verdictOf(expectation('skipped', 'container-image-tag', { UseIgnoreChecksAnnotation: 'true' }))).toBeUndefined();
  });
});
