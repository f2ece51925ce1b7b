/**
 * Turns the command line's paths into the list of files to read: files as named, directories
 * walked recursively for *.yaml, *.yml and *.json (skipping .git, node_modules and hidden
 * folders unless named), glob patterns, `-` for standard input, minus `--ignore` globs and the
 * lines of a `.kubevetignore` file. Problems (missing paths, unreadable folders, symlink loops)
 * are returned, never thrown.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Minimatch, MinimatchOptions } from 'minimatch';

export const STDIN = '-';
const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

export interface DiscoverOptions {
  cwd: string;
  ignore: string[];
  /** Read `.kubevetignore` from the working directory (default true). */
  useIgnoreFile?: boolean;
}

export interface DiscoveredFile {
  /** Absolute path, or `-` for standard input. */
  path: string;
  /** Relative display path with `/` separators (`<stdin>` for standard input). */
  display: string;
}

export interface DiscoverProblem {
  path: string;
  message: string;
}

export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === '' ? absolute : rel).split(sep).join('/');
}

export function discoverFiles(paths: string[], options: DiscoverOptions): { files: DiscoveredFile[]; problems: DiscoverProblem[] } {
  const ignore = compileIgnore(options);
  const files = new Map<string, DiscoveredFile>();
  const problems: DiscoverProblem[] = [];
  const add = (absolute: string): void => {
    const display = displayPath(options.cwd, absolute);
    if (!files.has(absolute) && !ignore.ignores(display, false)) files.set(absolute, { path: absolute, display });
  };
  for (const input of paths.length === 0 ? ['.'] : paths) {
    if (input === STDIN) {
      files.set(STDIN, { path: STDIN, display: '<stdin>' });
      continue;
    }
    const absolute = resolve(options.cwd, input);
    if (existsSync(absolute)) {
      addExisting(absolute, options.cwd, ignore, add, problems);
    } else if (isGlob(input)) {
      expandGlob(input, options.cwd, ignore, add, problems);
    } else {
      problems.push({ path: input, message: `no such file or directory: ${input}` });
    }
  }
  const sorted = [...files.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files: sorted, problems };
}

function addExisting(absolute: string, cwd: string, ignore: IgnoreMatcher, add: (p: string) => void, problems: DiscoverProblem[]): void {
  let stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    problems.push({ path: displayPath(cwd, absolute), message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return;
  }
  if (stats.isDirectory()) {
    walk(absolute, cwd, ignore, new Set(), isManifestName, add, problems);
  } else {
    add(absolute);
  }
}

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

function walk(
  dir: string,
  cwd: string,
  ignore: IgnoreMatcher,
  visited: Set<string>,
  accept: (name: string) => boolean,
  onFile: (p: string) => void,
  problems: DiscoverProblem[],
  root: string = safeRealpath(dir),
): void {
  let real: string;
  let entries: Dirent[];
  try {
    real = realpathSync(dir);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: displayPath(cwd, dir), message: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    return;
  }
  if (visited.has(real)) return; // a symlink loop or a second link to a folder already read
  visited.add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Manifests come from pull requests: a link found while walking must stay inside the
      // walked tree, or a committed link could make kubevet quote an outside file (a secret)
      // in its annotations. Paths named on the command line are read as given.
      try {
        if (!isInside(realpathSync(full), root)) continue;
        const target = statSync(full);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (isDirectory) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith('.')) continue;
      if (ignore.ignores(displayPath(cwd, full), true)) continue;
      walk(full, cwd, ignore, visited, accept, onFile, problems, root);
    } else if (isFile && accept(entry.name)) {
      onFile(full);
    }
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** minimatch is loaded only when a run has glob paths or ignore patterns (most runs have neither). */
function glob(pattern: string, options: MinimatchOptions): Minimatch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Minimatch: MinimatchClass } = require('minimatch') as typeof import('minimatch');
  return new MinimatchClass(pattern, options);
}

function isGlob(input: string): boolean {
  return /[*?[\]{}]/.test(input);
}

function expandGlob(pattern: string, cwd: string, ignore: IgnoreMatcher, add: (p: string) => void, problems: DiscoverProblem[]): void {
  const posix = pattern.split(sep).join('/');
  const parts = posix.split('/');
  const staticParts: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    staticParts.push(part);
  }
  const base = resolve(cwd, staticParts.join('/') || '.');
  const matcher = glob(posix.replace(/^\.\//, ''), { dot: false });
  let matched = 0;
  if (existsSync(base)) {
    walk(base, cwd, ignore, new Set(), () => true, (file) => {
      const rel = displayPath(cwd, file);
      const candidate = posix.startsWith('/') ? file.split(sep).join('/') : rel;
      if (matcher.match(candidate)) {
        matched++;
        add(file);
      }
    }, problems);
  }
  if (matched === 0) problems.push({ path: pattern, message: `the pattern ${pattern} matches no file` });
}

export interface IgnoreMatcher {
  ignores(relativePath: string, isDirectory: boolean): boolean;
}

/**
 * gitignore-style matching: a pattern without `/` matches a name at any depth, a leading `/`
 * anchors it to the working directory, a trailing `/` matches only directories, `!` re-includes.
 */
export function compileIgnoreLines(lines: string[]): IgnoreMatcher {
  const rules = lines
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      let pattern = negate ? line.slice(1) : line;
      const directoryOnly = pattern.endsWith('/');
      if (directoryOnly) pattern = pattern.slice(0, -1);
      const anchored = pattern.startsWith('/') || pattern.slice(0, -1).includes('/');
      pattern = pattern.replace(/^\//, '');
      pattern = anchored ? pattern : `**/${pattern}`;
      return { negate, directoryOnly, self: glob(pattern, { dot: true }), inside: glob(`${pattern}/**`, { dot: true }) };
    });
  return {
    ignores(relativePath: string, isDirectory: boolean): boolean {
      let ignored = false;
      for (const rule of rules) {
        const matchesSelf = rule.self.match(relativePath) && (!rule.directoryOnly || isDirectory);
        if (matchesSelf || rule.inside.match(relativePath)) ignored = !rule.negate;
      }
      return ignored;
    },
  };
}

function compileIgnore(options: DiscoverOptions): IgnoreMatcher {
  const lines = [...options.ignore];
  const ignoreFile = join(options.cwd, '.kubevetignore');
  if (options.useIgnoreFile !== false && existsSync(ignoreFile)) {
    try {
      for (const line of readFileSync(ignoreFile, 'utf8').split(/\r?\n/)) lines.push(line);
    } catch {
      // an unreadable ignore file ignores nothing
    }
  }
  return compileIgnoreLines(lines);
}
