/**
 * Wildcard matching for rule targets (kinds, namespaces, label values, annotation keys): `*` is
 * any run of characters, `?` one character, nothing else is special. Matched without regular
 * expressions, in O(text × pattern) at worst, so no pattern can backtrack catastrophically.
 */

export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * A list of patterns where `!pattern` excludes: a text matches when some positive pattern
 * matches it (or there is none) and no negative pattern does. Null (no namespace) matches only
 * lists without positive patterns.
 */
export function matchesPatternList(patterns: readonly string[], text: string | null): boolean {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  if (text === null) return positive.length === 0;
  if (positive.length > 0 && !positive.some((p) => wildcardMatch(p, text))) return false;
  return !negative.some((p) => wildcardMatch(p, text));
}
