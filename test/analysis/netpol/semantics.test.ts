/**
 * networkpolicy.k8s.io/v1 semantics, one describe per item of the reference checklist
 * (shared/reference/rbac-netpol.md §2.1).
 */
import { ANY, analyzeYaml, conn, connlist, namespace, pod, policy } from './helpers';

const A = 'default/a[Pod]';
const B = 'default/b[Pod]';

describe('1. default allow', () => {
  test('pods no policy selects talk to everything, both ways, including external addresses', () => {
    const lines = connlist(pod('a'), pod('b'));
    expect(lines.sort()).toEqual([`${ANY} => ${A} : All Connections`, `${ANY} => ${B} : All Connections`, `${A} => ${ANY} : All Connections`, `${A} => ${B} : All Connections`, `${B} => ${ANY} : All Connections`, `${B} => ${A} : All Connections`].sort());
  });

  test('policies are namespaced: a policy in another namespace does not select the pod', () => {
    const lines = connlist(pod('a'), pod('b'), policy('deny', 'podSelector: {}\npolicyTypes: [Ingress]', 'other'));
    expect(conn(lines, A, B)).toBe('All Connections');
  });
});

describe('2. isolation is per direction and the union of selecting policies', () => {
  test('an ingress-only policy isolates ingress and leaves egress open', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\npolicyTypes: [Ingress]'));
    expect(conn(lines, A, B)).toBe('No Connections');
    expect(conn(lines, B, A)).toBe('All Connections');
    expect(conn(lines, B, ANY)).toBe('All Connections');
  });

  test('two policies selecting one pod allow the union of their rules', () => {
    const lines = connlist(
      pod('a'),
      pod('b'),
      policy('p1', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 80}]'),
      policy('p2', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 443}]'),
    );
    expect(conn(lines, A, B)).toBe('TCP 80,443');
  });
});

describe('3. policyTypes defaulting', () => {
  test('omitted with no egress rules: Ingress only', () => {
    const a = analyzeYaml(policy('p', 'podSelector: {}'));
    expect([a.policies[0].affectsIngress, a.policies[0].affectsEgress]).toEqual([true, false]);
  });

  test('omitted with egress rules: Ingress and Egress (an egress-only intent also isolates ingress)', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\negress:\n  - ports: [{port: 53, protocol: UDP}]'));
    expect(conn(lines, A, B)).toBe('No Connections');
    expect(conn(lines, B, A)).toBe('UDP 53');
  });

  test('[Ingress] with egress rules: the egress rules are ignored', () => {
    const a = analyzeYaml(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\npolicyTypes: [Ingress]\negress:\n  - ports: [{port: 53}]'));
    expect(a.policies[0].egress).toEqual([]);
    expect(a.policies[0].ignoredRules).toHaveLength(1);
  });

  test('[Egress] and no rules: deny all egress', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\npolicyTypes: [Egress]'));
    expect(conn(lines, B, A)).toBe('No Connections');
    expect(conn(lines, B, ANY)).toBe('No Connections');
    expect(conn(lines, A, B)).toBe('All Connections');
  });
});

describe('4. podSelector', () => {
  test('{} selects every pod of the namespace', () => {
    const lines = connlist(pod('a'), pod('b'), policy('deny', 'podSelector: {}\npolicyTypes: [Ingress]'));
    expect(conn(lines, A, B)).toBe('No Connections');
    expect(conn(lines, B, A)).toBe('No Connections');
  });

  test('a selector matching nothing has no effect', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: typo}}\npolicyTypes: [Ingress]'));
    expect(conn(lines, A, B)).toBe('All Connections');
  });
});

describe('5. a connection needs the source egress AND the destination ingress', () => {
  test('egress allows 80-90, ingress allows 85-100: 85-90', () => {
    const lines = connlist(
      pod('a'),
      pod('b'),
      policy('out', 'podSelector: {matchLabels: {app: a}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: 80, endPort: 90}]'),
      policy('in', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 85, endPort: 100}]'),
    );
    expect(conn(lines, A, B)).toBe('TCP 85-90');
  });

  test('no common protocol means no connection', () => {
    const lines = connlist(
      pod('a'),
      pod('b'),
      policy('out', 'podSelector: {matchLabels: {app: a}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: 53, protocol: UDP}]'),
      policy('in', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 53}]'),
    );
    expect(conn(lines, A, B)).toBe('No Connections');
  });
});

