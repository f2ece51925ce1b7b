/**
 * loadText parses runs of consecutive document chunks together (one parser start per 64 KB
 * instead of one per document). That is only a speed-up: documents, positions and problems are
 * exactly those of parsing one chunk at a time, including when a chunk is broken.
 */
import fc from 'fast-check';
import { loadChunk, loadText, SourceText, type LoadProblem } from '../../src/load';
import { collectPositionsForTest } from './positions';
import { DEFAULT_COMPOSE_LIMITS } from '../../src/load/compose';
import { splitDocuments } from '../../src/load/split';

const DOCUMENTS = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, labels: {x: yes}}\n',
  'a: 1\na: 2\n',
  'base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n',
  'broken: [\n',
  'key: "unterminated\n',
  'alias: *nowhere\n',
  '# only a comment\n',
  '',
  'list:\n- 1\n- two\n- {three: 3}\n...\n',
  'text: |\n  line one\n  line two\nnext: 0644\n',
  'tabs:\n\tbad: 1\n',
  'value: 3 // three\n',
  'x: !Ref y\n',
];

function reference(source: SourceText): { documents: unknown[]; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const documents: unknown[] = [];
  for (const chunk of splitDocuments(source.text)) for (const doc of loadChunk(source, chunk, DEFAULT_COMPOSE_LIMITS, problems)) documents.push(doc);
  return { documents, problems };
}

describe('documents parsed in batches', () => {
  test('the same documents, positions and problems as one chunk at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...DOCUMENTS.keys()), { minLength: 1, maxLength: 30 }), fc.nat(3), (picks, repeat) => {
        // Enough copies that some runs are longer than a batch.
        const docs = picks.flatMap((i) => new Array<string>(1 + repeat * 150 * (i % 2)).fill(DOCUMENTS[i]));
        const source = new SourceText('batch.yaml', docs.join('---\n'));
        const batched = loadText(source);
        const single = reference(source);
        expect(batched.problems).toEqual(single.problems);
        expect(batched.documents.map((d) => [d.start, d.end, d.value, collectPositionsForTest(d.value)])).toEqual(
          (single.documents as { start: number; end: number; value: unknown }[]).map((d) => [d.start, d.end, d.value, collectPositionsForTest(d.value)]),
        );
      }),
      { seed: 11, numRuns: 25 },
    );
  });
});
