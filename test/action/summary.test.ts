import { blobUrl, escapeCell, failureSummary, jobSummary, topFindings } from '../../src/action/summary';
import type { JsonReport } from '../../src/report/json';
import type { Finding } from '../../src/types';

function finding(file: string, line: number, severity: Finding['severity'], message = `at ${line}`): Finding {
  return { ruleId: 'schema/unknown-field', category: 'schema', severity, message, file, line, column: 1, endLine: line, endColumn: 2, object: null, path: null };
}

function report(findings: Finding[]): JsonReport {
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  return {
    tool: { name: 'kubevet', version: '0.1.0' },
    kubernetesVersion: '1.36',
    summary: { files: 2, documents: 2, objects: 2, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: 1 },
    findings,
  };
}

describe('escapeCell', () => {
  test('code spans stay; pipes cannot open cells, even inside code', () => {
    expect(escapeCell('unknown field `a|b` in x|y')).toBe('unknown field `a\\|b` in x\\|y');
  });

  test('links, images, HTML and emphasis from manifests are neutralized', () => {
    expect(escapeCell('[click](https://evil.example) <img src=x> *bold* _it_ ~~s~~ &amp;')).toBe(
      '\\[click\\](https://evil.example) \\<img src=x\\> \\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\&amp;',
    );
  });

  test('an unmatched backtick is escaped and newlines become spaces', () => {
    expect(escapeCell('a ` b\nc')).toBe('a \\` b c');
  });
});

describe('topFindings', () => {
  test('errors first, then warnings, then infos, in report order within each', () => {
    const findings = [finding('a.yaml', 1, 'info'), finding('a.yaml', 2, 'error'), finding('b.yaml', 1, 'warning'), finding('b.yaml', 2, 'error')];
    expect(topFindings(findings, 3).map((f) => `${f.file}:${f.line}`)).toEqual(['a.yaml:2', 'b.yaml:2', 'b.yaml:1']);
  });
});

describe('blobUrl', () => {
  test('encodes path segments, parentheses included', () => {
    expect(blobUrl('https://github.com/', 'o/r', 'abc', 'k8s/my app (v2)/x.yaml', 7)).toBe('https://github.com/o/r/blob/abc/k8s/my%20app%20%28v2%29/x.yaml#L7');
  });
});

describe('jobSummary', () => {
  test('totals, verdict and a table of findings with links', () => {
    const text = jobSummary(report([finding('deploy/a.yaml', 3, 'warning', 'use `#`'), finding('deploy/a.yaml', 9, 'error', 'unknown field `x`')]), {
      limit: 50,
      exitCode: 1,
      link: (file, line) => `https://example.test/${file}#L${line}`,
    });
    expect(text).toBe(
      [
        '## kubevet',
        '',
        '**2 problems (1 error, 1 warning, 0 infos) in 2 files, 2 objects; 1 suppressed** (Kubernetes 1.36) — failed: findings reached `fail-on`',
        '',
        '| Errors | Warnings | Infos | Suppressed | Files | Objects |',
        '| ---: | ---: | ---: | ---: | ---: | ---: |',
        '| 1 | 1 | 0 | 1 | 2 | 2 |',
        '',
        '| Location | Severity | Rule | Message |',
        '| --- | --- | --- | --- |',
        '| [deploy/a.yaml:9](https://example.test/deploy/a.yaml#L9) | error | `schema/unknown-field` | unknown field `x` |',
        '| [deploy/a.yaml:3](https://example.test/deploy/a.yaml#L3) | warning | `schema/unknown-field` | use `#` |',
        '',
      ].join('\n'),
    );
  });

  test('the table is capped, says so, and long messages are shortened', () => {
    const findings = Array.from({ length: 60 }, (_, i) => finding('a.yaml', i + 1, 'error', 'x'.repeat(400)));
    const text = jobSummary(report(findings), { limit: 50, exitCode: 1 });
    const rows = text.split('\n').filter((line) => line.startsWith('| a.yaml:'));
    expect(rows).toHaveLength(50);
    expect(rows[0]).toContain(`${'x'.repeat(299)}…`);
    expect(text).toContain('Showing 50 of 60 findings, most severe first; the annotations and the SARIF report have them all.');
  });

  test('a clean run has no table; notes appear under the totals', () => {
    const text = jobSummary(report([]), { limit: 50, exitCode: 0, notes: ['`only-changed`: a note.'] });
    expect(text).toContain('**No problems found in 2 files (2 objects); 1 suppressed** (Kubernetes 1.36) — passed');
    expect(text).toContain('\n\n`only-changed`: a note.\n');
    expect(text).not.toContain('| Location |');
  });

  test('a failure summary escapes the message', () => {
    expect(failureSummary('bad <input>')).toBe('## kubevet\n\n**kubevet could not run:** bad \\<input\\>\n');
  });
});
