/** kube-linter e2e fixtures, compared per object (see docs/conformance.md). */
import { objectExpectations } from '../../scripts/conformance/kube-linter';
import { describePeerConformance } from './peers';

describePeerConformance('kube-linter', { cases: 256, agreed: 175, disagreed: 30, intended: 30, noEquivalent: 51 });

describe('placing kube-linter reports on objects', () => {
  const objects = [
    { kind: 'Deployment', name: 'dont-fire' },
    { kind: 'Service', name: 'dont-fire' },
    { kind: 'Deployment', name: 'app1' },
    { kind: 'Service', name: 'app1' },
    { kind: 'Service', name: 'app2' },
  ];

  test('reports go to the next object of their kind, never to a dont-fire object; unreported ones pass when the list is complete', () => {
    const reports = [0, 1].map((index) => ({ index, check: 'dangling-service', object: { kind: 'Service' } }));
    expect(objectExpectations(objects, reports, true)).toEqual([
      { index: 1, kind: 'Service', name: 'dont-fire', expected: 'pass' },
      { index: 3, kind: 'Service', name: 'app1', expected: 'fail' },
      { index: 4, kind: 'Service', name: 'app2', expected: 'fail' },
    ]);
  });

  test('several reports on one object stay on it; with an incomplete list only dont-fire objects are known to pass', () => {
    const reports = [0, 1, 2].map((index) => ({ index, check: 'liveness-port', object: { kind: 'Deployment' } }));
    expect(objectExpectations(objects.slice(0, 3), reports, false)).toEqual([
      { index: 0, kind: 'Deployment', name: 'dont-fire', expected: 'pass' },
      { index: 2, kind: 'Deployment', name: 'app1', expected: 'fail' },
    ]);
  });

  test('a placement from the fixture overrides the kind-based guess', () => {
    const reports = [{ index: 0, check: 'x', object: { kind: 'Service' } }];
    expect(objectExpectations(objects, reports, true, { 0: 4 }).filter((e) => e.expected === 'fail')).toEqual([{ index: 4, kind: 'Service', name: 'app2', expected: 'fail' }]);
  });
});
