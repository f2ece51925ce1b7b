import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileIgnoreLines, discoverFiles } from '../../src/load/discover';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kubevet-discover-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('discovering files', () => {
  const root = tree({
    'app/deploy.yaml': 'a: 1',
    'app/svc.yml': 'a: 1',
    'app/cm.json': '{}',
    'app/notes.md': '# no',
    'app/.hidden/secret.yaml': 'a: 1',
    'app/node_modules/x.yaml': 'a: 1',
    'app/.git/config.yaml': 'a: 1',
    'app/sub/deep.yaml': 'a: 1',
    'app/sub/skip.tmpl.yaml': 'a: 1',
  });

  test('folders are walked for manifests, skipping .git, node_modules and hidden folders; output is sorted', () => {
    const { files, problems } = discoverFiles(['app'], { cwd: root, ignore: [] });
    expect(files.map((f) => f.display)).toEqual(['app/cm.json', 'app/deploy.yaml', 'app/sub/deep.yaml', 'app/sub/skip.tmpl.yaml', 'app/svc.yml']);
    expect(problems).toEqual([]);
  });

  test('hidden folders and any file are read when named', () => {
    const { files } = discoverFiles(['app/.hidden', 'app/notes.md'], { cwd: root, ignore: [] });
    expect(files.map((f) => f.display)).toEqual(['app/.hidden/secret.yaml', 'app/notes.md']);
  });

  test('globs, --ignore and .kubevetignore', () => {
    expect(discoverFiles(['app/**/*.yaml'], { cwd: root, ignore: ['*.tmpl.yaml'] }).files.map((f) => f.display)).toEqual(['app/deploy.yaml', 'app/sub/deep.yaml']);
    writeFileSync(join(root, '.kubevetignore'), '# comment\nsub/\n');
    expect(discoverFiles(['app'], { cwd: root, ignore: [] }).files.map((f) => f.display)).toEqual(['app/cm.json', 'app/deploy.yaml', 'app/svc.yml']);
  });

  test('missing paths and unmatched globs are problems, not crashes', () => {
    const { problems } = discoverFiles(['nope.yaml', 'app/*.yoml'], { cwd: root, ignore: [] });
    expect(problems.map((p) => p.message)).toEqual(['no such file or directory: nope.yaml', 'the pattern app/*.yoml matches no file']);
  });

  test('symlink loops end, and unreadable folders are reported', () => {
    const loop = tree({ 'a/x.yaml': 'a: 1' });
    symlinkSync(join(loop, 'a'), join(loop, 'a', 'again'));
    expect(discoverFiles(['.'], { cwd: loop, ignore: [] }).files.map((f) => f.display)).toEqual(['a/x.yaml']);
    if (process.getuid?.() !== 0) {
      mkdirSync(join(loop, 'locked'));
      chmodSync(join(loop, 'locked'), 0o000);
      expect(discoverFiles(['.'], { cwd: loop, ignore: [] }).problems[0].message).toMatch(/cannot read directory/);
    }
  });

  test('- is standard input', () => {
    expect(discoverFiles(['-'], { cwd: root, ignore: [] }).files).toEqual([{ path: '-', display: '<stdin>' }]);
  });
});

describe('gitignore-style lines', () => {
  const ignore = compileIgnoreLines(['*.tmpl.yaml', '/build/', 'charts/**/templates', '!keep.tmpl.yaml']);
  test.each([
    ['a.tmpl.yaml', false, true],
    ['x/y/a.tmpl.yaml', false, true],
    ['keep.tmpl.yaml', false, false],
    ['build', true, true],
    ['build/a.yaml', false, true],
    ['x/build/a.yaml', false, false],
    ['charts/web/templates/d.yaml', false, true],
    ['deploy.yaml', false, false],
  ])('%s', (path, isDirectory, expected) => {
    expect(ignore.ignores(path, isDirectory)).toBe(expected);
  });
});
