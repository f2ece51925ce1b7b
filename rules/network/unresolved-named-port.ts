import { analyzeRun } from '../../src/analysis/netpol';
import { unresolvedNamedPorts } from '../../src/analysis/netpol/lint';
import { defineRunRule } from '../../src/engine/rule';

export default defineRunRule({
  meta: {
    id: 'network/unresolved-named-port',
    category: 'network',
    severity: 'warning',
    description: 'A named port in a NetworkPolicy that no relevant pod defines (by name and protocol), or a named port towards ipBlock peers.',
    rationale:
      'Named ports are resolved against each destination pod\'s container ports — by name and protocol. For ingress rules that is the pods the policy selects; for egress rules the destination pods. When no such pod defines the name, the entry allows nothing and the traffic stays blocked; external addresses never have port names. Judged only when the run contains candidate pods.',
    fix: 'Use the name of a containerPort the pods define (with the same protocol), or the port number.',
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  ingress:\n    - ports:\n        - port: https\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  containers:\n    - name: web\n      image: web:1.0\n      ports:\n        - {name: http, containerPort: 8080}\n',
    },
    equivalents: { 'netpol-analyzer': 'WarnUnmatchedNamedPort; named port error for IP destinations' },
  },
  check(run, context) {
    for (const f of unresolvedNamedPorts(analyzeRun(run))) context.report(f);
  },
});
