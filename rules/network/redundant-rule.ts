import { analyzeRun } from '../../src/analysis/netpol';
import { redundantPeers, redundantRules, ruleLabel, semanticRedundantRules } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/redundant-rule',
    category: 'network',
    severity: 'info',
    description: 'A NetworkPolicy rule or peer that another rule or peer already fully covers (shadowed), naming the covering one.',
    rationale:
      'Rules only ever add allowances, so a rule covered by another one (in the same policy, or in a policy of the namespace that selects at least the same pods) changes nothing. It is often a sign of a misunderstanding — the classic one is `- podSelector: …` and `- namespaceSelector: …` written as two peers (OR) where one peer with both (AND) was meant. Coverage is decided from the selectors themselves, so it holds for pods outside the run too; with closedWorld: true, rules that the policy\'s other rules cover for every workload in the run are reported as well (network-config-analyzer\'s redundancy). Info: harmless for security, but worth a look.',
    fix: 'Delete the redundant rule, or, for an AND written as an OR, merge the two peers into one list item with both selectors.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\n  namespace: prod\nspec:\n  podSelector:\n    matchLabels: {app: db}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: prod}\n        - podSelector:\n            matchLabels: {app: api}\n',
      good: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: db\n  namespace: prod\nspec:\n  podSelector:\n    matchLabels: {app: db}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels: {kubernetes.io/metadata.name: prod}\n          podSelector:\n            matchLabels: {app: api}\n',
    },
    equivalents: { 'network-config-analyzer': 'redundancy' },
  },
  check(run, context) {
    const analysis = analyzeRun(run);
    const reported = new Set<unknown>();
    for (const r of redundantRules(analysis)) {
      reported.add(r.rule);
      const where = r.coveringPolicy === r.policy ? `${ruleLabel(r.coveringRule)} of the same policy` : `${ruleLabel(r.coveringRule)} of NetworkPolicy ${r.coveringPolicy.key}`;
      context.report({ object: r.policy.object, path: r.rule.path, message: `${ruleLabel(r.rule)} of NetworkPolicy ${r.policy.key} is redundant: ${where} already allows everything it allows, for at least the same pods` });
    }
    if (context.settings.closedWorld) {
      // With the whole cluster in the run, a rule the policy's other rules cover for every pod counts too.
      for (const r of semanticRedundantRules(analysis)) {
        if (r.vacuous || reported.has(r.rule)) continue;
        const by = r.covering.length === 0 ? 'the other rules of the policy' : r.covering.map(ruleLabel).join(' and ');
        context.report({ object: r.policy.object, path: r.rule.path, message: `${ruleLabel(r.rule)} of NetworkPolicy ${r.policy.key} is redundant for every workload in the run: ${by} already allow everything it allows` });
      }
    }
    for (const r of redundantPeers(analysis)) {
      const peers = r.rule.peers ?? [];
      const peer = peers[r.peer];
      const covering = peers[r.coveringPeer];
      const andOr = peer.kind === 'pods' && covering.kind === 'pods' && (peer.namespaceSelector === null) !== (covering.namespaceSelector === null) ? ' — if you meant pods matching both selectors, put namespaceSelector and podSelector in one peer' : '';
      context.report({ object: r.policy.object, path: peer.path, message: `peer #${r.peer + 1} of ${ruleLabel(r.rule)} of NetworkPolicy ${r.policy.key} is covered by peer #${r.coveringPeer + 1} of the same rule${andOr}` });
    }
  },
});
