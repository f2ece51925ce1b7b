/**
 * A hardened, correct manifest set gets no warning or error from the reference and reliability
 * rules; the only notes are the outside dependencies it really has.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lint } from './support';

const ROOT = join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

function read(dirs: readonly string[]): Record<string, string> {
  const files = dirs.flatMap((d) => yamlFiles(join(ROOT, d)));
  return Object.fromEntries(files.map((f) => [relative(ROOT, f).replace(/\\/g, '/'), readFileSync(f, 'utf8')]));
}

describe.each([[['examples/good']], [['test/fixtures/hardened']], [['examples/good', 'test/fixtures/hardened']]])('%j', (dirs) => {
  const files = read(dirs);

  test.each([false, true])('no warning or error (closedWorld %s: only dependencies outside the set)', (closedWorld) => {
    const found = lint(files, { closedWorld }).filter((f) => f.severity !== 'info' && !(closedWorld && f.ruleId === 'reference/dangling-reference'));
    expect(found.map((f) => `${f.file}:${f.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  test('the notes are the IngressClass and the TLS Secret created outside the set', () => {
    const notes = lint(files).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    const expected = dirs.includes('examples/good') ? ['reference/unresolved-reference examples/good/ingress.yaml:16', 'reference/unresolved-reference examples/good/ingress.yaml:20'] : [];
    expect(notes).toEqual(expected);
  });
});
