/**
 * The slow path for documents the fast parser refused: the `yaml` package reports every error
 * it can find with exact ranges, and this module turns them into messages that name the likely
 * mistake (tabs, `key:value` without a space, `//` comments) rather than the parser's state.
 */
import type { YAMLError } from 'yaml';
import type { ComposeProblem } from './compose';
import { SourceText } from './source';

/** The `yaml` package needs ~36× a document's size in memory: above this, report the fast parser's error alone. */
const MAX_DIAGNOSED_CHARS = 2 * 1024 * 1024;
/** One broken document can yield thousands of follow-on errors; the first ones are what help. */
const MAX_PROBLEMS_PER_DOCUMENT = 20;

const KEY_WITHOUT_SPACE = /^(\s*(?:-\s+)?)([A-Za-z_][\w.\-/]*):(?![\s:/]|$)(\S.*)$/;
const SLASH_COMMENT = /^\s*(?:-\s+)?\/\//;
const TAB_INDENT = /^ *\t/;

/** Problems for a chunk that failed to parse; never throws. */
export function diagnoseChunk(text: string, base: number, fastError: { message: string; offset: number } | undefined): ComposeProblem[] {
  const lines = new SourceText('', text);
  const problems: ComposeProblem[] = [];
  const seenLines = new Set<number>();
  let omitted = 0;
  const add = (problem: ComposeProblem): void => {
    const line = lines.position(problem.start - base).line;
    if (seenLines.has(line)) return;
    seenLines.add(line);
    if (problems.length < MAX_PROBLEMS_PER_DOCUMENT) problems.push(problem);
    else omitted++;
  };
  for (const error of libraryErrors(text)) {
    if (problems.length >= MAX_PROBLEMS_PER_DOCUMENT) {
      omitted++; // counted, not explained: explaining scans the text, and there may be thousands
      continue;
    }
    const [start, end] = error.pos;
    add(explain(lines, base, start, Math.max(end, start + 1), firstLine(error.message), error.code));
  }
  if (problems.length === 0 && fastError !== undefined) {
    add(explain(lines, base, fastError.offset, fastError.offset + 1, fastError.message));
  }
  if (omitted > 0) {
    const last = problems[problems.length - 1];
    problems.push({ ruleId: 'yaml/syntax', message: `${omitted} more YAML error${omitted === 1 ? '' : 's'} in this document are not listed; fix the first ones and run again`, start: last.start, end: last.end });
  }
  return problems;
}

/** The `yaml` package's errors for a chunk, or none when it cannot help (too large, too deep). */
function libraryErrors(text: string): YAMLError[] {
  if (text.length > MAX_DIAGNOSED_CHARS) return [];
  try {
    // Loaded only for broken documents: the `yaml` package costs ~50 ms to load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    // Very deep nesting overflows its recursion; the fast parser's error is the better report then.
    return list.flatMap((doc) => doc.errors).filter((e) => !/Maximum call stack/.test(e.message));
  } catch {
    return [];
  }
}

/** Rewrites a parser error as the mistake a person most likely made near it. */
function explain(lines: SourceText, base: number, start: number, end: number, parserMessage: string, code?: string): ComposeProblem {
  const text = lines.text;
  const opener = unclosedOpener(text, start, parserMessage);
  if (opener !== undefined) return opener(base);
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') {
    // The library points at the start of the line; the offending key is its first character.
    const lineStart = lines.lineStart(lines.position(start).line);
    if (start === lineStart) {
      const indent = /^[ ]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
      if (indent > 0) {
        start = lineStart + indent;
        end = Math.max(end, start + 1);
      }
    }
  }
  const errorLine = lines.position(start).line;
  for (const line of [errorLine, errorLine - 1, errorLine - 2]) {
    if (line < 1) continue;
    const content = lines.lineText(line);
    const lineStart = lines.lineStart(line);
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

/**
 * An unterminated quote or flow collection is reported by the parser where it gives up (often
 * the end of the document); the mistake is where the quote or bracket was opened.
 */
function unclosedOpener(text: string, at: number, message: string): ((base: number) => ComposeProblem) | undefined {
  // Messages of the `yaml` package and, for documents too large for it, of js-yaml.
  let quote = /closing "quote|Missing closing "|double quoted scalar/.test(message) ? '"' : /closing 'quote|Missing closing '|single quoted scalar/.test(message) ? "'" : undefined;
  // js-yaml reports an unterminated quote where the string runs into the next key or the end.
  if (quote === undefined && /deficient indentation|end of the stream/.test(message)) {
    quote = lastUnclosedQuote(text, at, '"') !== undefined ? '"' : lastUnclosedQuote(text, at, "'") !== undefined ? "'" : undefined;
  }
  if (quote !== undefined) {
    const open = lastUnclosedQuote(text, at, quote);
    if (open === undefined) return undefined;
    const kind = quote === '"' ? 'double' : 'single';
    return (base) => problem('yaml/syntax', `this ${kind}-quoted string is never closed, so it swallows the lines after it; add the closing ${quote}`, base + open, base + open + 1);
  }
  const bracket = /Flow sequence|flow-seq|end with a \]/.test(message) ? ['[', ']'] : /Flow map|flow-map|end with a \}/.test(message) ? ['{', '}'] : undefined;
  if (bracket === undefined) return undefined;
  const open = lastUnclosedBracket(text, at, bracket[0], bracket[1]);
  if (open === undefined) return undefined;
  const what = bracket[0] === '[' ? 'flow sequence `[`' : 'flow mapping `{`';
  return (base) => problem('yaml/syntax', `this ${what} is never closed with \`${bracket[1]}\`; close it on the same indentation level, or write the items as a block`, base + open, base + open + 1);
}

/** Offset of the quote that opens a string still open at `at` (comments and other quotes skipped). */
function lastUnclosedQuote(text: string, at: number, quote: string): number | undefined {
  let open: number | undefined;
  for (let i = 0; i < Math.min(at, text.length); i++) {
    const c = text[i];
    if (open !== undefined) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else open = undefined;
      }
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
    } else if (c === quote && (i === 0 || /[\s:,[{-]/.test(text[i - 1]))) {
      open = i;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{-]/.test(text[i - 1]))) {
      const close = text.indexOf(c, i + 1);
      if (close !== -1) i = close;
    }
  }
  return open;
}

/** Offset of the last opening bracket before `at` that has no closing partner. */
function lastUnclosedBracket(text: string, at: number, open: string, close: string): number | undefined {
  const stack: number[] = [];
  for (let i = 0; i < Math.min(at, text.length); i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:,[{]/.test(text[i - 1]))) {
      const end = text.indexOf(c, i + 1);
      if (end !== -1) i = end;
    } else if (c === open) stack.push(i);
    else if (c === close) stack.pop();
  }
  return stack.length > 0 ? stack[stack.length - 1] : undefined;
}

function problem(ruleId: string, message: string, start: number, end: number): ComposeProblem {
  return { ruleId, message, start, end };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/\s*\(\d+:\d+\)$/, '');
}

function truncate(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
