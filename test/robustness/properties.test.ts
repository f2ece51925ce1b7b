/**
 * Property-based tests (fast-check): any text, any bytes and random YAML token soup keep the
 * CLI's invariants; JSON and YAML written by other tools load back to the same value with every
 * key and value located exactly; the stream splitter loses nothing. Seeds are fixed so CI is
 * repeatable; a failure prints the seed and the shrunk counterexample.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { positionsOf, type MapPositions, type SeqPositions } from '../../src/load/compose';
import { loadText, SourceText } from '../../src/load';
import { splitDocuments } from '../../src/load/split';
import { checkCase } from '../../scripts/fuzz';
import { tempDir } from './support';

const SEED = process.env.KUBEVET_FUZZ_SEED === undefined ? 4242 : Number(process.env.KUBEVET_FUZZ_SEED);
const { dir, cleanup } = tempDir('kubevet-props-');
afterAll(cleanup);

function expectInvariants(bytes: Buffer, name = 'case.yaml'): void {
  const result = checkCase(bytes, dir, name, { timeLimitMs: 10_000 });
  if (result.violations.length > 0) {
    throw new Error(`invariants broken for input ${JSON.stringify(bytes.toString('utf8'))} (base64 ${bytes.toString('base64')}):\n${result.violations.join('\n')}`);
  }
}

describe(`CLI invariants on arbitrary input (seed ${SEED})`, () => {
  test('any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => expectInvariants(Buffer.from(text, 'utf8'))),
      { seed: SEED, numRuns: 100 },
    );
  });

  test('any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => expectInvariants(Buffer.from(bytes))),
      { seed: SEED, numRuns: 100 },
    );
  });

  const TOKEN = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('\n', '\n  ', '\n    ', '\n- ', '\n  - ', ' ', '\t', '\r\n', '\r') },
    { weight: 6, arbitrary: fc.constantFrom('apiVersion: v1', 'kind: ConfigMap', 'kind: Pod', 'kind: List', 'metadata:', 'name: x', 'labels:', 'data:', 'spec:', 'containers:', 'items:', 'image: nginx', 'a: 1', 'a:', 'b: yes', 'c: 0644') },
    { weight: 5, arbitrary: fc.constantFrom(': ', ':', '- ', '? ', ', ', '[', ']', '{', '}', '"', "'", '|', '>', '|-', '#', ' # c', '---', '...', '&a ', '*a', '<<: *a', '<<: ', '!!str ', '!Ref ', '!!js/function ', '%YAML 1.1', '%TAG ! tag:x:', '\\', '//', '__proto__', '~', 'null', '\ufeff', '\u2028', '\u0085', '\u00a0') },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  );

  test('random YAML token soup', () => {
    fc.assert(
      fc.property(fc.array(TOKEN, { maxLength: 80 }), (tokens) => expectInvariants(Buffer.from(tokens.join(''), 'utf8'))),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('token soup named .json', () => {
    fc.assert(
      fc.property(fc.array(TOKEN, { maxLength: 40 }), (tokens) => expectInvariants(Buffer.from(tokens.join(''), 'utf8'), 'case.json')),
      { seed: SEED + 1, numRuns: 60 },
    );
  });
});

/** Every key and value range of a composed value, checked against the text by `check`. */
function walkPositions(value: unknown, visit: (kind: 'key' | 'value', start: number, end: number, node: unknown) => void): void {
  if (value === null || typeof value !== 'object') return;
  const positions = positionsOf(value);
  if (positions === undefined) throw new Error('a composed collection has no positions');
  if (Array.isArray(value)) {
    const seq = positions as SeqPositions;
    expect(seq.offsets.length).toBe(value.length * 2);
    value.forEach((item, i) => {
      visit('value', seq.offsets[i * 2], seq.offsets[i * 2 + 1], item);
      walkPositions(item, visit);
    });
    return;
  }
  const map = positions as MapPositions;
  const record = value as Record<string, unknown>;
  expect(map.keys).toEqual(Object.keys(record));
  map.keys.forEach((key, i) => {
    visit('key', map.offsets[i * 4], map.offsets[i * 4 + 1], key);
    visit('value', map.offsets[i * 4 + 2], map.offsets[i * 4 + 3], record[key]);
    walkPositions(record[key], visit);
  });
}

