/**
 * Splits a YAML stream into document chunks at `---` / `...` marker lines. At column 0 these
 * markers can never be content (YAML's "forbidden" lines), so the split is exact; parsing each
 * chunk on its own keeps memory flat on huge files and lets one broken document fail alone.
 * Streams with directives (`%YAML`, `%TAG`) are returned whole: a directive binds to the next
 * document and is rare enough not to optimise.
 */

export interface Chunk {
  /** Absolute offset of the chunk's first character in the file. */
  start: number;
  text: string;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

export function splitDocuments(text: string): Chunk[] {
  if (/^%/m.test(text)) return [{ start: 0, text }];
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    if (m[0] === '---' && m.index > chunkStart) {
      chunks.push({ start: chunkStart, text: text.slice(chunkStart, m.index) });
      chunkStart = m.index;
    }
  }
  chunks.push({ start: chunkStart, text: text.slice(chunkStart) });
  return chunks;
}
