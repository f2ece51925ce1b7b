/**
 * The messy folder: good manifests, broken YAML of every kind, binary and empty files and
 * other tools' YAML, all in one run. Every problem is found at its line, the good objects
 * are still checked, and nothing crashes.
 */
import { runCli } from './run-cli';

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  message: string;
  object: { kind: string; name: string } | null;
}

describe('a folder of messy input', () => {
  const result = runCli(['--format', 'json', 'test/fixtures/messy']);
  const report = JSON.parse(result.stdout) as { summary: Record<string, number>; findings: JsonFinding[] };
  const at = (file: string): string[] => report.findings.filter((f) => f.file === `test/fixtures/messy/${file}`).map((f) => `${f.line}:${f.column} ${f.ruleId}`);

  test('runs to the end with findings, no internal error', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(report.summary.files).toBe(25);
  });

  test.each([
    ['unterminated-quote.yaml', ['7:13 yaml/syntax']],
    ['tab-indentation.yaml', ['4:1 yaml/tab-indentation', '5:1 yaml/tab-indentation']],
    ['missing-space-after-colon.yaml', ['4:7 yaml/missing-space-after-colon']],
    ['slash-comment.yaml', ['6:3 yaml/slash-comment']],
    ['duplicate-key.yaml', ['9:3 yaml/duplicate-key']],
    ['bad-indentation.yaml', ['5:3 yaml/syntax']],
    ['multi-doc-middle-broken.yaml', ['15:8 yaml/syntax']],
    ['no-apiversion.yaml', ['1:7 schema/missing-api-version-or-kind']],
    ['top-level-sequence.yaml', ['1:1 schema/not-an-object']],
    ['alias-bomb.yaml', ['10:8 yaml/alias-limit']],
    ['js-function-tag.yaml', ['7:11 yaml/unknown-tag']],
    ['latin1.yaml', ['4:12 yaml/invalid-encoding']],
    ['binary.yaml', ['1:1 yaml/unreadable-file']],
    ['kustomization.yaml', ['1:1 schema/not-kubernetes']],
    ['Chart.yaml', ['1:1 schema/not-kubernetes']],
    ['values.yaml', ['1:1 schema/not-kubernetes']],
    ['kubeconfig.yaml', ['1:1 schema/not-kubernetes']],
    ['empty.yaml', []],
    ['comment-only.yaml', []],
  ])('%s', (file, expected) => {
    expect(at(file).filter((f) => /yaml\/|schema\/(not-|missing-api)/.test(f))).toEqual(expected);
  });

  test('the good documents around a broken one are still checked', () => {
    const { stdout } = runCli(['--format', 'json', '--rule', 'metadata/live-object-fields=off', 'test/fixtures/messy/multi-doc-middle-broken.yaml', 'test/fixtures/messy/list.yaml', 'test/fixtures/messy/bom-crlf.yaml', 'test/fixtures/messy/cm.json']);
    const summary = JSON.parse(stdout).summary;
    expect(summary.objects).toBe(2 + 2 + 1 + 1);
  });

  test('nothing is polluted by __proto__ keys', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
