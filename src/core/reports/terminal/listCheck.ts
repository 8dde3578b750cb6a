import type { Counts, ScrapedTest } from './scraped.js';

/** Passed, failed and skipped among the tests the runner's summary counts. */
export function listedCounts(tests: readonly ScrapedTest[]): Counts {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const test of tests) if (!test.uncounted) counts[test.status]++;
  return counts;
}

function countsText(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/**
 * Null when the listing holds exactly the tests the summary counts; else the note saying why it is
 * not used (a collapsed tree, a cut log, lines batch could not read).
 */
export function listMismatch(runner: string, tests: readonly ScrapedTest[], summary: Counts): string | null {
  const listed = listedCounts(tests);
  if (
    listed.passed === summary.passed &&
    listed.failed === summary.failed &&
    listed.skipped === summary.skipped
  )
    return null;
  const total = (c: Counts) => c.passed + c.failed + c.skipped;
  const what =
    total(listed) === total(summary)
      ? `lists ${countsText(listed)} where its summary says ${countsText(summary)}`
      : `lists ${total(listed)} of the ${total(summary)} tests its summary counts`;
  return `the ${runner} output ${what}: read as counts and the failing tests it names`;
}
