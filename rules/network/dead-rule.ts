import { analyzeRun } from '../../src/analysis/netpol';
import { deadRules } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/dead-rule',
    category: 'network',
    severity: 'warning',
    description: 'A NetworkPolicy rule (or one of its peers) whose pod and namespace selectors match no workload.',
    rationale:
      'A rule whose peers match nothing allows nothing: the traffic it was written for stays blocked, usually because of a typo in a label. Judged only where the run can see all candidate pods: the policy\'s own namespace, or namespaces pinned by kubernetes.io/metadata.name, when the run has workloads there (everything with closedWorld: true). ipBlock peers never count as empty.',
    fix: 'Correct the selector labels, or remove the rule.',
    equivalents: { 'network-config-analyzer': 'emptiness (rules that do not select any pods)', 'kube-linter': 'dangling-networkpolicypeer-podselector' },
  },
  check(run, context) {
    for (const f of deadRules(analyzeRun(run), context.settings.closedWorld)) context.report(f);
  },
});