describe('6. self traffic', () => {
  test('a workload is never listed with itself, even when isolated', () => {
    const lines = connlist(pod('a'), policy('deny', 'podSelector: {}\npolicyTypes: [Ingress, Egress]'));
    expect(lines.filter((l) => l.startsWith(`${A} => ${A}`))).toEqual([]);
  });

  test('two workloads with identical labels still reach each other (same equivalence class)', () => {
    const a = analyzeYaml(pod('a', { labels: { app: 'x' } }), pod('b', { labels: { app: 'x' } }), policy('p', 'podSelector: {}\ningress:\n  - from: [{podSelector: {matchLabels: {app: x}}}]'));
    expect(a.model.classes).toHaveLength(1);
    const lines = connlist(pod('a', { labels: { app: 'x' } }), pod('b', { labels: { app: 'x' } }), policy('p', 'podSelector: {}\ningress:\n  - from: [{podSelector: {matchLabels: {app: x}}}]'));
    expect(conn(lines, A, B)).toBe('All Connections');
  });
});

describe('7. ingress: [] versus ingress: [{}]', () => {
  test('ingress: [] denies all ingress', () => {
    expect(conn(connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress: []')), A, B)).toBe('No Connections');
  });

  test('ingress: [{}] allows everything, external addresses included', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress: [{}]'));
    expect(conn(lines, A, B)).toBe('All Connections');
    expect(conn(lines, ANY, B)).toBe('All Connections');
  });
});

describe('8. omitted from/to and ports', () => {
  test('from omitted: every source; ports omitted: every protocol', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 80}]\n  - from: [{podSelector: {matchLabels: {app: a}}}]'));
    expect(conn(lines, A, B)).toBe('All Connections');
    expect(conn(lines, ANY, B)).toBe('TCP 80');
  });
});

describe('9. within a rule: peers AND ports', () => {
  test('only the matched peer gets only the listed ports', () => {
    const lines = connlist(pod('a'), pod('b'), pod('c'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: a}}}]\n    ports: [{port: 8080}]'));
    expect(conn(lines, A, B)).toBe('TCP 8080');
    expect(conn(lines, 'default/c[Pod]', B)).toBe('No Connections');
  });
});

