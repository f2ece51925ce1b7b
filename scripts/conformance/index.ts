/**
 * The peers whose own fixtures kubevet is compared with: where their data lives under
 * ../shared/conformance, the check → kubevet mapping, the documented deviations and the runner.
 */
import { KUBE_LINTER_DEVIATIONS, KUBE_LINTER_MAPPING, runKubeLinter } from './kube-linter';
import { KUBE_SCORE_DEVIATIONS, KUBE_SCORE_MAPPING, runKubeScore } from './kube-score';
import { KUBESEC_DEVIATIONS, KUBESEC_MAPPING, runKubesec, SCHEMA_CHECK, SCORE_CHECK } from './kubesec';
import { POLARIS_DEVIATIONS, POLARIS_MAPPING, runPolaris, WEBHOOK_CHECK } from './polaris';
import type { Deviation, Mapping, PeerReport } from './types';

export interface Peer {
  readonly name: string;
  /** Directory under ../shared/conformance. */
  readonly dir: string;
  /** What the fixtures are and how a verdict is read, one line for the docs. */
  readonly about: string;
  readonly mapping: Mapping;
  readonly deviations: readonly Deviation[];
  /** Result groups that are not one peer check (e.g. a whole-suite verdict), with what kubevet runs for them. */
  readonly pseudo?: Readonly<Record<string, string>>;
  run(dir: string): PeerReport;
}

export const PEERS: readonly Peer[] = [
  {
    name: 'Polaris',
    dir: 'polaris',
    about: 'per-check fixtures `test/checks/<check>/{success,failure}*.yaml`, each run with only that check: `failure*` must produce a finding, `success*` none; the webhook cases run the equivalents of the danger-level checks',
    mapping: POLARIS_MAPPING,
    deviations: POLARIS_DEVIATIONS,
    pseudo: { [WEBHOOK_CHECK]: 'the kubevet equivalents of every danger-level check of `pkg/config/default.yaml`; rejected when any reports' },
    run: runPolaris,
  },
  {
    name: 'kube-linter',
    dir: 'kube-linter',
    about: 'e2e fixtures `tests/checks/*.yml` linted with one check; compared per object (reported or not), objects placed by the expected reports (kind, name, order) and `dont-fire` names',
    mapping: KUBE_LINTER_MAPPING,
    deviations: KUBE_LINTER_DEVIATIONS,
    run: runKubeLinter,
  },
  {
    name: 'kube-score',
    dir: 'kube-score',
    about: 'test data `score/testdata/*.yaml` with the grade of one check for the first object it scores: critical and warning must be reported, allOK and not-applicable must not',
    mapping: KUBE_SCORE_MAPPING,
    deviations: KUBE_SCORE_DEVIATIONS,
    run: runKubeScore,
  },
  {
    name: 'kubesec',
    dir: 'kubesec',
    about: 'rule fixtures `rules/<Rule>/*.yaml` with the predicate\'s match count (critical rules must be reported when matched, missing credits reported as missing hardening) and scan fixtures with the sign of the score',
    mapping: KUBESEC_MAPPING,
    deviations: KUBESEC_DEVIATIONS,
    pseudo: {
      [SCORE_CHECK]: 'the kubevet equivalents of every kubesec rule with negative points; a score below 0 must be reported, 0 and above not',
      [SCHEMA_CHECK]: 'schema rules (`schema/unknown-field`, `schema/invalid-type`, `schema/required-field`, `schema/invalid-value`, `schema/unknown-kind`)',
    },
    run: runKubesec,
  },
];
