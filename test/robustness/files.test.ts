/**
 * What the file system can throw at kubevet: binary files, bad encodings, NUL bytes, symlink
 * loops, dangling links, unreadable files and folders, files that vanish or change between
 * discovery and reading, FIFOs, devices, and file names made to break reporters.
 */
import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkSarif } from '../../scripts/fuzz';
import { brief, describeProcess, invariantViolations, lintJson, runCli, runningAsRoot, spawnCliAsync, spawnNode, tempDir, ROOT, BIN } from './support';

/** Hooks into discovery so a test can change the file system between discovery and reading. */
const mockHooks: { afterDiscover: (() => void) | undefined } = { afterDiscover: undefined };
jest.mock('../../src/load/discover', () => {
  const actual = jest.requireActual<typeof import('../../src/load/discover')>('../../src/load/discover');
  return {
    ...actual,
    discoverFiles: (...args: Parameters<typeof actual.discoverFiles>) => {
      const result = actual.discoverFiles(...args);
      mockHooks.afterDiscover?.();
      return result;
    },
  };
});

const CM = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: "v"\n`;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('kubevet-files-'));
  mockHooks.afterDiscover = undefined;
});
afterEach(() => {
  mockHooks.afterDiscover = undefined;
  cleanup();
});

/** Writes files, runs `-f json` on them, checks the positions of every finding. */
function lintFiles(files: Record<string, string | Buffer>, args: string[] = Object.keys(files)): ReturnType<typeof lintJson> {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const result = lintJson(args, dir);
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.code);
  const texts = new Map(Object.entries(files).map(([name, content]) => [name, Buffer.isBuffer(content) ? content : Buffer.from(content)]));
  expect(invariantViolations(result.report.findings, texts)).toEqual([]);
  return result;
}

describe('binary files', () => {
  /** Deterministic pseudo-random bytes. */
  const noise = (n: number, seed: number, avoidNul: boolean): Buffer => {
    const out = Buffer.alloc(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out[i] = avoidNul ? 1 + ((x >>> 16) % 255) : (x >>> 16) & 0xff;
    }
    return out;
  };

  test.each([
    ['image.yaml', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), noise(4000, 1, false)])],
    ['program.yaml', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), noise(4000, 2, false)])],
    ['archive.yml', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), noise(4000, 3, false)])],
    ['noise.json', noise(20_000, 4, false)],
  ])('%s is refused as binary', (name, bytes) => {
    const { code, report } = lintFiles({ [name]: bytes });
    expect(code).toBe(1);
    expect(brief(report)).toEqual(['yaml/unreadable-file 1:1']);
    expect(report.findings[0].message).toMatch(/binary/);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('noise without NUL bytes (seed %i) gives findings with sound positions', (seed) => {
    const { code, report } = lintFiles({ 'noise.yaml': noise(3000, seed, true) });
    expect(code).toBe(1);
    expect(report.findings.length).toBeGreaterThan(0);
  });
});

describe('encodings and NUL bytes', () => {
  const PREFIX = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a';
  const bad = (bytes: number[]): Buffer => Buffer.concat([Buffer.from(PREFIX), Buffer.from(bytes), Buffer.from('b\ndata:\n  k: "v"\n')]);

  test.each([
    ['a lone continuation byte', [0x80]],
    ['a lead byte without continuation', [0xc3]],
    ['0xFF 0xFE inside the text', [0xff, 0xfe]],
    ['a two-byte overlong encoding', [0xc0, 0xaf]],
    ['a truncated four-byte sequence', [0xf0, 0x9f, 0x98]],
  ])('%s is reported where it is', (_what, bytes) => {
    const { code, report } = lintFiles({ 'bad.yaml': bad(bytes) });
    expect(code).toBe(1);
    expect(brief(report).filter((f) => f.startsWith('yaml/invalid-encoding'))).toEqual(['yaml/invalid-encoding 4:10']);
    expect(report.summary.objects).toBe(1);
  });

  // Sequences shaped like UTF-8 that the decoder rejects (encoded surrogates, overlongs, code
  // points above U+10FFFF) are reported on the bad bytes, not after the end of the file.
  test.each([
    ['an encoded surrogate (ED A0 80)', [0xed, 0xa0, 0x80]],
    ['a three-byte overlong (E0 80 AF)', [0xe0, 0x80, 0xaf]],
    ['a code point above U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80]],
    ['a four-byte overlong (F0 80 80 AF)', [0xf0, 0x80, 0x80, 0xaf]],
  ])('%s is reported where it is', (_what, bytes) => {
    const { report } = lintFiles({ 'bad.yaml': bad(bytes) });
    expect(brief(report).filter((f) => f.startsWith('yaml/invalid-encoding'))).toEqual(['yaml/invalid-encoding 4:10']);
  });

  test('invalid UTF-8 after a BOM is reported at its column', () => {
    const { report } = lintFiles({ 'bom.yaml': Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('a: '), 0xff, 0x0a]) });
    expect(brief(report).filter((f) => f.startsWith('yaml/invalid-encoding'))).toEqual(['yaml/invalid-encoding 1:4']);
  });

  test.each([
    ['at the start', Buffer.from('\0apiVersion: v1\n')],
    ['in a quoted string', Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\0b"\n')],
    ['after the first 8 KB', Buffer.from(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "${'x'.repeat(10_000)}\0"\n`)],
  ])('a NUL byte %s: the file is refused', (_where, bytes) => {
    const { code, report } = lintFiles({ 'nul.yaml': bytes });
    expect(code).toBe(1);
    expect(brief(report)).toEqual(['yaml/unreadable-file 1:1']);
    expect(report.findings[0].message).toMatch(/NUL/);
  });

  test.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CM('u'), 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CM('u'), 'utf16le').swap16()])],
    ['UTF-32 BE with BOM', Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61])],
    ['UTF-16 LE without BOM', Buffer.from(CM('u'), 'utf16le')],
  ])('%s is refused with a reason', (_what, bytes) => {
    const { code, report } = lintFiles({ 'wide.yaml': bytes });
    expect(code).toBe(1);
    expect(brief(report)).toEqual(['yaml/unreadable-file 1:1']);
    expect(report.findings[0].message).toMatch(/UTF-16|binary|NUL/);
  });

  test('control characters and terminal escapes in the file do not reach the text report raw', () => {
    const esc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  "\\e]0;owned\\a\\e[2J": a\n  "\\e]0;owned\\a\\e[2J": b\n';
    writeFileSync(join(dir, 'esc.yaml'), esc);
    const { stdout, code } = runCli(['--no-config', 'esc.yaml'], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/duplicate key/);
    const controls = [...stdout].filter((c) => (c < ' ' && c !== '\n' && c !== '\t') || c === '\u007f');
    expect(controls).toEqual([]);
  });

  // YAML (1.1 and 1.2) treats a lone CR as a line break, and so do editors.
  test('CR-only line breaks give the right lines', () => {
    const { report } = lintFiles({ 'cr.yaml': 'apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: x\rdata:\r  a: "1"\r  a: "2"\r' });
    expect(brief(report)).toEqual(['yaml/duplicate-key 7:3']);
  });

  test('CRLF line breaks give the right lines and columns', () => {
    const { report } = lintFiles({ 'crlf.yaml': 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\ndata:\r\n  a: "1"\r\n  a: "2"\r\n' });
    expect(brief(report)).toEqual(['yaml/duplicate-key 7:3']);
  });
});

