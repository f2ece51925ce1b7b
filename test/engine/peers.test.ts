import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/engine/config';
import { equivalentCheckIds, PEER_TOOLS, peerCheckIndex, type PeerTool } from '../../src/engine/peers';
import { SourceText } from '../../src/load';
import { BUILTIN_RULES } from '../../rules';
import { lintTexts } from './helpers';

/** A Deployment with findings from rules that have peers' equivalents (and one, missing-pdb, without a kube-linter one). */
function deployment(annotations: Record<string, string>, podAnnotations: Record<string, string> = {}): string {
  const block = (entries: Record<string, string>, indent: string): string =>
    Object.keys(entries).length === 0 ? '' : `${indent}annotations:\n${Object.entries(entries).map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${JSON.stringify(v)}\n`).join('')}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${block(annotations, '  ')}spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
${block(podAnnotations, '      ')}    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: nginx
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;
}

const ALL_RULES = [
  'image/latest-tag',
  'network/missing-default-deny',
  'reliability/missing-pdb',
  'reliability/missing-probe',
  'reliability/missing-resources',
  'reliability/no-pod-spread',
];

function lint(annotations: Record<string, string>, honor: PeerTool[] | undefined, podAnnotations: Record<string, string> = {}): { reported: string[]; suppressed: { ruleId: string; suppressedBy: string }[] } {
  const config: Partial<Config> = honor === undefined ? {} : { honorPeerAnnotations: honor };
  const result = lintTexts({ 'web.yaml': deployment(annotations, podAnnotations) }, { rules: [...BUILTIN_RULES], config });
  return { reported: result.findings.map((f) => f.ruleId).sort(), suppressed: result.suppressed.map((f) => ({ ruleId: f.ruleId, suppressedBy: f.suppressedBy })) };
}

const without = (...ids: string[]): string[] => ALL_RULES.filter((id) => !ids.includes(id));

test('the fixture reports the rules the cases below rely on', () => {
  expect(lint({}, undefined).reported).toEqual(ALL_RULES);
});

test('off by default: peer annotations suppress nothing and are never reported as unused', () => {
  const { reported, suppressed } = lint({ 'ignore-check.kube-linter.io/latest-tag': 'pinned elsewhere', 'checkov.io/skip1': 'CKV_K8S_14' }, undefined);
  expect(reported).toEqual(ALL_RULES);
  expect(suppressed).toEqual([]);
});

describe('kube-linter', () => {
  test('ignore-check.kube-linter.io/<check> silences the rules that are its equivalents, with the reason', () => {
    const { reported, suppressed } = lint({ 'ignore-check.kube-linter.io/latest-tag': 'digest pinned by the deploy job' }, ['kube-linter']);
    expect(reported).toEqual(without('image/latest-tag'));
    expect(suppressed).toEqual([{ ruleId: 'image/latest-tag', suppressedBy: 'kube-linter annotation ignore-check.kube-linter.io/latest-tag (web.yaml:6): digest pinned by the deploy job' }]);
  });

  test('kube-linter.io/ignore-all silences every rule with a kube-linter equivalent, and only those', () => {
    expect(lint({ 'kube-linter.io/ignore-all': 'vendored' }, ['kube-linter']).reported).toEqual(['reliability/missing-pdb']);
  });

  test('a check kubevet has no equivalent for silences nothing and is not reported', () => {
    expect(lint({ 'ignore-check.kube-linter.io/required-label-owner': 'x' }, ['kube-linter'])).toEqual({ reported: ALL_RULES, suppressed: [] });
  });
});

describe('Polaris', () => {
  test('polaris.fairwinds.com/<check>-exempt: "true" (any case), not "false"', () => {
    expect(lint({ 'polaris.fairwinds.com/tagNotSpecified-exempt': 'True' }, ['polaris']).reported).toEqual(without('image/latest-tag'));
    expect(lint({ 'polaris.fairwinds.com/tagNotSpecified-exempt': 'false' }, ['polaris']).reported).toEqual(ALL_RULES);
  });

  test('polaris.fairwinds.com/exempt: "true" silences every rule with a Polaris equivalent (the key is matched case-insensitively in equivalents)', () => {
    expect(lint({ 'polaris.fairwinds.com/exempt': 'true' }, ['polaris']).reported).toEqual([]);
  });
});

describe('kube-score', () => {
  test('kube-score/ignore lists checks, on the object or on its pod template', () => {
    expect(lint({ 'kube-score/ignore': 'container-image-tag, pod-probes' }, ['kube-score']).reported).toEqual(without('image/latest-tag', 'reliability/missing-probe'));
    const fromTemplate = lint({}, ['kube-score'], { 'kube-score/ignore': 'container-resources' });
    expect(fromTemplate.reported).toEqual(without('reliability/missing-resources'));
    expect(fromTemplate.suppressed[0].suppressedBy).toBe('kube-score annotation kube-score/ignore (web.yaml:13)');
  });

  test('`*` and kube-score/skip: "true" silence every rule with a kube-score equivalent', () => {
    // Every rule this deployment triggers has a kube-score equivalent (network/missing-default-deny
    // is kube-score's pod-networkpolicy, judged per namespace).
    expect(lint({}, []).reported.length).toBeGreaterThan(0);
    expect(lint({ 'kube-score/ignore': '*' }, ['kube-score']).reported).toEqual([]);
    expect(lint({ 'kube-score/skip': 'true' }, ['kube-score']).reported).toEqual([]);
  });
});

