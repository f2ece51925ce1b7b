import type * as Sarif from 'sarif';
import { adjustSarif, keepFindings, rebaseFile, rebaseFindings, toReport, workspacePrefix } from '../../src/action/findings';
import { artifactLocation } from '../../src/report/sarif';
import type { JsonReport } from '../../src/report/json';
import type { Finding } from '../../src/types';

function finding(file: string, severity: Finding['severity'], line = 1): Finding {
  return { ruleId: 'yaml/duplicate-key', category: 'yaml', severity, message: 'm', file, line, column: 1, endLine: line, endColumn: 2, object: null, path: null };
}

const REPORT: JsonReport = {
  tool: { name: 'kubevet', version: '0.1.0' },
  kubernetesVersion: '1.36',
  summary: { files: 3, documents: 3, objects: 3, errors: 2, warnings: 1, infos: 1, suppressed: 4 },
  findings: [finding('a.yaml', 'error'), finding('a.yaml', 'info'), finding('b.yaml', 'error'), finding('c.yaml', 'warning')],
};

describe('paths', () => {
  test('the working directory relative to the workspace', () => {
    expect(workspacePrefix('/w', '/w')).toBe('');
    expect(workspacePrefix('/w', '/w/deploy/prod')).toBe('deploy/prod');
  });

  test('relative files move under the prefix; absolute files and stdin stay', () => {
    expect(rebaseFile('', 'a.yaml')).toBe('a.yaml');
    expect(rebaseFile('deploy', 'a.yaml')).toBe('deploy/a.yaml');
    expect(rebaseFile('deploy', '../shared/a.yaml')).toBe('shared/a.yaml');
    expect(rebaseFile('deploy', '/etc/a.yaml')).toBe('/etc/a.yaml');
    expect(rebaseFile('deploy', 'C:/x/a.yaml')).toBe('C:/x/a.yaml');
    expect(rebaseFile('deploy', '<stdin>')).toBe('<stdin>');
    expect(rebaseFindings([finding('a.yaml', 'error')], 'k8s')[0].file).toBe('k8s/a.yaml');
  });
});

describe('keepFindings', () => {
  test('keeps the accepted findings and recounts errors, warnings and infos; the rest of the summary stays', () => {
    const kept = keepFindings(REPORT, (f) => f.file !== 'b.yaml');
    expect(kept.findings.map((f) => f.file)).toEqual(['a.yaml', 'a.yaml', 'c.yaml']);
    expect(kept.summary).toEqual({ files: 3, documents: 3, objects: 3, errors: 1, warnings: 1, infos: 1, suppressed: 4 });
    expect(REPORT.findings).toHaveLength(4);
  });

  test('toReport gives the formatters what they need', () => {
    const report = toReport(REPORT);
    expect(report.findings).toBe(REPORT.findings);
    expect(report.suppressed).toEqual([]);
    expect(report.rules).toEqual([]);
  });
});

describe('adjustSarif', () => {
  function log(files: string[]): Sarif.Log {
    return {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'kubevet', rules: [{ id: 'yaml/duplicate-key' }] } },
          results: files.map((file) => ({ ruleId: 'yaml/duplicate-key', ruleIndex: 0, message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: artifactLocation(file), region: { startLine: 1 } } }] })),
        },
      ],
    };
  }
  const uris = (l: Sarif.Log): (string | undefined)[] => (l.runs[0].results ?? []).map((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri);

  test('relative URIs move under the working directory, with the same encoding', () => {
    expect(uris(adjustSarif(log(['a.yaml', 'my dir/b.yaml', '/abs/c.yaml']), 'deploy'))).toEqual(['deploy/a.yaml', 'deploy/my%20dir/b.yaml', 'file:///abs/c.yaml']);
    expect(uris(adjustSarif(log(['a.yaml']), ''))).toEqual(['a.yaml']);
  });

  test('a filter keeps results in accepted files (decoded, before rebasing) and drops those without a relative file', () => {
    const adjusted = adjustSarif(log(['a.yaml', 'my dir/b.yaml', '/abs/c.yaml']), 'deploy', (file) => file === 'my dir/b.yaml' || file === '/abs/c.yaml');
    expect(uris(adjusted)).toEqual(['deploy/my%20dir/b.yaml']);
    expect(adjusted.runs[0].tool.driver.rules).toHaveLength(1);
  });
});