describe('walking folders', () => {
  test('symlink loops and links back up the tree end, and each real folder is read once', () => {
    mkdirSync(join(dir, 'm', 'a', 'b'), { recursive: true });
    mkdirSync(join(dir, 'm', 'c'));
    writeFileSync(join(dir, 'm', 'a', 'b', 'cm.yaml'), CM('one'));
    symlinkSync('..', join(dir, 'm', 'a', 'b', 'up'));
    symlinkSync('../a', join(dir, 'm', 'c', 'loop'));
    symlinkSync('.', join(dir, 'm', 'here'));
    symlinkSync('self.yaml', join(dir, 'm', 'self.yaml'));
    symlinkSync('loop2.yaml', join(dir, 'm', 'loop1.yaml'));
    symlinkSync('loop1.yaml', join(dir, 'm', 'loop2.yaml'));
    symlinkSync('nowhere.yaml', join(dir, 'm', 'dangling.yaml'));
    const started = Date.now();
    const { code, report, stderr } = lintJson(['m'], dir);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.summary.objects).toBe(1);
  });

  test('a symlink loop, a dangling link and a missing file named on the command line are findings', () => {
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    symlinkSync('nowhere.yaml', join(dir, 'dangling.yaml'));
    writeFileSync(join(dir, 'good.yaml'), CM('good'));
    const { code, report } = lintJson(['self.yaml', 'dangling.yaml', 'missing.yaml', 'good.yaml'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}`).sort()).toEqual([
      'yaml/unreadable-file dangling.yaml',
      'yaml/unreadable-file missing.yaml',
      'yaml/unreadable-file self.yaml',
    ]);
    expect(report.summary.objects).toBe(1);
  });

  test('FIFOs and other special files in a folder are skipped without blocking', () => {
    mkdirSync(join(dir, 'm'));
    execFileSync('mkfifo', [join(dir, 'm', 'pipe.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'm', 'zero.yaml'));
    symlinkSync('/dev/null', join(dir, 'm', 'null.yaml'));
    writeFileSync(join(dir, 'm', 'good.yaml'), CM('good'));
    const { code, report } = lintJson(['m'], dir);
    expect(code).toBe(0);
    expect(report.summary.objects).toBe(1);
  });

  test('devices named on the command line are refused, not read forever', () => {
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const { code, report } = lintJson(['zero.yaml', '/dev/null'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['yaml/unreadable-file', 'yaml/unreadable-file']);
  });

  // open() on a FIFO without a writer would block forever: it is checked first and opened non-blocking.
  test('a FIFO named on the command line is read without waiting for a writer that never comes', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const result = await spawnCliAsync(['--no-config', '-f', 'json', 'pipe.yaml'], { cwd: dir, timeoutMs: 3_000 });
    expect({ how: describeProcess(result), timedOut: result.timedOut }).toEqual({ how: describeProcess(result), timedOut: false });
    // Opened without blocking, a pipe nobody writes to reads as empty (process substitution,
    // `kubevet <(helm template .)`, has a writer and is read in full).
    expect(result.code).toBe(0);
  });

  const asRoot = runningAsRoot();
  (asRoot ? test.skip : test)('an unreadable file is a finding and the rest is checked (skipped as root)', () => {
    writeFileSync(join(dir, 'secret.yaml'), CM('secret'));
    writeFileSync(join(dir, 'good.yaml'), CM('good'));
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    try {
      const { code, report } = lintJson(['.'], dir);
      expect(code).toBe(1);
      expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['yaml/unreadable-file secret.yaml']);
      expect(report.findings[0].message).toMatch(/EACCES/);
      expect(report.summary.objects).toBe(1);
    } finally {
      chmodSync(join(dir, 'secret.yaml'), 0o600);
    }
  });

  (asRoot ? test.skip : test)('an unreadable folder is a finding and the rest is checked (skipped as root)', () => {
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'cm.yaml'), CM('locked'));
    writeFileSync(join(dir, 'good.yaml'), CM('good'));
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const { code, report } = lintJson(['.'], dir);
      expect(code).toBe(1);
      expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['yaml/unreadable-file locked']);
      expect(report.summary.objects).toBe(1);
    } finally {
      chmodSync(join(dir, 'locked'), 0o700);
    }
  });
});

describe('files that change between discovery and reading', () => {
  test('a file deleted after discovery is a finding; the others are checked', () => {
    writeFileSync(join(dir, 'a.yaml'), CM('a'));
    writeFileSync(join(dir, 'gone.yaml'), CM('gone'));
    mockHooks.afterDiscover = () => unlinkSync(join(dir, 'gone.yaml'));
    const { code, report, stderr } = lintJson(['.'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file} ${f.line}:${f.column}`)).toEqual(['yaml/unreadable-file gone.yaml 1:1']);
    expect(report.findings[0].message).toMatch(/ENOENT/);
    expect(report.summary).toMatchObject({ files: 2, objects: 1 });
  });

  test('a file replaced by a folder, a device link or a dangling link after discovery', () => {
    for (const name of ['folder', 'device', 'dangling', 'good']) writeFileSync(join(dir, `${name}.yaml`), CM(name));
    mockHooks.afterDiscover = () => {
      rmSync(join(dir, 'folder.yaml'));
      mkdirSync(join(dir, 'folder.yaml'));
      rmSync(join(dir, 'device.yaml'));
      symlinkSync('/dev/zero', join(dir, 'device.yaml'));
      rmSync(join(dir, 'dangling.yaml'));
      symlinkSync('nowhere', join(dir, 'dangling.yaml'));
    };
    const { code, report } = lintJson(['.'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual([
      'yaml/unreadable-file dangling.yaml',
      'yaml/unreadable-file device.yaml',
      'yaml/unreadable-file folder.yaml',
    ]);
    expect(report.summary.objects).toBe(1);
  });

  test('a file that grows past the limit after discovery is refused', () => {
    writeFileSync(join(dir, 'grows.yaml'), CM('grows'));
    mockHooks.afterDiscover = () => writeFileSync(join(dir, 'grows.yaml'), `${CM('grows')}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const { code, report } = lintJson(['--max-file-size', '1', 'grows.yaml'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['yaml/unreadable-file']);
  });

  test('a folder deleted after discovery: its files are findings', () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.yaml'), CM('a'));
    writeFileSync(join(dir, 'sub', 'b.yaml'), CM('b'));
    mockHooks.afterDiscover = () => rmSync(join(dir, 'sub'), { recursive: true });
    const { code, report } = lintJson(['sub'], dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['yaml/unreadable-file sub/a.yaml', 'yaml/unreadable-file sub/b.yaml']);
  });
});

describe('file names made to break reporters', () => {
  const NAMES = ['new\nline.yaml', 'carriage\rreturn.yaml', 'per%0Acent.yaml', 'co:lon,comma.yaml', '::error::x.yaml', 'hash#frag?q.yaml', 'ünï cödé 😀.yaml', '-dash.yaml', ' lead space.yaml'];
  const DUP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';

  test('github annotations stay one line each, whatever the file name', () => {
    for (const name of NAMES) writeFileSync(join(dir, name), DUP);
    // One finding per file: the copies of one ConfigMap are not what this test is about.
    const { stdout, code } = runCli(['--no-config', '--rule', 'reference/duplicate-object=off', '-f', 'github', '--', ...NAMES], dir);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(NAMES.length + 1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::error file=[^:,\r]*,line=5,col=3,endLine=5,endColumn=7,title=yaml\/duplicate-key::duplicate key/);
  });

  test('JSON and SARIF name each file exactly, and SARIF URIs decode back to the name', () => {
    for (const name of NAMES) writeFileSync(join(dir, name), DUP);
    const sarifResult = runCli(['--no-config', '--rule', 'reference/duplicate-object=off', '-f', 'sarif', '--', ...NAMES], dir);
    const { report } = lintJson(['--rule', 'reference/duplicate-object=off', '--', ...NAMES], dir);
    expect(report.findings.map((f) => f.file).sort()).toEqual([...NAMES].sort());
    expect(checkSarif(sarifResult.stdout, report.findings)).toEqual([]);
    const log = JSON.parse(sarifResult.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    for (const uri of uris) expect(uri).not.toMatch(/[\s#?%](?![0-9A-F]{2})/);
    expect(uris.map((u) => decodeURIComponent(u)).sort()).toEqual([...NAMES].sort());
  });
});

describe('standard output closed early (kubevet … | head)', () => {
  // Writing to a closed pipe raises EPIPE; bin/kubevet.js ends quietly instead of a stack trace.
  test('no stack trace when the reader goes away', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  labels: {a: yes}\n`).join('');
    writeFileSync(join(dir, 'many.yaml'), many);
    const script = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, [${JSON.stringify(BIN)}, '--no-config', 'many.yaml'], { cwd: ${JSON.stringify(dir)}, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => { process.stdout.write(JSON.stringify({ code, err })); });
    `;
    const result = await spawnNode(['-e', script], { cwd: ROOT, timeoutMs: 20_000 });
    const { code, err } = JSON.parse(result.stdout) as { code: number; err: string };
    expect(err).toBe('');
    expect([0, 1]).toContain(code);
  });
});
