/**
 * The peer mappings as data (no ../shared needed): every rule they name exists, the rules'
 * `meta.equivalents` name the peer checks mapped to them, every deviation has a reason and
 * appears in docs/conformance.md, and the Pod Security control filters count what they say.
 */
import { readFileSync } from 'node:fs';
import { checkRuleIds, flagged, runFixture } from '../../scripts/conformance/engine';
import { PEERS } from '../../scripts/conformance/index';
import { deviationsMarkdown } from '../../scripts/conformance/report';
import { pss } from '../../scripts/conformance/runs';
import { deviationKey, type CheckMapping } from '../../scripts/conformance/types';
import { BUILTIN_RULES } from '../../rules';
import { DOCS } from './peers';

const RULES = new Map(BUILTIN_RULES.map((r) => [r.meta.id, r]));
/** security/pod-security at level restricted runs the controls security/pod-security-restricted lists. */
const FAMILY: Readonly<Record<string, readonly string[]>> = { 'security/pod-security': ['security/pod-security', 'security/pod-security-restricted'] };
/** Result groups of kube-linter's suite that are not kube-linter checks. */
const NOT_PEER_CHECKS = new Set(['invalid-resource', 'kustomize (built-in defaults)']);

describe.each(PEERS.map((p) => [p.name, p] as const))('%s mapping', (name, peer) => {
  const mapped = Object.entries(peer.mapping).filter((e): e is [string, Extract<CheckMapping, { kind: 'rules' }>] => e[1].kind === 'rules');

  test('every rule it runs exists', () => {
    for (const [, mapping] of mapped) expect(() => checkRuleIds(mapping.run)).not.toThrow();
  });

  test('the rules it runs name the peer check in meta.equivalents', () => {
    const missing = mapped
      .filter(([check, mapping]) => !NOT_PEER_CHECKS.has(check) && mapping.run.customRules === undefined)
      .filter(([check, mapping]) =>
        !mapping.run.rules.flatMap((id) => FAMILY[id] ?? [id]).some((id) => {
          const listed = RULES.get(id)?.meta.equivalents?.[name];
          return listed !== undefined && listed.split(/[,(]/).map((s) => s.trim()).includes(check);
        }),
      )
      .map(([check]) => check);
    expect(missing).toEqual([]);
  });

  test('every unmapped check says why', () => {
    for (const mapping of Object.values(peer.mapping)) if (mapping.kind !== 'rules') expect(mapping.reason.length).toBeGreaterThan(20);
  });

  test('deviations: one per case, each with a reason, about a mapped check, listed in docs/conformance.md', () => {
    const keys = peer.deviations.map(deviationKey);
    expect(new Set(keys).size).toBe(keys.length);
    const known = new Set([...Object.keys(peer.mapping), ...Object.keys(peer.pseudo ?? {})]);
    for (const d of peer.deviations) {
      expect(d.reason.length).toBeGreaterThan(40);
      expect(known.has(d.check)).toBe(true);
      expect(peer.mapping[d.check]?.kind ?? 'rules').toBe('rules');
    }
    expect(readFileSync(DOCS, 'utf8')).toContain(deviationsMarkdown(peer.deviations));
  });
});

describe('Pod Security control filters', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;
  const counted = (mapping: CheckMapping): string[] => {
    if (mapping.kind !== 'rules') throw new Error('not a rule mapping');
    return runFixture({ 'pod.yaml': pod }, mapping.run).findings.map((f) => f.finding.message.replace(/^.*": /, ''));
  };

  test('one control, and one field of a control, out of everything the restricted level reports', () => {
    expect(counted(pss('privileged'))).toEqual(['privileged (container "app" must not set securityContext.privileged=true)']);
    expect(counted(pss('host namespaces', 'hostNetwork=true'))).toEqual(['host namespaces (hostNetwork=true)']);
    expect(counted(pss('host namespaces', 'hostPID=true'))).toEqual([]);
  });

  test('a mapping that names an unknown rule fails instead of agreeing silently', () => {
    expect(() => runFixture({ 'pod.yaml': pod }, { rules: ['security/no-such-rule'] })).toThrow(/unknown rule/);
    expect(flagged(runFixture({ 'pod.yaml': pod }, { rules: ['security/pod-security'] }))).toBe(true);
  });
});
