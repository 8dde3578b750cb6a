/** Just enough of POSIX shell syntax to find the simple commands of a test command line. */

/** One simple command of a command line, with the operator that joins it to the previous one. */
export interface ShellSegment {
  /** Words with quotes removed. */
  words: string[];
  /** The same words as written in the line (quotes kept), for rewriting it without changing them. */
  raw: string[];
  /** `&&`, `||`, `;`, `|`, `&`, or '' for the first segment. */
  joinedBy: string;
  /** Redirections, subshells, substitutions or globs make it unsafe to append arguments to. */
  complex: boolean;
  /** Offsets of the segment in the command line (end excludes trailing spaces). */
  start: number;
  end: number;
}

const OPERATORS = ['&&', '||', ';', '|', '&'];

/**
 * Splits a command line into simple commands joined by `&&`, `||`, `;`, `|`, `&` (outside quotes),
 * each with its words unquoted. Anything it does not model (redirections, `$(…)`, `(…)`, here-docs)
 * marks the segment `complex`, so callers leave it alone.
 */
export function splitShellCommand(line: string): ShellSegment[] {
  const segments: ShellSegment[] = [];
  let words: string[] = [];
  let raw: string[] = [];
  let word: string | null = null;
  let wordStart = 0;
  let complex = false;
  let joinedBy = '';
  let start = 0;
  let lastEnd = 0;
  const endWord = (at: number) => {
    if (word !== null) {
      words.push(word);
      raw.push(line.slice(wordStart, at));
      lastEnd = at;
    }
    word = null;
  };
  const endSegment = (op: string, next: number) => {
    segments.push({ words, raw, joinedBy, complex, start, end: lastEnd });
    words = [];
    raw = [];
    complex = false;
    joinedBy = op;
    start = next;
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (word === null && !/\s/.test(ch)) wordStart = i;
    if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      const stop = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, stop);
      i = stop + 1;
      lastEnd = i;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1] as string)) j++;
        if (line[j] === '$' || line[j] === '`') complex = true;
        text += line[j];
        j++;
      }
      word = (word ?? '') + text;
      i = j + 1;
      lastEnd = i;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i += 2;
      lastEnd = i;
      continue;
    }
    if (/\s/.test(ch)) {
      endWord(i);
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i));
    if (op) {
      endWord(i);
      endSegment(op, i + op.length);
      i += op.length;
      continue;
    }
    if ('<>()`$#'.includes(ch)) complex = true;
    word = (word ?? '') + ch;
    i++;
    lastEnd = i;
  }
  endWord(line.length);
  segments.push({ words, raw, joinedBy, complex, start, end: lastEnd });
  return segments.filter((s, index) => s.words.length > 0 || index === 0);
}

/** Quotes a word for `sh` when it needs it. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
