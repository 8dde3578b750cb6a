import stripAnsi from 'strip-ansi';
import type { ParsedReport } from '../runModel.js';
import { capText } from './capText.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest } from './testResult.js';
import { uniqueIds } from './uniqueIds.js';
import { scrapeCargo } from './terminal/cargoOutput.js';
import { scrapeGo } from './terminal/goOutput.js';
import { scrapeJest } from './terminal/jestOutput.js';
import { scrapeMocha } from './terminal/mochaOutput.js';
import { scrapeNodeSpec } from './terminal/nodeSpecOutput.js';
import { scrapePytest } from './terminal/pytestOutput.js';
import type { Scraped, Scraper } from './terminal/scraped.js';
import { scrapeSummaryLine } from './terminal/summaryLine.js';
import { scrapeVitest } from './terminal/vitestOutput.js';

/** Most specific first: the plain `N passed, N failed` line matches the tail of many runners' output. */
const scrapers: Scraper[] = [
  scrapeVitest,
  scrapeJest,
  scrapePytest,
  scrapeCargo,
  scrapeMocha,
  scrapeNodeSpec,
  scrapeGo,
  scrapeSummaryLine,
];

/** Which scraper reads this output, and what it read; null when no runner's summary is in it. */
export function scrapeTerminalOutput(text: string, root = '/'): Scraped | null {
  const lines = stripAnsi(text).replace(/\r\n?/g, '\n').split('\n');
  for (const scrape of scrapers) {
    const found = scrape(lines, root);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Reads terminal output when there is no report file (vitest, jest, pytest, mocha, node --test,
 * go test, cargo test, or a plain `N passed, N failed` line): the counts of the closing summary,
 * plus each failing test the output names (message and file:line where printed; no durations).
 * Null when no summary is found. Ids hold the file only where the runner names tests by file
 * (vitest, jest, pytest); elsewhere the file comes from a failure's location and would not be stable.
 */
export function parseTerminalOutput(text: string, options: ParseOptions): ParsedReport | null {
  const found = scrapeTerminalOutput(text, options.root);
  if (found === null) return null;
  const tests = found.failures.map((f) => {
    const file = projectPath(f.file, options.root);
    const fields = {
      name: f.name,
      suite: f.suite,
      file,
      line: f.line,
      status: 'failed' as const,
      durationMs: null,
      message: f.message === null ? null : capText(f.message),
      stack: f.stack ?? null,
    };
    return makeTest(fields, options.root, found.fileInId ? file : null);
  });
  return {
    format: `stdout:${found.runner}`,
    tests: uniqueIds(tests),
    durationMs: found.durationMs,
    counts: found.counts,
    notes: found.notes,
  };
}
