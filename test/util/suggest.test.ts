import fc from 'fast-check';
import { editDistance, suggest } from '../../src/util/suggest';

describe('did you mean', () => {
  const fields = ['readOnlyRootFilesystem', 'runAsNonRoot', 'runAsUser', 'runAsGroup', 'privileged', 'capabilities', 'allowPrivilegeEscalation', 'seccompProfile'];
  test.each([
    ['readyOnlyFilesystem', 'readOnlyRootFilesystem'],
    ['runasnonroot', 'runAsNonRoot'],
    ['RunAsUser', 'runAsUser'],
    ['priviledged', 'privileged'],
    ['capabilites', 'capabilities'],
    ['allowPrivilegedEscalation', 'allowPrivilegeEscalation'],
    ['x', undefined],
    ['hostNetwork', undefined],
  ])('%s → %s', (word, expected) => {
    expect(suggest(word, fields)).toBe(expected);
  });

  test('edit distance is a metric', () => {
    const word = fc.string({ maxLength: 8 });
    fc.assert(fc.property(word, word, word, (a, b, c) => {
      expect(editDistance(a, a)).toBe(0);
      expect(editDistance(a, b)).toBe(editDistance(b, a));
      expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
    }));
  });
});
