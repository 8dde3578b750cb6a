import type { Scraped } from './scraped.js';

const line = /^(?:[\w.-]+:\s*)?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\.?\s*$/;

/** The plain closing line `N passed, N failed[, N skipped]`, optionally after one `word:`. */
export function scrapeSummaryLine(lines: string[]): Scraped | null {
  const m = lines.map((l) => line.exec(l.trim())).findLast((x) => x !== null);
  if (!m) return null;
  const counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
  return {
    runner: 'summary',
    counts,
    failures: [],
    tests: null,
    fileInId: false,
    durationMs: null,
    notes: [],
  };
}
