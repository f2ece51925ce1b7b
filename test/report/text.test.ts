import { formatReport } from '../../src/report';
import { formatText } from '../../src/report/text';
import { displayWidth, inertLine, safeLines } from '../../src/report/terminal';
import { emptyReport, finding, makeReport, PLAIN } from './fixtures';

const ZWSP = '\u200b';
// eslint-disable-next-line no-control-regex -- stripping ANSI sequences
const stripAnsi = (s: string): string => s.replace(/\u001b\[\d+m/g, '');

const EXPECTED_PLAIN = [
  'deploy/app.yaml',
  '    3:1   warning  Container "web" may run as root                                              security/run-as-root',
  '   11:10  error    Unknown field "readyOnlyFilesystem"; did you mean "readOnlyRootFilesystem"?  schema/unknown-field',
  '  120:4   info     Missing recommended labels:                                                  metadata/recommended-labels',
  '                   app.kubernetes.io/name, app.kubernetes.io/version',
  '                   namé 日本語 ✓',
  '',
  'rbac/admin,ops:v2 100%.yaml',
  '  4:3  error  Rule grants 100% of verbs: "*", on resources: pods,  rbac/wildcard-verbs',
  '              secrets',
  '',
  'z.yaml',
  '  2:5  error  Bad indentation  yaml/syntax',
  `              ${ZWSP}::error::forged ##${ZWSP}[warning]x \\x1b[31mred`,
  '',
  '✖ 5 problems (3 errors, 1 warning, 1 info) in 3 files, 6 objects; 2 suppressed',
  '',
].join('\n');

const EXPECTED_SUPPRESSED_SECTION = [
  'Suppressed (2):',
  '',
  'deploy/db.yaml',
  '  7:5  error    Container "db" may run as root         security/run-as-root  (suppressed by kubevet-disable-next-line comment (deploy/db.yaml:6): legacy image)',
  '  1:1  warning  Namespace "data" has no NetworkPolicy  network/no-policy     (suppressed by .kubevet.yaml ignore[0])',
].join('\n');

describe('text format', () => {
  it('groups by file with aligned columns and a closing summary', () => {
    expect(formatText(makeReport(), PLAIN)).toBe(EXPECTED_PLAIN);
    expect(formatReport('text', makeReport(), PLAIN)).toBe(EXPECTED_PLAIN);
  });

  it('emits no escape sequences without color', () => {
    expect(formatText(makeReport(), { ...PLAIN, showSuppressed: true })).not.toContain('\u001b');
  });

  it('colours severities, dims rule ids, emphasizes file headers, and keeps the layout', () => {
    const out = formatText(makeReport(), { ...PLAIN, color: true });
    expect(stripAnsi(out)).toBe(EXPECTED_PLAIN);
    expect(out).toContain('\u001b[31merror\u001b[39m');
    expect(out).toContain('\u001b[33mwarning\u001b[39m');
    expect(out).toContain('\u001b[36minfo\u001b[39m');
    expect(out).toContain('\u001b[2mschema/unknown-field\u001b[22m');
    expect(out).toContain('\u001b[1m\u001b[4mdeploy/app.yaml\u001b[24m\u001b[22m');
    expect(out).toContain('\u001b[1m\u001b[31m✖ 5 problems');
  });

  it('colours the summary by the worst severity present', () => {
    const warnOnly = makeReport({ summary: { ...makeReport().summary, errors: 0 } });
    expect(formatText(warnOnly, { ...PLAIN, color: true })).toContain('\u001b[1m\u001b[33m✖ 2 problems');
    const infoOnly = makeReport({ summary: { ...makeReport().summary, errors: 0, warnings: 0 } });
    expect(formatText(infoOnly, { ...PLAIN, color: true })).toContain('\u001b[1m\u001b[36m✖ 1 problem (');
    expect(formatText(emptyReport({ files: 2, objects: 3 }), { ...PLAIN, color: true })).toBe(
      '\u001b[1m\u001b[32m✔ No problems found in 2 files (3 objects)\u001b[39m\u001b[22m\n',
    );
  });

  it('with quiet shows only errors but still counts everything', () => {
    const out = formatText(makeReport(), { ...PLAIN, quiet: true });
    expect(out).not.toContain('warning  ');
    expect(out).not.toContain('info ');
    expect(out).toContain('  11:10  error  Unknown field');
    expect(out).toContain('rbac/wildcard-verbs');
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '✖ 5 problems (3 errors, 1 warning, 1 info) in 3 files, 6 objects; 2 suppressed; 2 hidden by --quiet',
    );
  });

  it('with quiet drops file groups that have no errors', () => {
    const report = makeReport({ findings: [finding({ severity: 'warning', file: 'a.yaml' }), finding({ file: 'b.yaml' })] });
    const out = formatText(report, { ...PLAIN, quiet: true });
    expect(out).not.toContain('a.yaml');
    expect(out).toContain('b.yaml');
  });

  it('lists suppressed findings after the main list with showSuppressed', () => {
    const out = formatText(makeReport(), { ...PLAIN, showSuppressed: true });
    const summary = '✖ 5 problems (3 errors, 1 warning, 1 info) in 3 files, 6 objects; 2 suppressed\n';
    expect(out).toBe(`${EXPECTED_PLAIN.slice(0, -summary.length)}${EXPECTED_SUPPRESSED_SECTION}\n\n${summary}`);
    expect(formatText(makeReport(), PLAIN)).not.toContain('suppressed by');
  });

  it('applies quiet to the suppressed list too and omits an empty section', () => {
    const out = formatText(makeReport(), { ...PLAIN, quiet: true, showSuppressed: true });
    expect(out).toContain('Suppressed (1):');
    expect(out).not.toContain('network/no-policy');
    const none = formatText(makeReport({ suppressed: [] }), { ...PLAIN, showSuppressed: true });
    expect(none).not.toContain('Suppressed');
  });

  describe('summary wording', () => {
    it('reports a clean run', () => {
      expect(formatText(emptyReport({ files: 5, objects: 40 }), PLAIN)).toBe('✔ No problems found in 5 files (40 objects)\n');
      expect(formatText(emptyReport({ files: 1, objects: 1 }), PLAIN)).toBe('✔ No problems found in 1 file (1 object)\n');
      expect(formatText(emptyReport({ files: 5, objects: 40, suppressed: 4 }), PLAIN)).toBe(
        '✔ No problems found in 5 files (40 objects); 4 suppressed\n',
      );
    });

    it('pluralizes every count', () => {
      const report = makeReport({
        findings: [finding({})],
        suppressed: [],
        summary: { files: 1, documents: 1, objects: 1, errors: 1, warnings: 0, infos: 0, suppressed: 0 },
      });
      expect(formatText(report, PLAIN).trimEnd().split('\n').at(-1)).toBe(
        '✖ 1 problem (1 error, 0 warnings, 0 infos) in 1 file, 1 object',
      );
      const many = makeReport({
        summary: { files: 5, documents: 41, objects: 40, errors: 3, warnings: 7, infos: 2, suppressed: 4 },
      });
      expect(formatText(many, PLAIN).trimEnd().split('\n').at(-1)).toBe(
        '✖ 12 problems (3 errors, 7 warnings, 2 infos) in 5 files, 40 objects; 4 suppressed',
      );
    });
  });

  describe('untrusted text', () => {
    it('makes control characters visible and keeps each finding on its own lines', () => {
      expect(safeLines('a\tb\u0007c\u009bd\r\ne\rf')).toEqual(['a\\tb\\x07c\\x9bd', 'e', 'f']);
      const report = makeReport({ findings: [finding({ file: 'x\u001b]0;evil\u0007.yaml', ruleId: 'r\nx' })] });
      const out = formatText(report, PLAIN);
      // eslint-disable-next-line no-control-regex -- asserting that no control characters remain
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(out).toContain('x\\x1b]0;evil\\x07.yaml');
      expect(out).toContain('r\\nx');
    });

    it('neutralizes lines the GitHub Actions runner would read as workflow commands', () => {
      expect(inertLine('  ::add-mask::x')).toBe(`  ${ZWSP}::add-mask::x`);
      expect(inertLine('a ##[error]b')).toBe(`a ##${ZWSP}[error]b`);
      expect(inertLine('a::b')).toBe('a::b');
      const out = formatText(makeReport({ findings: [finding({ file: '::stop-commands::t' })] }), PLAIN);
      for (const line of out.split('\n')) {
        expect(line.trimStart().startsWith('::')).toBe(false);
        expect(line).not.toContain('##[');
      }
    });

    it('aligns by display width for wide and combining characters', () => {
      expect(displayWidth('日本語')).toBe(6);
      expect(displayWidth('e\u0301')).toBe(1);
      expect(displayWidth('ascii')).toBe(5);
      expect(displayWidth('')).toBe(0);
      expect(displayWidth('tab\x7fdel 日')).toBe(10);
      const report = makeReport({
        findings: [finding({ message: '日本語', line: 1 }), finding({ message: 'abcdef', line: 2, ruleId: 'b/b' })],
      });
      const rows = formatText(report, PLAIN).split('\n').slice(1, 3);
      expect(rows).toEqual(['  1:1  error  日本語  schema/unknown-field', '  2:1  error  abcdef  b/b']);
    });
  });
});
