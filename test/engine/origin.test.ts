import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helmSourceSpans, kustomizeOrigin, originSpans, tagRenderedOrigins } from '../../src/engine/origin';
import { loadText, SourceText } from '../../src/load';
import { buildObjects } from '../../src/model/build';
import type { Finding } from '../../src/types';
import { lintTexts, PRIVILEGED_POD } from './helpers';

const RENDERED = readFileSync(join(__dirname, '..', 'fixtures', 'helm', 'webapp.rendered.yaml'), 'utf8');

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`no ${needle}`);
  return text.slice(0, index).split('\n').length;
}

describe('helm # Source: comments', () => {
  test('every document of helm template output is attributed to its template, marker to last line', () => {
    const spans = helmSourceSpans(new SourceText('<stdin>', RENDERED));
    expect(spans.map((s) => s.origin)).toEqual([
      'webapp/templates/serviceaccount.yaml',
      'webapp/templates/configmap.yaml',
      'webapp/templates/service.yaml',
      'webapp/templates/deployment.yaml',
      'webapp/templates/tests/test-connection.yaml',
    ]);
    expect(spans[0].start).toBe(1);
    expect(spans[2].start).toBe(lineOf(RENDERED, '# Source: webapp/templates/service.yaml') - 1);
    expect(spans[2].end).toBe(lineOf(RENDERED, '# Source: webapp/templates/deployment.yaml') - 2);
    expect(spans[4].end).toBe(RENDERED.split('\n').length - 1);
    for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBe(spans[i - 1].end + 1);
  });

  test('only a leading comment counts: a # Source: line after content, or in a value, names nothing', () => {
    const text = [
      '---',
      '# Source: app/templates/a.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      '# Source: app/templates/late.yaml',
      'metadata: {name: b}',
      '---',
      '# generated, do not edit',
      '',
      '# Source: app/templates/c.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: c}',
      'data:',
      '  note: |',
      '    # Source: not/a/template.yaml',
      '',
    ].join('\n');
    const spans = helmSourceSpans(new SourceText('x.yaml', text));
    expect(spans).toEqual([
      { start: 1, end: 5, origin: 'app/templates/a.yaml' },
      { start: 11, end: 20, origin: 'app/templates/c.yaml' },
    ]);
  });

  test('CRLF output and a first document without --- are read too', () => {
    const text = '# Source: app/templates/a.yaml\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\n---\r\n# Source: app/templates/b.yaml  \r\napiVersion: v1\r\n';
    expect(helmSourceSpans(new SourceText('x.yaml', text))).toEqual([
      { start: 1, end: 4, origin: 'app/templates/a.yaml' },
      { start: 5, end: 7, origin: 'app/templates/b.yaml' },
    ]);
  });

  test('plain manifests have no spans, and their findings stay untagged', () => {
    expect(helmSourceSpans(new SourceText('pod.yaml', PRIVILEGED_POD))).toEqual([]);
    const result = lintTexts({ 'pod.yaml': PRIVILEGED_POD });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.renderedFrom === undefined)).toBe(true);
  });

  test('the engine tags findings (and YAML errors) in a rendered stream with their template', () => {
    const text = `---\n# Source: app/templates/config.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n---\n# Source: app/templates/pod.yaml\n${PRIVILEGED_POD}`;
    const result = lintTexts({ '<stdin>': text });
    const duplicate = result.findings.find((f) => f.ruleId === 'yaml/duplicate-key');
    const privileged = result.findings.find((f) => f.ruleId === 'security/test-privileged');
    expect(duplicate?.renderedFrom).toBe('app/templates/config.yaml');
    expect(privileged?.renderedFrom).toBe('app/templates/pod.yaml');
    expect(privileged?.line).toBe(lineOf(text, 'privileged: true'));
  });
});

describe('kustomize origin annotations', () => {
  test('the path, the generator kustomization, a remote repository', () => {
    expect(kustomizeOrigin('path: ../../base/web.yaml\n')).toBe('../../base/web.yaml');
    expect(kustomizeOrigin('configuredIn: kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n')).toBe('kustomization.yaml');
    expect(kustomizeOrigin('path: examples/web/service.yaml\nrepo: https://github.com/acme/deploy\nref: v1.2\n')).toBe('https://github.com/acme/deploy//examples/web/service.yaml');
    expect(kustomizeOrigin('something else')).toBeUndefined();
  });

  function spansOf(text: string, originBase?: string): ReturnType<typeof originSpans> {
    const source = new SourceText('<kustomize overlays/prod>', text, originBase);
    const { documents } = loadText(source);
    return originSpans([source], buildObjects(documents, { defaultNamespace: 'default' }).objects);
  }

  const BUILT = [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  annotations:',
    '    config.kubernetes.io/origin: |',
    '      path: ../../base/service.yaml',
    '  name: api',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: plain',
    '',
  ].join('\n');

  test('an annotated object spans its document; paths start from the kustomization folder when it is known', () => {
    expect(spansOf(BUILT).get('<kustomize overlays/prod>')).toEqual([{ start: 1, end: 7, origin: '../../base/service.yaml' }]);
    expect(spansOf(BUILT, 'deploy/overlays/prod').get('<kustomize overlays/prod>')).toEqual([{ start: 1, end: 7, origin: 'deploy/base/service.yaml' }]);
  });

  test('where a document has both, the helm template wins; annotated documents beside helm ones keep their own', () => {
    const text = [
      '---',
      '# Source: app/templates/svc.yaml',
      BUILT.split('\n---\n')[0],
      '---',
      BUILT.split('\n---\n')[0].replace('name: api', 'name: other').replace('service.yaml', 'other.yaml'),
      '',
    ].join('\n');
    expect(spansOf(text).get('<kustomize overlays/prod>')?.map((s) => s.origin)).toEqual(['app/templates/svc.yaml', '../../base/other.yaml']);
  });

  test('tagging uses the span that holds the finding line, and nothing outside spans', () => {
    const spans = new Map([['f', [{ start: 1, end: 4, origin: 'a' }, { start: 9, end: 12, origin: 'b' }]]]);
    const at = (line: number, file = 'f'): Finding => ({ ruleId: 'x/y', category: 'yaml', severity: 'info', message: 'm', file, line, column: 1, endLine: line, endColumn: 1, object: null, path: null });
    const findings = [at(1), at(4), at(6), at(9), at(12), at(13), at(2, 'g')];
    tagRenderedOrigins(findings, spans);
    expect(findings.map((f) => f.renderedFrom)).toEqual(['a', 'a', undefined, 'b', 'b', undefined, undefined]);
  });
});
