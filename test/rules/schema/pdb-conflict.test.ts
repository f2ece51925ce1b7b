import rule from '../../../rules/schema/pdb-conflict';
import { findingsOf, testRule } from '../../helpers/rule-tester';

const PDB = (budget: string): string => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
${budget}  selector:
    matchLabels: {app: web}
`;

testRule('schema/pdb-conflict', {
  valid: [
    PDB('  minAvailable: 2\n'),
    PDB('  maxUnavailable: "25%"\n'),
    PDB('  minAvailable: 100%\n'),
    PDB('  maxUnavailable: 0\n'),
    PDB(''),
  ],
  invalid: [
    {
      name: 'both set',
      code: PDB('  minAvailable: 2\n  maxUnavailable: 1\n'),
      errors: [{ line: 7, column: 3, path: 'spec.maxUnavailable', message: 'minAvailable and maxUnavailable are both set' }],
    },
    { name: 'negative', code: PDB('  minAvailable: -1\n'), errors: [{ line: 6, column: 17, message: 'minAvailable -1 is negative' }] },
    { name: 'above 100%', code: PDB('  maxUnavailable: 150%\n'), errors: [{ line: 6, message: 'maxUnavailable `150%` is more than 100%' }] },
    { name: 'a quoted number', code: PDB('  minAvailable: "2"\n'), errors: [{ line: 6, message: 'write `2` (a number of pods, without quotes) or `"2%"`' }] },
    { name: 'a decimal percentage', code: PDB('  minAvailable: 50.5%\n'), errors: [{ line: 6, message: "must be a percentage of digits followed by '%'" }] },
  ],
}, [rule]);

test('the examples in the rule metadata are true', () => {
  expect(findingsOf('schema/pdb-conflict', rule.meta.examples?.bad ?? '', 'm.yaml', [rule]).length).toBeGreaterThan(0);
  expect(findingsOf('schema/pdb-conflict', rule.meta.examples?.good ?? '', 'm.yaml', [rule])).toEqual([]);
});
