import fc from 'fast-check';
import { compileRule, ruleAllows, ruleCovers, splitResource } from '../../../src/analysis/rbac/matcher';
import type { PolicyRule, RequestAttributes } from '../../../src/analysis/rbac/types';
import { requestArb, resourceRequestArb, ruleArb } from './arbitraries';
import { refRuleAllows } from './reference';

function rule(partial: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...partial };
}

function req(verb: string, apiGroup: string, resourceText: string, name = '', namespace = 'ns'): RequestAttributes {
  return { kind: 'resource', verb, apiGroup, ...splitResource(resourceText), name, namespace };
}

const allows = (r: Partial<PolicyRule>, request: RequestAttributes): boolean => ruleAllows(compileRule(rule(r)), request);

describe('rule matching (evaluation_helpers.go)', () => {
  test('`*` verbs, groups and resources match everything, subresources included', () => {
    const all = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
    expect(allows(all, req('escalate', 'rbac.authorization.k8s.io', 'clusterroles'))).toBe(true);
    expect(allows(all, req('create', '', 'pods/exec'))).toBe(true);
    expect(allows(all, req('get', 'example.com', 'widgets/status'))).toBe(true);
  });

  test('apiGroups is not ignored: pods in apps is not core pods', () => {
    expect(allows({ verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, req('get', '', 'pods'))).toBe(false);
    expect(allows({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, req('get', '', 'pods'))).toBe(true);
  });

  test('pods does not match pods/exec, and pods/* is not a wildcard', () => {
    expect(allows({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }, req('create', '', 'pods/exec'))).toBe(false);
    expect(allows({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }, req('create', '', 'pods/exec'))).toBe(false);
    expect(allows({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }, req('create', '', 'pods/*'))).toBe(true);
  });

  test('*/subresource matches that subresource of every resource, and nothing without a subresource', () => {
    const r = { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] };
    expect(allows(r, req('get', 'apps', 'deployments/scale'))).toBe(true);
    expect(allows(r, req('get', 'apps', 'deployments'))).toBe(false);
    expect(allows(r, req('get', 'apps', 'deployments/status'))).toBe(false);
    expect(allows({ verbs: ['get'], apiGroups: ['*'], resources: ['*/'] }, req('get', 'apps', 'deployments'))).toBe(false);
  });

  test('resourceNames: requests without a name never match a named rule', () => {
    const r = { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] };
    expect(allows(r, req('get', '', 'secrets', 'db'))).toBe(true);
    expect(allows(r, req('get', '', 'secrets', 'other'))).toBe(false);
    expect(allows(r, req('list', '', 'secrets', ''))).toBe(false);
  });

  test('nonResourceURLs: `*`, exact, and prefix for a trailing `*`', () => {
    const url = (path: string): RequestAttributes => ({ kind: 'nonResource', verb: 'get', path });
    expect(allows({ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('/healthz/etcd'))).toBe(true);
    expect(allows({ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }, url('/healthz'))).toBe(false);
    expect(allows({ verbs: ['get'], nonResourceURLs: ['/healthz'] }, url('/healthz/etcd'))).toBe(false);
    expect(allows({ verbs: ['get'], nonResourceURLs: ['*'] }, url('/anything'))).toBe(true);
    expect(allows({ verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, url('/healthz'))).toBe(false);
  });

  test('ruleCovers tells unrestricted from named grants', () => {
    const named = compileRule(rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['db'] }));
    expect(ruleCovers(named, { verb: 'get', apiGroup: '', resource: 'secrets', subresource: '' })).toBe('named');
    expect(ruleCovers(compileRule(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })), { verb: 'get', apiGroup: '', resource: 'secrets', subresource: '' })).toBe('all');
    expect(ruleCovers(named, { verb: 'list', apiGroup: '', resource: 'pods', subresource: '' })).toBeUndefined();
  });
});

describe('property: the compiled matcher agrees with a plain port of the API server', () => {
  test('for every rule and request', () => {
    fc.assert(fc.property(ruleArb, requestArb, (r, request) => ruleAllows(compileRule(r), request) === refRuleAllows(request, r)), { numRuns: 5000 });
  });

  test('a rule granting exactly one request allows that request and nothing that differs in verb, group, resource or name', () => {
    fc.assert(
      fc.property(resourceRequestArb, resourceRequestArb, (granted, other) => {
        if (granted.verb === '*' || granted.name === '') return true;
        const resource = granted.subresource === '' ? granted.resource : `${granted.resource}/${granted.subresource}`;
        const r = compileRule(rule({ verbs: [granted.verb], apiGroups: [granted.apiGroup], resources: [resource], resourceNames: [granted.name] }));
        const same = other.verb === granted.verb && other.apiGroup === granted.apiGroup && other.resource === granted.resource && other.subresource === granted.subresource && other.name === granted.name;
        return ruleAllows(r, granted) && ruleAllows(r, other) === same;
      }),
      { numRuns: 3000 },
    );
  });

  test('ruleCovers is ruleAllows for some name', () => {
    fc.assert(
      fc.property(ruleArb, resourceRequestArb, (r, request) => {
        const covered = ruleCovers(compileRule(r), request);
        const someName = ['', 'a', 'b'].some((name) => refRuleAllows({ ...request, name }, r));
        const anyName = refRuleAllows({ ...request, name: 'zzz-unlisted' }, r);
        return (covered !== undefined) === someName && (covered === 'all') === anyName;
      }),
      { numRuns: 3000 },
    );
  });
});
