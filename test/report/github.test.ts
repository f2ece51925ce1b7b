import fc from 'fast-check';
import { visibleControls } from '../../src/report/terminal';
import { formatReport } from '../../src/report';
import { escapeData, escapeProperty, formatGithub, workflowCommand } from '../../src/report/github';
import { emptyReport, finding, makeReport, PLAIN } from './fixtures';

interface ParsedCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** Unescape as actions/runner's ActionCommand does (`%25` last, so `%250A` stays `%0A`). */
function unescape(s: string, property: boolean): string {
  const pairs: [string, string][] = [['%0D', '\r'], ['%0A', '\n']];
  if (property) pairs.push(['%3A', ':'], ['%2C', ',']);
  pairs.push(['%25', '%']);
  return pairs.reduce((acc, [from, to]) => acc.split(from).join(to), s);
}

/** The runner's TryParseV2 grammar: `::command k=v,k=v::data` on one line. */
function parseCommand(line: string): ParsedCommand {
  expect(line.startsWith('::')).toBe(true);
  const end = line.indexOf('::', 2);
  expect(end).toBeGreaterThan(2);
  const info = line.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1), true);
    }
  }
  return { command, properties, data: unescape(line.slice(end + 2), false) };
}

describe('github format', () => {
  it('escapes data and property values as the runner expects', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one command per finding and a plain summary line', () => {
    expect(formatGithub(makeReport(), PLAIN)).toBe(
      [
        '::warning file=deploy/app.yaml,line=3,endLine=9,title=security/run-as-root::Container "web" may run as root',
        '::error file=deploy/app.yaml,line=11,col=10,endLine=11,endColumn=29,title=schema/unknown-field::Unknown field "readyOnlyFilesystem"; did you mean "readOnlyRootFilesystem"?',
        '::notice file=deploy/app.yaml,line=120,col=4,endLine=120,endColumn=12,title=metadata/recommended-labels::Missing recommended labels:%0Aapp.kubernetes.io/name, app.kubernetes.io/version%0Anamé 日本語 ✓',
        '::error file=rbac/admin%2Cops%3Av2 100%25.yaml,line=4,endLine=6,title=rbac/wildcard-verbs::Rule grants 100%25 of verbs: "*", on resources: pods,%0D%0Asecrets',
        '::error file=z.yaml,line=2,col=5,endLine=2,endColumn=6,title=yaml/syntax::Bad indentation%0A::error::forged ##[warning]x \\x1b[31mred',
        'kubevet: 5 problems (3 errors, 1 warning, 1 info) in 3 files, 6 objects; 2 suppressed',
        '',
      ].join('\n'),
    );
    expect(formatReport('github', makeReport(), PLAIN)).toBe(formatGithub(makeReport(), PLAIN));
  });

  it('round-trips through the runner grammar, with columns only on single-line ranges', () => {
    const lines = formatGithub(makeReport(), PLAIN).trimEnd().split('\n');
    const parsed = lines.slice(0, -1).map(parseCommand);
    expect(parsed.map((p) => p.command)).toEqual(['warning', 'error', 'notice', 'error', 'error']);
    expect(parsed[1].properties).toEqual({
      file: 'deploy/app.yaml',
      line: '11',
      col: '10',
      endLine: '11',
      endColumn: '29',
      title: 'schema/unknown-field',
    });
    expect(parsed[3].properties).toEqual({ file: 'rbac/admin,ops:v2 100%.yaml', line: '4', endLine: '6', title: 'rbac/wildcard-verbs' });
    expect(parsed[3].data).toBe('Rule grants 100% of verbs: "*", on resources: pods,\r\nsecrets');
    expect(parsed[2].data).toBe(makeReport().findings[2].message);
  });

  it('never lets a message or file name start another command', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (message, file) => {
        const line = workflowCommand(finding({ message, file: `d/${file}` }));
        expect(line).not.toMatch(/[\r\n]/);
        const parsed = parseCommand(line);
        expect(parsed.command).toBe('error');
        // Control characters are shown (\x1b), never passed to the runner's terminal.
        expect(parsed.data).toBe(visibleControls(message));
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        expect(parsed.data).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
        expect(parsed.properties.file).toBe(visibleControls(`d/${file}`));
        expect(parsed.properties.title).toBe('schema/unknown-field');
      }),
    );
  });

  it('gives rendered output no file location, and names the template in the message', () => {
    expect(workflowCommand(finding({ file: '<helm charts/web>', message: 'm', renderedFrom: 'web/templates/a.yaml' }))).toBe('::error title=schema/unknown-field::m (rendered from web/templates/a.yaml)');
    expect(workflowCommand(finding({ file: '<kustomize overlays/prod>', message: 'm' }))).toBe('::error title=schema/unknown-field::m');
  });

  it('gives <stdin> findings no file location', () => {
    expect(workflowCommand(finding({ file: '<stdin>', message: 'm' }))).toBe('::error title=schema/unknown-field::m');
  });

  it('does not annotate suppressed findings and ignores quiet', () => {
    const out = formatGithub(makeReport(), { color: true, quiet: true, showSuppressed: true });
    expect(out).toBe(formatGithub(makeReport(), PLAIN));
    expect(out).not.toContain('deploy/db.yaml');
  });

  it('prints only the summary for a clean run', () => {
    expect(formatGithub(emptyReport({ files: 2, objects: 4 }), PLAIN)).toBe('kubevet: No problems found in 2 files (4 objects)\n');
  });
});
