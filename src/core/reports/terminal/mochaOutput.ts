import { blockMessage } from '../errorText.js';
import { locationFromStack } from '../locationFromStack.js';
import { mochaTests } from './mochaTree.js';
import { durationText, type Scraped, type ScrapedFailure } from './scraped.js';

const passing = /^\s*(\d+) passing(?: \((.+)\))?\s*$/;
const header = /^ {2}(\d+)\) (.*)$/;

/**
 * mocha's spec reporter: the summary (`7 passing (160ms)`, `1 pending`, `2 failing`), the numbered
 * failure list, and the tree of every test above them (durations only on tests mocha found slow).
 * Ids are `suite > name`: the output names no file per test.
 */
export function scrapeMocha(lines: string[], root: string): Scraped | null {
  const at = lines.findLastIndex((l) => passing.test(l));
  const failingAt = lines.findLastIndex((l) => /^\s*\d+ failing\s*$/.test(l));
  if (at < 0 && failingAt < 0) return null;
  const count = (re: RegExp) =>
    Number(lines.map((l) => re.exec(l)?.[1]).findLast((n) => n !== undefined) ?? 0);
  const counts = {
    passed: count(passing),
    failed: count(/^\s*(\d+) failing\s*$/),
    skipped: count(/^\s*(\d+) pending\s*$/),
  };
  const failures: ScrapedFailure[] = [];
  const numbered = new Map<number, ScrapedFailure>();
  for (let i = Math.max(failingAt, 0); failingAt >= 0 && i < lines.length; i++) {
    const m = header.exec(lines[i] as string);
    if (!m) continue;
    // the title path: `1) outer` then one line per level, the last ending with `:`
    const titles = [(m[2] as string).trim()];
    let j = i;
    while (
      !(titles.at(-1) as string).endsWith(':') &&
      j + 1 < lines.length &&
      /^\s{5,}\S/.test(lines[j + 1] as string)
    ) {
      titles.push((lines[++j] as string).trim());
    }
    titles[titles.length - 1] = (titles.at(-1) as string).replace(/:$/, '');
    let end = j + 1;
    while (end < lines.length && !header.test(lines[end] as string)) end++;
    const body = lines.slice(j + 1, end);
    const location = locationFromStack(body.join('\n'), root);
    const failure = {
      name: titles.at(-1) as string,
      suite: titles.slice(0, -1).join(' > '),
      file: location?.file ?? null,
      line: location?.line ?? null,
      message: blockMessage(body),
    };
    failures.push(failure);
    numbered.set(Number(m[1]), failure);
    i = end - 1;
  }
  // the tree ends at the summary; a failing test's details are the ones under its number
  const tree = mochaTests(lines.slice(0, Math.max(at, failingAt)));
  const tests = tree?.map(({ failure, ...test }) => {
    const details = failure === null ? undefined : numbered.get(failure);
    return details === undefined
      ? test
      : { ...test, file: details.file, line: details.line, message: details.message };
  });
  const duration = at >= 0 ? passing.exec(lines[at] as string)?.[2] : undefined;
  return {
    runner: 'mocha',
    counts,
    failures,
    tests: tests ?? null,
    fileInId: false,
    durationMs: durationText(duration),
    notes: [],
  };
}