describe('10. peer kinds', () => {
  const docs = [
    namespace('prod', { env: 'prod' }),
    namespace('dev', { env: 'dev' }),
    pod('db', { namespace: 'prod' }),
    pod('api', { namespace: 'prod' }),
    pod('api', { namespace: 'dev' }),
    pod('web', { namespace: 'dev' }),
  ];
  const DB = 'prod/db[Pod]';
  const run = (from: string): string[] => connlist(...docs, policy('db', `podSelector: {matchLabels: {app: db}}\ningress:\n  - from:\n${from}`, 'prod'));

  test('podSelector alone: pods of the policy namespace only', () => {
    const lines = run('    - podSelector: {matchLabels: {app: api}}');
    expect(conn(lines, 'prod/api[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, 'dev/api[Pod]', DB)).toBe('No Connections');
  });

  test('namespaceSelector alone: every pod of matching namespaces', () => {
    const lines = run('    - namespaceSelector: {matchLabels: {env: dev}}');
    expect(conn(lines, 'dev/api[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, 'dev/web[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, 'prod/api[Pod]', DB)).toBe('No Connections');
  });

  test('both in one peer: AND', () => {
    const lines = run('    - namespaceSelector: {matchLabels: {env: dev}}\n      podSelector: {matchLabels: {app: api}}');
    expect(conn(lines, 'dev/api[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, 'dev/web[Pod]', DB)).toBe('No Connections');
    expect(conn(lines, 'prod/api[Pod]', DB)).toBe('No Connections');
  });

  test('two separate peers: OR', () => {
    const lines = run('    - namespaceSelector: {matchLabels: {env: dev}}\n    - podSelector: {matchLabels: {app: api}}');
    expect(conn(lines, 'dev/web[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, 'prod/api[Pod]', DB)).toBe('All Connections');
  });

  test('namespaceSelector: {} is every pod of the cluster but no external address', () => {
    const lines = run('    - namespaceSelector: {}');
    expect(conn(lines, 'dev/web[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, ANY, DB)).toBe('No Connections');
  });

  test('podSelector: {} alone is every pod of the policy namespace', () => {
    const lines = run('    - podSelector: {}');
    expect(conn(lines, 'prod/api[Pod]', DB)).toBe('All Connections');
    expect(conn(lines, 'dev/web[Pod]', DB)).toBe('No Connections');
  });
});

describe('11. ipBlock with except', () => {
  test('cidr minus except, split into disjoint ranges', () => {
    const lines = connlist(pod('b'), policy('p', 'podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]'));
    expect(lines.sort()).toEqual(['10.0.0.0-10.0.255.255[External] => default/b[Pod] : All Connections', '10.2.0.0-10.255.255.255[External] => default/b[Pod] : All Connections', `${B} => ${ANY} : All Connections`].sort());
  });

  test('IPv6 blocks add the IPv6 address space', () => {
    const lines = connlist(pod('b'), policy('p', 'podSelector: {}\ningress:\n  - from: [{ipBlock: {cidr: "2001:db8::/32"}}]'));
    expect(lines).toContain('2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] => default/b[Pod] : All Connections');
    expect(lines.some((l) => l.startsWith('0.0.0.0-255.255.255.255[External] => default/b'))).toBe(false);
  });

  test('ipBlock combined with a selector is invalid and matches nothing', () => {
    const a = analyzeYaml(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}, podSelector: {}}]'));
    expect(a.policies[0].problems[0].message).toMatch(/cannot be combined/);
  });
});

describe('12. ipBlocks denote cluster-external addresses only', () => {
  test('an ipBlock covering everything does not admit pods', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]'));
    expect(conn(lines, A, B)).toBe('No Connections');
    expect(conn(lines, ANY, B)).toBe('All Connections');
  });
});

describe('13. policies act on container ports, not Service ports', () => {
  test('a rule on the Service port (80) does not admit the container port (8080) it targets', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: b}\nspec:\n  selector: {app: b}\n  ports: [{port: 80, targetPort: 8080}]\n';
    const lines = connlist(pod('a'), pod('b', { ports: [{ containerPort: 8080 }] }), service, policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 80}]'));
    expect(conn(lines, A, B)).toBe('TCP 80');
  });
});

describe('14. namespace labels', () => {
  test('kubernetes.io/metadata.name is always set, also for namespaces only named by objects', () => {
    const lines = connlist(pod('a', { namespace: 'team-a' }), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-a}}}]'));
    expect(conn(lines, 'team-a/a[Pod]', B)).toBe('All Connections');
  });

  test('other labels come from Namespace objects only', () => {
    const p = policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {team: a}}}]');
    expect(conn(connlist(pod('a', { namespace: 'team-a' }), pod('b'), p), 'team-a/a[Pod]', B)).toBe('No Connections');
    expect(conn(connlist(namespace('team-a', { team: 'a' }), pod('a', { namespace: 'team-a' }), pod('b'), p), 'team-a/a[Pod]', B)).toBe('All Connections');
  });
});

describe('15. label selector operators', () => {
  const docs = [pod('plain', { labels: { app: 'plain' } }), pod('red', { labels: { app: 'red', color: 'red' } }), pod('blue', { labels: { app: 'blue', color: 'blue' } }), pod('b', { labels: { app: 'b' } })];
  const allowed = (expression: string): string[] => {
    const lines = connlist(...docs, policy('p', `podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{podSelector: {matchExpressions: [${expression}]}}]`));
    return ['plain', 'red', 'blue'].filter((n) => conn(lines, `default/${n}[Pod]`, B) !== 'No Connections');
  };
  test('In', () => expect(allowed('{key: color, operator: In, values: [red]}')).toEqual(['red']));
  test('NotIn also matches pods without the key', () => expect(allowed('{key: color, operator: NotIn, values: [red]}')).toEqual(['plain', 'blue']));
  test('Exists', () => expect(allowed('{key: color, operator: Exists}')).toEqual(['red', 'blue']));
  test('DoesNotExist', () => expect(allowed('{key: color, operator: DoesNotExist}')).toEqual(['plain']));
  test('matchLabels AND matchExpressions', () => {
    const lines = connlist(...docs, policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - from: [{podSelector: {matchLabels: {color: red}, matchExpressions: [{key: app, operator: In, values: [blue]}]}}]'));
    expect(lines.filter((l) => l.endsWith(`=> ${B} : All Connections`) && !l.startsWith(ANY))).toEqual([]);
  });
});

describe('16. protocols', () => {
  test('TCP by default; UDP and SCTP when written', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 80}, {port: 53, protocol: UDP}, {port: 9000, protocol: SCTP}]'));
    expect(conn(lines, A, B)).toBe('SCTP 9000,TCP 80,UDP 53');
  });

  test('a protocol without port means every port of that protocol', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{protocol: UDP}]'));
    expect(conn(lines, A, B)).toBe('UDP 1-65535');
  });
});

