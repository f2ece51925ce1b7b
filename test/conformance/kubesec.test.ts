/** kubesec rule fixtures and scan fixtures (see docs/conformance.md). */
import { describePeerConformance } from './peers';

describePeerConformance('kubesec', { cases: 226, agreed: 124, disagreed: 48, intended: 48, noEquivalent: 54 }, (report) => {
  test('every scan fixture with a negative score is reported', () => {
    const negative = report().results.filter((r) => r.expected === 'score < 0');
    expect(negative.length).toBeGreaterThan(10);
    expect(negative.filter((r) => r.got !== 'fail')).toEqual([]);
  });
});
