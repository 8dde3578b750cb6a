import type { TestMatch } from '../../adapters/history/historyStore.js';

/** A test id or glob (`*`, `?`) as what the store matches: exact, or a SQL LIKE pattern escaped with `\`. */
export function testMatch(idOrGlob: string): TestMatch {
  if (!/[*?]/.test(idOrGlob)) return { value: idOrGlob, like: false };
  let like = '';
  for (const ch of idOrGlob) {
    if (ch === '*') like += '%';
    else if (ch === '?') like += '_';
    else if (ch === '%' || ch === '_' || ch === '\\') like += `\\${ch}`;
    else like += ch;
  }
  return { value: like, like: true };
}
