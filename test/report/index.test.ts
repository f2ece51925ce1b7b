import { FORMAT_NAMES, formatReport, isFormatName, type FormatName } from '../../src/report';
import { makeReport, PLAIN } from './fixtures';

describe('report index', () => {
  it('recognizes exactly the four format names', () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'sarif', 'github']);
    for (const name of FORMAT_NAMES) expect(isFormatName(name)).toBe(true);
    for (const name of ['', 'TEXT', 'junit', 'toString', '__proto__', 'constructor']) expect(isFormatName(name)).toBe(false);
  });

  it('rejects an unknown format at run time', () => {
    expect(() => formatReport('xml' as FormatName, makeReport(), PLAIN)).toThrow('unknown output format: xml');
  });

  it('ends every format with a newline', () => {
    for (const name of FORMAT_NAMES) expect(formatReport(name, makeReport(), PLAIN).endsWith('\n')).toBe(true);
  });

  it('loads a formatter module only when its format is used', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const name of FORMAT_NAMES) {
        jest.doMock(`../../src/report/${name}`, () => {
          loaded.push(name);
          return jest.requireActual(`../../src/report/${name}`) as unknown;
        });
      }
      const index = jest.requireActual<typeof import('../../src/report')>('../../src/report');
      expect(loaded).toEqual([]);
      index.formatReport('json', makeReport(), PLAIN);
      expect(loaded).toEqual(['json']);
      index.formatReport('sarif', makeReport(), PLAIN);
      index.formatReport('json', makeReport(), PLAIN);
      expect(loaded).toEqual(['json', 'sarif']);
    });
  });
});
