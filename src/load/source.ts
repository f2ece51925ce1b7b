/** A loaded text file and the offset → line/column mapping used for every position. */

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class SourceText {
  private lineStarts: number[] | undefined;

  constructor(
    /** Display path: relative to the working directory with `/`, or `<stdin>`. */
    readonly file: string,
    readonly text: string,
    /**
     * For rendered text: the folder (relative to the working directory, `/`-separated) that
     * relative origin paths in it start from, e.g. the `--kustomize` folder.
     */
    readonly originBase?: string,
  ) {}

  /** 1-based line and column of a 0-based UTF-16 offset. */
  position(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo] + 1 };
  }

  range(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(Math.max(start, end));
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    if (line < 1 || line > starts.length) return '';
    const from = starts[line - 1];
    const to = line < starts.length ? starts[line] : this.text.length;
    return this.text.slice(from, to).replace(/(?:\r\n|\r|\n)$/, '');
  }

  lineCount(): number {
    return this.starts().length;
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    const starts = this.starts();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))];
  }

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      // Line breaks as YAML (and editors) count them: LF, CRLF, and a lone CR.
      const starts = [0];
      const text = this.text;
      if (text.includes('\r')) {
        const breaks = /\r\n|\r|\n/g;
        for (let m = breaks.exec(text); m !== null; m = breaks.exec(text)) starts.push(m.index + m[0].length);
      } else {
        for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
