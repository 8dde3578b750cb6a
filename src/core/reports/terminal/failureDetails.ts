import type { ScrapedFailure, ScrapedTest } from './scraped.js';

/**
 * Gives each failing test of a listing the message and location of the failure block that names
 * it. `key` turns a test or a block into what both have in common (the name alone, or file and
 * title path); blocks are handed out in output order, so two failing tests of one name get one
 * block each; a test listed without its suite takes the block's. Returns the listing with
 * details, and the blocks no failing test took.
 */
export function attachFailures(
  tests: ScrapedTest[],
  failures: ScrapedFailure[],
  key: (test: ScrapedFailure) => string,
): { tests: ScrapedTest[]; unmatched: ScrapedFailure[] } {
  const pool = new Map<string, ScrapedFailure[]>();
  for (const failure of failures) {
    const k = key(failure);
    pool.set(k, [...(pool.get(k) ?? []), failure]);
  }
  const detailed = tests.map((test) => {
    if (test.status !== 'failed') return test;
    const failure = pool.get(key(test))?.shift();
    if (failure === undefined) return test;
    return {
      ...test,
      // vitest's tree prints no suite, its failure block does
      suite: test.suite === '' ? failure.suite : test.suite,
      file: failure.file ?? test.file,
      line: failure.line,
      message: failure.message,
      ...(failure.stack !== undefined ? { stack: failure.stack } : {}),
    };
  });
  const unmatched = failures.filter((f) => pool.get(key(f))?.includes(f));
  return { tests: detailed, unmatched };
}
