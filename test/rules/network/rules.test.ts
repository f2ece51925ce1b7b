/** Rule tests for the network/* rules (valid manifests stay silent; invalid ones report where). */
import { testRule } from '../../helpers/rule-tester';
import { NETWORK_RULES } from './network-rules';

/** 1-based line of the first line containing `needle` (after `skip` earlier matches). */
function lineOf(code: string, needle: string, skip = 0): number {
  let seen = 0;
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && seen++ === skip) return i + 1;
  }
  throw new Error(`"${needle}" not in test manifest`);
}

const deployment = (name: string, ns = 'shop', ports = '[{name: http, containerPort: 8080}]', labels = `{app: ${name}}`): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: main
          image: registry.example.com/${name}:1.0
          ports: ${ports}
`;

const netpol = (name: string, spec: string, ns = 'shop'): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

const DENY = netpol('default-deny', 'podSelector: {}\npolicyTypes: [Ingress, Egress]');
const join = (...docs: string[]): string => docs.join('---\n');

// ---------------------------------------------------------------------------------------------

const badPeer = netpol('api', 'podSelector: {}\ningress:\n  - from:\n      - ipBlock:\n          cidr: 10.0.0.0/8\n        namespaceSelector: {}');
const badExcept = netpol('api', 'podSelector: {}\ningress:\n  - from:\n      - ipBlock:\n          cidr: 10.0.0.0/8\n          except: [11.0.0.0/16]');
const badCidr = netpol('api', 'podSelector: {}\ningress:\n  - from:\n      - ipBlock:\n          cidr: 10.0.0.0/40');
const badPorts = netpol('api', 'podSelector: {}\ningress:\n  - ports:\n      - port: http\n        endPort: 9000\n      - port: 9000\n        endPort: 80');
const emptyPeer = netpol('api', 'podSelector: {}\ningress:\n  - from:\n      - {}');
const twice = join(netpol('api', 'podSelector: {}'), netpol('api', 'podSelector: {matchLabels: {app: x}}'));
const badKey = netpol('api', 'podSelector:\n  matchLabels:\n    "app@b": web');

testRule(
  'network/invalid-policy',
  {
    valid: [join(DENY, netpol('api', 'podSelector: {}\ningress:\n  - from:\n      - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n      - namespaceSelector: {}\n    ports:\n      - {port: 8000, endPort: 8080}'))],
    invalid: [
      { name: 'ipBlock with a selector', code: badPeer, errors: [{ line: lineOf(badPeer, '- ipBlock'), message: 'cannot be combined' }] },
      { name: 'except outside cidr', code: badExcept, errors: [{ line: lineOf(badExcept, 'except'), message: 'strict subset' }] },
      { name: 'bad CIDR', code: badCidr, errors: [{ line: lineOf(badCidr, 'cidr:'), message: 'invalid CIDR' }] },
      { name: 'endPort with a named port, and below port', code: badPorts, errors: [{ line: lineOf(badPorts, 'endPort: 9000'), message: 'named port' }, { line: lineOf(badPorts, 'endPort: 80'), message: 'below port' }] },
      { name: 'empty peer', code: emptyPeer, errors: [{ line: lineOf(emptyPeer, '- {}'), message: 'empty peer' }] },
      { name: 'duplicate name', code: twice, errors: [{ line: lineOf(twice, 'name: api', 1), message: 'defined twice' }] },
      { name: 'bad label key', code: badKey, errors: [{ line: lineOf(badKey, 'app@b'), message: 'label key' }] },
    ],
  },
  NETWORK_RULES,
);

const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
testRule(
  'network/missing-default-deny',
  {
    valid: [join(deployment('web'), DENY), netpol('only-policy', 'podSelector: {}\npolicyTypes: [Ingress]'), join(deployment('web'), netpol('deny-in', 'podSelector: {}\ningress:\n  - from: [{podSelector: {}}]'))],
    invalid: [
      { name: 'anchored at the Namespace object', code: join(ns, deployment('web')), errors: [{ line: 4, message: 'no default-deny Ingress' }] },
      { name: 'anchored at the first workload without a Namespace object', code: deployment('web'), errors: [{ line: 5, message: 'namespace shop has 1 workload' }] },
      { name: 'an egress-only default deny does not count', code: join(deployment('web'), netpol('deny-out', 'podSelector: {}\npolicyTypes: [Egress]')), errors: [{ line: 5 }] },
    ],
  },
  NETWORK_RULES,
);

testRule(
  'network/missing-default-deny-egress',
  {
    valid: [join(deployment('web'), DENY)],
    invalid: [{ code: join(deployment('web'), netpol('deny-in', 'podSelector: {}\npolicyTypes: [Ingress]')), errors: [{ line: 5, message: 'no default-deny Egress' }] }],
  },
  NETWORK_RULES,
);

const partial = join(deployment('web'), deployment('db'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress: [{}]'));
testRule(
  'network/unprotected-workload',
  {
    valid: [deployment('web'), join(deployment('web'), deployment('db'), DENY), join(deployment('web'), deployment('db', 'other'), netpol('web', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]'))],
    invalid: [{ code: partial, errors: [{ line: lineOf(partial, 'name: db'), message: 'workload shop/db[Deployment]' }] }],
  },
  NETWORK_RULES,
);

const typo = join(deployment('web'), netpol('web', 'podSelector:\n  matchLabels: {app: wbe}\npolicyTypes: [Ingress]'));
testRule(
  'network/policy-selects-nothing',
  {
    valid: [
      join(deployment('web'), netpol('web', 'podSelector: {matchLabels: {app: web}}')),
      netpol('elsewhere', 'podSelector: {matchLabels: {app: unknown}}'),
      join(deployment('web', 'other'), netpol('web', 'podSelector: {matchLabels: {app: api}}')),
    ],
    invalid: [{ code: typo, errors: [{ line: lineOf(typo, 'podSelector:'), message: 'selects no workload' }] }],
  },
  NETWORK_RULES,
);

const deadAll = join(deployment('web'), deployment('api'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - podSelector: {matchLabels: {app: apii}}'));
const deadOne = join(deployment('web'), deployment('api'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - podSelector: {matchLabels: {app: api}}\n      - podSelector: {matchLabels: {app: apii}}'));
const deadPinned = join(deployment('web'), deployment('db', 'data'), netpol('web', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - to:\n      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: data}}\n        podSelector: {matchLabels: {app: postgres}}'));
testRule(
  'network/dead-rule',
  {
    valid: [
      join(deployment('web'), deployment('api'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - podSelector: {matchLabels: {app: api}}\n      - ipBlock: {cidr: 10.0.0.0/8}')),
      join(deployment('web'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - namespaceSelector: {matchLabels: {team: payments}}')),
      join(deployment('web'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}\n        podSelector: {matchLabels: {app: api}}')),
    ],
    invalid: [
      { name: 'all peers dead', code: deadAll, errors: [{ line: lineOf(deadAll, '- from:'), message: 'matches no workload' }] },
      { name: 'one peer dead', code: deadOne, errors: [{ line: lineOf(deadOne, 'apii'), message: 'this peer' }] },
      { name: 'a namespace pinned by name that the run contains', code: deadPinned, errors: [{ line: lineOf(deadPinned, '- to:'), message: 'egress rule #1' }] },
    ],
  },
  NETWORK_RULES,
);

const covered = join(deployment('web'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - podSelector: {}\n  - from:\n      - podSelector: {matchLabels: {app: api}}\n    ports: [{port: 80}]'));
const andOr = join(deployment('db'), netpol('db', 'podSelector: {matchLabels: {app: db}}\ningress:\n  - from:\n      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}\n      - podSelector: {matchLabels: {app: api}}'));
const otherPolicy = join(deployment('db'), netpol('allow-ns', 'podSelector: {}\ningress:\n  - from:\n      - podSelector: {}\n    ports: [{port: 5432}]'), netpol('db', 'podSelector: {matchLabels: {app: db}}\ningress:\n  - from:\n      - podSelector: {matchLabels: {app: api}}\n    ports: [{port: 5432}]'));
const twins = join(deployment('db'), netpol('db', 'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n  - from: [{podSelector: {matchLabels: {app: api}}}]'));
testRule(
  'network/redundant-rule',
  {
    valid: [
      join(deployment('db'), netpol('db', 'podSelector: {matchLabels: {app: db}}\ningress:\n  - from:\n      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}\n        podSelector: {matchLabels: {app: api}}')),
      join(deployment('db'), netpol('db', 'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [{port: 80}]\n  - from: [{podSelector: {matchLabels: {app: api}}}]\n    ports: [{port: 443}]')),
      join(deployment('db'), netpol('narrow', 'podSelector: {matchLabels: {app: db}}\ningress:\n  - from: [{podSelector: {}}]'), netpol('wide', 'podSelector: {}\ningress:\n  - from: [{podSelector: {matchLabels: {app: api}}}]')),
    ],
    invalid: [
      { name: 'covered by a wider rule of the same policy', code: covered, errors: [{ line: lineOf(covered, '- from:', 1), message: 'ingress rule #1 of the same policy' }] },
      { name: 'AND written as OR', code: andOr, errors: [{ line: lineOf(andOr, 'app: api'), message: 'put namespaceSelector and podSelector in one peer' }] },
      { name: 'covered by a namespace-wide policy', code: otherPolicy, errors: [{ line: lineOf(otherPolicy, '- from:', 1), message: 'NetworkPolicy shop/allow-ns' }] },
      { name: 'identical rules: only the second is reported', code: twins, errors: [{ line: lineOf(twins, '- from:', 1), message: 'ingress rule #2' }] },
    ],
  },
  NETWORK_RULES,
);

const service = (name: string, type: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: shop
spec:
  type: ${type}
  selector: {app: ${name}}
  ports:
    - {name: http, port: 80, targetPort: http}
`;
const broadNs = join(deployment('redis'), netpol('redis', 'podSelector: {matchLabels: {app: redis}}\ningress:\n  - from:\n      - namespaceSelector: {}'));
const broadAll = join(deployment('redis'), netpol('redis', 'podSelector: {matchLabels: {app: redis}}\ningress:\n  - {}'));
const broadIp = join(deployment('redis'), netpol('redis', 'podSelector: {matchLabels: {app: redis}}\ningress:\n  - from:\n      - ipBlock: {cidr: 0.0.0.0/0}\n    ports: [{port: 6379}]'));
testRule(
  'network/overly-broad-ingress',
  {
    valid: [
      join(deployment('web'), service('web', 'LoadBalancer'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from:\n      - ipBlock: {cidr: 0.0.0.0/0}')),
      join(deployment('redis'), netpol('redis', 'podSelector: {matchLabels: {app: redis}}\ningress:\n  - from:\n      - namespaceSelector: {}\n        podSelector: {matchLabels: {app: cart}}')),
      netpol('nothing-selected', 'podSelector: {matchLabels: {app: redis}}\ningress: [{}]'),
    ],
    invalid: [
      { name: 'every namespace', code: broadNs, errors: [{ line: lineOf(broadNs, 'namespaceSelector: {}'), message: 'every pod in every namespace' }] },
      { name: 'no from', code: broadAll, errors: [{ line: lineOf(broadAll, '- {}'), message: 'every source' }] },
      { name: '0.0.0.0/0', code: broadIp, errors: [{ line: lineOf(broadIp, 'ipBlock'), message: 'any address (0.0.0.0/0)' }] },
    ],
  },
  NETWORK_RULES,
);

const egressAll = netpol('api', 'podSelector: {matchLabels: {app: api}}\npolicyTypes: [Egress]\negress:\n  - to:\n      - ipBlock:\n          cidr: 0.0.0.0/0');
const egressEmpty = netpol('api', 'podSelector: {matchLabels: {app: api}}\npolicyTypes: [Egress]\negress:\n  - {}');
testRule(
  'network/overly-broad-egress',
  {
    valid: [netpol('api', 'podSelector: {matchLabels: {app: api}}\npolicyTypes: [Egress]\negress:\n  - to:\n      - ipBlock: {cidr: 0.0.0.0/0}\n    ports: [{port: 443}]'), netpol('api', 'podSelector: {}\npolicyTypes: [Ingress]\negress:\n  - {}')],
    invalid: [
      { code: egressAll, errors: [{ line: lineOf(egressAll, '- ipBlock'), message: 'any address (0.0.0.0/0) on every port' }] },
      { code: egressEmpty, errors: [{ line: lineOf(egressEmpty, '- {}'), message: 'every destination' }] },
    ],
  },
  NETWORK_RULES,
);

const wrongName = join(deployment('web'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports:\n      - port: https'));
const wrongProtocol = join(deployment('web', 'shop', '[{name: dns, containerPort: 53, protocol: UDP}]'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports:\n      - port: dns'));
const toIp = netpol('web', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n  - to:\n      - ipBlock: {cidr: 10.0.0.0/8}\n    ports:\n      - port: https');
const egressName = join(deployment('web'), deployment('db', 'shop', '[{name: pg, containerPort: 5432}]'), netpol('web', 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Egress]\negress:\n  - to:\n      - podSelector: {matchLabels: {app: db}}\n    ports:\n      - port: postgres'));
testRule(
  'network/unresolved-named-port',
  {
    valid: [
      join(deployment('web'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports:\n      - port: http')),
      netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports:\n      - port: https'),
      netpol('web', 'podSelector: {}\npolicyTypes: [Egress]\negress:\n  - to:\n      - namespaceSelector: {}\n    ports:\n      - port: https'),
    ],
    invalid: [
      { name: 'ingress name no selected pod defines', code: wrongName, errors: [{ line: lineOf(wrongName, 'port: https'), message: 'matches no container port of the pods this policy selects' }] },
      { name: 'protocol mismatch', code: wrongProtocol, errors: [{ line: lineOf(wrongProtocol, 'port: dns'), message: 'defined with protocol UDP' }] },
      { name: 'named port towards ipBlocks', code: toIp, errors: [{ line: lineOf(toIp, 'port: https'), message: 'can never match' }] },
      { name: 'egress name no destination defines', code: egressName, errors: [{ line: lineOf(egressName, 'port: postgres'), message: 'destination pods' }] },
    ],
  },
  NETWORK_RULES,
);

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: {name: http}
`;
const sameNsOnly = join(deployment('web'), service('web', 'ClusterIP'), ingress, netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from: [{podSelector: {}}]'));
const servicePort = join(deployment('web'), service('web', 'ClusterIP'), ingress, netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]\n    ports: [{port: 80}]'));
testRule(
  'network/ingress-controller-blocked',
  {
    valid: [
      join(deployment('web'), service('web', 'ClusterIP'), ingress, netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]\n    ports: [{port: http}]')),
      join(deployment('web'), service('web', 'ClusterIP'), ingress),
      join(deployment('web'), service('web', 'ClusterIP'), ingress, netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports: [{port: 8080}]')),
    ],
    invalid: [
      { name: 'only own-namespace peers', code: sameNsOnly, errors: [{ line: lineOf(sameNsOnly, 'backend:'), message: 'shop/web[Deployment] (TCP 8080)' }] },
      { name: 'Service port instead of the container port', code: servicePort, errors: [{ line: lineOf(servicePort, 'backend:'), message: 'ingress controller' }] },
    ],
  },
  NETWORK_RULES,
);

const lb = join(deployment('web'), service('web', 'LoadBalancer'));
testRule(
  'network/exposed-service-unprotected',
  {
    valid: [join(deployment('web'), service('web', 'ClusterIP')), join(deployment('web'), service('web', 'NodePort'), netpol('web', 'podSelector: {matchLabels: {app: web}}\ningress:\n  - ports: [{port: http}]'))],
    invalid: [{ code: lb, errors: [{ line: lineOf(lb, 'type: LoadBalancer'), message: 'type LoadBalancer' }] }],
  },
  NETWORK_RULES,
);
