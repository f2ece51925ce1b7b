/**
 * The slow path for documents the fast parser refused: the `yaml` package reports every error
 * it can find with exact ranges, and this module turns them into messages that name the likely
 * mistake (tabs, `key:value` without a space, `//` comments) rather than the parser's state.
 */
import { parseAllDocuments, type YAMLError } from 'yaml';
import type { ComposeProblem } from './compose';

const KEY_WITHOUT_SPACE = /^(\s*(?:-\s+)?)([A-Za-z_][\w.\-/]*):(?![\s:/]|$)(\S.*)$/;
const SLASH_COMMENT = /^\s*(?:-\s+)?\/\//;
const TAB_INDENT = /^ *\t/;

/** Problems for a chunk that failed to parse; never throws. */
export function diagnoseChunk(text: string, base: number, fastError: { message: string; offset: number } | undefined): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  const seenLines = new Set<number>();
  const add = (problem: ComposeProblem): void => {
    const line = lineNumberAt(text, problem.start - base);
    if (seenLines.has(line)) return;
    seenLines.add(line);
    problems.push(problem);
  };
  let libraryErrors: YAMLError[];
  try {
    const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    libraryErrors = list.flatMap((doc) => doc.errors);
  } catch (error) {
    libraryErrors = [];
    if (fastError === undefined) fastError = { message: String((error as Error).message), offset: 0 };
  }
  for (const error of libraryErrors) {
    const [start, end] = error.pos;
    add(explain(text, base, start, Math.max(end, start + 1), firstLine(error.message)));
  }
  if (problems.length === 0 && fastError !== undefined) {
    add(explain(text, base, fastError.offset, fastError.offset + 1, fastError.message));
  }
  return problems;
}

/** Rewrites a parser error as the mistake a person most likely made near it. */
function explain(text: string, base: number, start: number, end: number, parserMessage: string): ComposeProblem {
  const errorLine = lineNumberAt(text, start);
  for (const line of [errorLine, errorLine - 1, errorLine - 2]) {
    if (line < 0) continue;
    const content = lineContent(text, line);
    const lineStart = lineStartOffset(text, line);
    if (TAB_INDENT.test(content)) {
      const tab = content.indexOf('\t');
      return problem('yaml/tab-indentation', 'a tab character is used for indentation; YAML allows only spaces there: replace the tab with spaces', base + lineStart + tab, base + lineStart + tab + 1);
    }
    if (SLASH_COMMENT.test(content)) {
      const at = content.indexOf('//');
      return problem('yaml/slash-comment', '`//` does not start a comment in YAML; use `#`', base + lineStart + at, base + lineStart + content.length);
    }
    const kv = KEY_WITHOUT_SPACE.exec(content);
    if (kv !== null && !/^[a-z][a-z0-9+.-]*:\/\//i.test(`${kv[2]}:${kv[3]}`)) {
      const colon = kv[1].length + kv[2].length;
      return problem(
        'yaml/missing-space-after-colon',
        `\`${kv[2]}:${truncate(kv[3])}\` has no space after the colon, so YAML reads it as one string instead of the key \`${kv[2]}\`; write \`${kv[2]}: ${truncate(kv[3])}\``,
        base + lineStart + colon,
        base + lineStart + colon + 1,
      );
    }
  }
  return problem('yaml/syntax', `YAML syntax error: ${parserMessage.replace(/ at line \d+, column \d+:?$/, '')}`, base + start, base + end);
}

function problem(ruleId: string, message: string, start: number, end: number): ComposeProblem {
  return { ruleId, message, start, end };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/\s*\(\d+:\d+\)$/, '');
}

/** 0-based line number of an offset. */
function lineNumberAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function lineStartOffset(text: string, line: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset;
}

function lineContent(text: string, line: number): string {
  const start = lineStartOffset(text, line);
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