describe('17. ports, ranges, named ports', () => {
  test('endPort makes an inclusive range; adjacent ports merge', () => {
    const lines = connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 8000, endPort: 8009}, {port: 8010}, {port: 9000}]'));
    expect(conn(lines, A, B)).toBe('TCP 8000-8010,9000');
  });

  test('endPort with a named port or below port is invalid', () => {
    const a = analyzeYaml(policy('p', 'podSelector: {}\ningress:\n  - ports: [{port: http, endPort: 90}, {port: 90, endPort: 80}]'));
    expect(a.policies[0].problems.map((p) => p.message)).toEqual([expect.stringMatching(/named port/), expect.stringMatching(/below port/)]);
  });
});

describe('18. named ports resolve per destination pod, by name and protocol', () => {
  const policyText = policy('p', 'podSelector: {}\ningress:\n  - ports: [{port: web}]');
  test('different pods resolve one name to different numbers', () => {
    const lines = connlist(pod('a', { ports: [{ name: 'web', containerPort: 8080 }] }), pod('b', { ports: [{ name: 'web', containerPort: 9090 }] }), policyText);
    expect(conn(lines, A, B)).toBe('TCP 9090');
    expect(conn(lines, B, A)).toBe('TCP 8080');
  });

  test('a name defined with another protocol does not resolve, and allows nothing', () => {
    const lines = connlist(pod('a'), pod('b', { ports: [{ name: 'web', containerPort: 8080, protocol: 'UDP' }] }), policyText);
    expect(conn(lines, A, B)).toBe('No Connections');
  });

  test('egress named ports resolve against the destination', () => {
    const lines = connlist(pod('a'), pod('b', { ports: [{ name: 'web', containerPort: 7000 }] }), policy('p', 'podSelector: {matchLabels: {app: a}}\npolicyTypes: [Egress]\negress:\n  - ports: [{port: web}]'));
    expect(conn(lines, A, B)).toBe('TCP 7000');
    expect(conn(lines, A, ANY)).toBe('No Connections');
  });
});

describe('19. numeric ports apply whether or not the container declares them', () => {
  test('port 5432 on a pod that declares no ports', () => {
    expect(conn(connlist(pod('a'), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress:\n  - ports: [{port: 5432}]')), A, B)).toBe('TCP 5432');
  });
});

describe('20-21. special pods and workloads', () => {
  test('hostNetwork pods are modelled as ordinary pods (as netpol-analyzer does)', () => {
    const lines = connlist(pod('a', { hostNetwork: true }), pod('b'), policy('p', 'podSelector: {matchLabels: {app: b}}\ningress: []'));
    expect(conn(lines, A, B)).toBe('No Connections');
  });

  test('controllers are modelled by their pod template; owned pods are reported under the owner', () => {
    const owned = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-7d4f-x1\n  labels: {app: web}\n  ownerReferences: [{kind: ReplicaSet, name: web-7d4f, controller: true}]\nspec: {containers: [{name: c, image: i}]}\n';
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: report}}\n        spec: {containers: [{name: c, image: i}]}\n';
    const a = analyzeYaml(owned, cron, pod('api', { kind: 'Deployment' }));
    expect(a.topology.workloads.map((w) => w.display)).toEqual(['default/web-7d4f[ReplicaSet]', 'default/report[CronJob]', 'default/api[Deployment]']);
    expect(a.topology.workloads[1].labels).toEqual({ app: 'report' });
  });
});