/** The value without the position bookkeeping (a symbol-keyed property), for deep equality. */
function plain(value: unknown): unknown {
  return structuredClone(value);
}

function loadOne(text: string): unknown {
  const { documents, problems } = loadText(new SourceText('p.yaml', text));
  const unexpected = problems.filter((p) => p.ruleId !== 'yaml/implicit-type' && p.ruleId !== 'yaml/slash-comment');
  if (unexpected.length > 0) throw new Error(`problems for ${JSON.stringify(text)}: ${JSON.stringify(unexpected)}`);
  if (documents.length !== 1) throw new Error(`${documents.length} documents for ${JSON.stringify(text)}`);
  return documents[0].value;
}

/** JSON values whose text JSON.stringify writes: objects and arrays at the top, as manifests are. */
const JSON_DOCUMENT = fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 }), fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }));

describe(`loading keeps values and positions exact (seed ${SEED})`, () => {
  test('compact JSON: same value as JSON.parse, every key and value range is its JSON text', () => {
    fc.assert(
      fc.property(JSON_DOCUMENT, (doc) => {
        const text = JSON.stringify(doc);
        const value = loadOne(text);
        expect(plain(value)).toEqual(JSON.parse(text));
        walkPositions(value, (kind, start, end, node) => {
          expect({ kind, text: text.slice(start, end) }).toEqual({ kind, text: JSON.stringify(node) });
        });
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('pretty JSON (CRLF too): same value as JSON.parse, every key range is its JSON text', () => {
    fc.assert(
      fc.property(JSON_DOCUMENT, fc.constantFrom(1, 2, 4, '\t'), fc.boolean(), (doc, indent, crlf) => {
        let text = JSON.stringify(doc, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const value = loadOne(text);
        expect(plain(value)).toEqual(JSON.parse(text));
        walkPositions(value, (kind, start, end, node) => {
          if (kind === 'key' || node === null || typeof node !== 'object') expect({ kind, text: text.slice(start, end) }).toEqual({ kind, text: JSON.stringify(node) });
        });
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  const KEY = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_./-]{0,10}$/);
  const SCALAR = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const TREE = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, SCALAR, tie('map'), tie('list')),
    map: fc.dictionary(KEY, tie('node'), { maxKeys: 6 }),
    list: fc.array(tie('node'), { maxLength: 5 }),
  }));

  test('block YAML written by the yaml package (1.1): same value, keys located', () => {
    fc.assert(
      fc.property(fc.dictionary(KEY, TREE.node, { minKeys: 1, maxKeys: 8 }), (doc) => {
        const text = stringify(doc, { version: '1.1' });
        const value = loadOne(text);
        expect(plain(value)).toEqual(plain(doc));
        walkPositions(value, (kind, start, end, node) => {
          if (kind !== 'key') return;
          const slice = text.slice(start, end);
          expect([node, `"${String(node)}"`, `'${String(node)}'`]).toContain(slice);
        });
      }),
      { seed: SEED, numRuns: 120 },
    );
  });
});

describe(`YAML 1.1 written by the yaml package, any strings (seed ${SEED})`, () => {
  test('keys and values of any code points load back unchanged', () => {
    const TEXT = fc.oneof(fc.string({ unit: 'binary', maxLength: 16 }), fc.string({ unit: 'grapheme-ascii', maxLength: 16 }));
    fc.assert(
      fc.property(fc.dictionary(TEXT, fc.oneof(TEXT, fc.array(TEXT, { maxLength: 3 }), fc.dictionary(TEXT, TEXT, { maxKeys: 3 })), { minKeys: 1, maxKeys: 5 }), (doc) => {
        const text = stringify(doc, { version: '1.1' });
        expect(plain(loadOne(text))).toEqual(plain(doc));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe(`the stream splitter (seed ${SEED})`, () => {
  test('chunks cover the text exactly, in order', () => {
    const LINE = fc.oneof(fc.constantFrom('---', '--- x', '...', '---\r', '--- # c', '%YAML 1.1', '----', ' ---', 'a: 1', ''), fc.string({ maxLength: 10 }));
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const chunks = splitDocuments(text);
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        let at = 0;
        for (const chunk of chunks) {
          expect(chunk.start).toBe(at);
          at += chunk.text.length;
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
