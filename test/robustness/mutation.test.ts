/**
 * The mutation fuzzer (scripts/fuzz.ts) for a fixed number of iterations: real manifests with a
 * line deleted, duplicated or re-indented, a tab, a retyped scalar, a stray `---`, a cut at a
 * random byte or random bytes inserted, each run through the in-process CLI with all four
 * formats and checked against the invariants (see scripts/fuzz.ts). A failure prints the seed,
 * the iteration, the mutations and the mutated input; `node dist/scripts/fuzz.js --seed S
 * --start I --iterations 1` replays it. KUBEVET_FUZZ_SEED=n runs other cases than CI does.
 */
import type { ValidateFunction } from 'ajv';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listManifestFiles, runFuzz, type FuzzSummary } from '../../scripts/fuzz';
import { compileSarifSchema } from '../report/sarif-schema';
import { describeShared, sharedPath } from '../helpers/shared';
import { ROOT } from './support';

const SEED = process.env.KUBEVET_FUZZ_SEED === undefined ? 20250101 : Number(process.env.KUBEVET_FUZZ_SEED);
/** Failing inputs are saved here, byte for byte (created only when a case fails). */
const FAILURE_DIR = join(tmpdir(), 'kubevet-fuzz-failures');

function expectNoFailures(summary: FuzzSummary, iterations: number): void {
  if (summary.failures.length > 0) {
    throw new Error(`${summary.failures.length} fuzz case(s) failed (seed ${SEED}):\n\n${summary.failures.join('\n\n')}`);
  }
  expect(summary.cases).toBe(iterations);
  // The mutants are not all broken the same way: both exit codes occur.
  expect(Object.keys(summary.exitCodes).sort()).toEqual(['0', '1']);
}

describe(`mutation fuzzer over the examples and test fixtures (seed ${SEED})`, () => {
  test('100 mutants keep every invariant', () => {
    const files = listManifestFiles([join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures')], 256 * 1024);
    expect(files.length).toBeGreaterThan(10);
    const summary = runFuzz({ files, seed: SEED, iterations: 100, timeLimitMs: 10_000, determinismEvery: 10, outDir: FAILURE_DIR, maxFailures: 5, replayArgs: '--max-bytes 262144' });
    expectNoFailures(summary, 100);
  });
});

describeShared(`mutation fuzzer over ../shared/corpus (seed ${SEED})`, () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = compileSarifSchema();
  });
  const schemaViolations = (log: unknown): string[] =>
    validate(log) ? [] : [`SARIF schema: ${(validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ')}`];

  test('400 mutants of real manifests keep every invariant, SARIF valid against the 2.1.0 schema (every 8th)', () => {
    const files = listManifestFiles([sharedPath('corpus')], 64 * 1024);
    expect(files.length).toBeGreaterThan(400);
    const summary = runFuzz({
      files,
      seed: SEED + 1,
      iterations: 400,
      timeLimitMs: 10_000,
      determinismEvery: 10,
      outDir: FAILURE_DIR,
      maxFailures: 5,
      validateSarif: schemaViolations,
      validateSarifEvery: 8,
      replayArgs: '--corpus ../shared/corpus --max-bytes 65536',
    });
    expectNoFailures(summary, 400);
  });

  test('harsher mutants (up to 8 mutations each) of real manifests keep every invariant', () => {
    const files = listManifestFiles([sharedPath('corpus')], 16 * 1024);
    const summary = runFuzz({ files, seed: SEED + 2, iterations: 150, maxMutations: 8, timeLimitMs: 10_000, outDir: FAILURE_DIR, maxFailures: 5, replayArgs: '--corpus ../shared/corpus --max-bytes 16384 --max-mutations 8' });
    expectNoFailures(summary, 150);
  });
});
