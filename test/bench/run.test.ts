import { addFloorRatios, targetLines, type Measurement } from '../../bench/run';

const row = (name: string, wallMs: number, peakRssMb = 100): Measurement => ({ case: name, objects: 1, wallMs, cpuMs: wallMs, objectsPerSecond: 1, peakRssMb, exitCode: 0 });

describe('bench report', () => {
  test('kubevet rows get their wall time over the yaml-package floor of the same corpus', () => {
    const results = [
      row('10000 objects, one file: floor (yaml package parse)', 2000),
      row('10000 objects, one file: floor (js-yaml parse, no positions)', 400),
      row('10000 objects, one file: kubevet default rules', 1500),
      row('10000 objects, file per object: kubevet default rules', 1800),
      row('cold start: kubevet --version', 90),
    ];
    addFloorRatios(results);
    expect(results.map((r) => r.vsFloor)).toEqual([undefined, undefined, 0.75, undefined, undefined]);
  });

  test('targets say met or missed, memory included, and the growth from 10k to 100k', () => {
    const lines = targetLines([
      row('10000 objects, one file: kubevet default rules', 1300),
      row('100000 objects, one file: kubevet default rules', 11_000, 1600),
      row('pre-commit: 20 files, default rules', 150),
    ]);
    expect(lines).toEqual([
      'missed  10000 objects, one file: kubevet default rules: at most 1200 ms; measured 1300 ms',
      'missed  100000 objects, one file: kubevet default rules: at most 12000 ms and 1536 MB (measured 1600 MB); measured 11000 ms',
      'met     pre-commit: 20 files, default rules: at most 200 ms; measured 150 ms',
      'met     growth from 10,000 to 100,000 objects: at most 11x; measured 8.5x',
    ]);
  });

  test('targets whose case did not run are left out', () => {
    expect(targetLines([row('pre-commit: 20 files, default rules', 250)])).toEqual(['missed  pre-commit: 20 files, default rules: at most 200 ms; measured 250 ms']);
  });
});