describe('Checkov', () => {
  test('checkov.io/skip<N>: CKV_K8S_<n>=reason, with or without a reason; bridgecrew.io/skip<N> too', () => {
    const { reported, suppressed } = lint({ 'checkov.io/skip1': 'CKV_K8S_14=pinned by digest at deploy time', 'checkov.io/skip2': 'CKV_K8S_8', 'bridgecrew.io/skip3': 'CKV_K8S_11=burstable on purpose' }, ['checkov']);
    expect(reported).toEqual(without('image/latest-tag', 'reliability/missing-probe', 'reliability/missing-resources'));
    expect(suppressed.find((s) => s.ruleId === 'image/latest-tag')?.suppressedBy).toBe('checkov annotation checkov.io/skip1 (web.yaml:6): pinned by digest at deploy time');
  });
});

test('only the tools named in honorPeerAnnotations count', () => {
  const annotations = { 'ignore-check.kube-linter.io/latest-tag': 'x', 'checkov.io/skip1': 'CKV_K8S_10' };
  expect(lint(annotations, ['checkov']).reported).toEqual(without('reliability/missing-resources'));
  expect(lint(annotations, ['kube-linter', 'checkov']).reported).toEqual(without('reliability/missing-resources', 'image/latest-tag'));
});

test('a peer annotation left with nothing to silence (kubevet\'s own annotation came first) is not reported as unused', () => {
  const result = lintTexts({ 'web.yaml': deployment({ 'kubevet.io/ignore': 'image/latest-tag', 'ignore-check.kube-linter.io/latest-tag': 'x' }) }, { rules: [...BUILTIN_RULES], config: { honorPeerAnnotations: ['kube-linter'] } });
  // The kubevet annotation is matched first and used; the peer one is never reported.
  expect(result.findings.filter((f) => f.ruleId === 'metadata/unused-suppression')).toEqual([]);
  expect(result.suppressed.map((f) => f.suppressedBy)).toEqual(['kubevet.io/ignore annotation (web.yaml:6)']);
});

describe('the equivalents mapping', () => {
  test('lists are split, parenthetical notes dropped, "(partly)" entries left out', () => {
    expect(equivalentCheckIds('no-readiness-probe, no-liveness-probe')).toEqual(['no-readiness-probe', 'no-liveness-probe']);
    expect(equivalentCheckIds('exposed-services (partly)')).toEqual([]);
    expect(equivalentCheckIds('k8s-pss-baseline-0.1 / k8s-pss-restricted-0.1')).toEqual(['k8s-pss-baseline-0.1', 'k8s-pss-restricted-0.1']);
    expect(equivalentCheckIds('CKV_K8S_155, CKV2_K8S_5')).toEqual(['CKV_K8S_155', 'CKV2_K8S_5']);
  });

  test('every honoured tool maps checks to registered rules', () => {
    const index = peerCheckIndex(BUILTIN_RULES);
    const ids = new Set(BUILTIN_RULES.map((r) => r.meta.id));
    for (const tool of PEER_TOOLS) {
      const checks = index.get(tool);
      expect(checks?.size).toBeGreaterThan(0);
      for (const ruleIds of checks?.values() ?? []) for (const id of ruleIds) expect(ids.has(id)).toBe(true);
    }
    expect(index.get('kube-linter')?.get('latest-tag')).toEqual(['image/latest-tag']);
    expect(index.get('kube-linter')?.has('exposed-services')).toBe(false);
  });
});

describe('configuration', () => {
  const parse = (text: string): Config => parseConfig(new SourceText('.kubevet.yaml', text), BUILTIN_RULES);

  test('honorPeerAnnotations takes the honoured tools, and the schema lists exactly those', () => {
    expect(parse('honorPeerAnnotations: [kube-linter, polaris, kube-score, checkov]\n').honorPeerAnnotations).toEqual(['kube-linter', 'polaris', 'kube-score', 'checkov']);
    expect(() => parse('honorPeerAnnotations: [trivy]\n')).toThrow(/\.kubevet\.yaml:1:\d+: invalid configuration: `honorPeerAnnotations\[0\]` must be one of "kube-linter", "polaris", "kube-score", "checkov"/);
    const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'config.schema.json'), 'utf8')) as { properties: { honorPeerAnnotations: { items: { enum: string[] } } } };
    expect(schema.properties.honorPeerAnnotations.items.enum).toEqual([...PEER_TOOLS]);
  });
});
