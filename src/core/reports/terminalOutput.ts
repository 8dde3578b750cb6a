import stripAnsi from 'strip-ansi';
import type { ParsedReport, TestResult } from '../model/runModel.js';
import { capText } from './capText.js';
import { projectPath } from './projectPath.js';
import type { ParseOptions } from './reportFormat.js';
import { makeTest, testId } from './testResult.js';
import { uniqueIds } from './uniqueIds.js';
import { scrapeCargo } from './terminal/cargoOutput.js';
import { scrapeGo } from './terminal/goOutput.js';
import { scrapeJest } from './terminal/jestOutput.js';
import { scrapeMocha } from './terminal/mochaOutput.js';
import { scrapeNodeSpec } from './terminal/nodeSpecOutput.js';
import { scrapePytest } from './terminal/pytestOutput.js';
import { listMismatch } from './terminal/listCheck.js';
import type { Scraped, ScrapedTest, Scraper } from './terminal/scraped.js';
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

function toResult(test: ScrapedTest, found: Scraped, root: string): TestResult {
  const file = projectPath(test.file, root);
  const fields = {
    name: test.name,
    suite: test.suite,
    file,
    line: test.line,
    status: test.status,
    ...(test.kind ? { kind: test.kind } : {}),
    durationMs: test.durationMs,
    message: test.message === null ? null : capText(test.message),
    stack: test.stack ?? null,
  };
  const idFile = test.idFile !== undefined ? projectPath(test.idFile, root) : found.fileInId ? file : null;
  const made = makeTest(fields, root, idFile);
  return found.suiteInId === false ? { ...made, id: testId(idFile, '', test.name, root) } : made;
}

/**
 * Reads terminal output when there is no report file (vitest, jest, pytest, mocha, node --test,
 * go test, cargo test, or a plain `N passed, N failed` line). When the output lists every test
 * (node's spec reporter, `pytest -v` or `-rA`, vitest's and jest's trees, mocha's spec, cargo, go
 * -v) and that listing agrees with the closing summary, every test comes back with its status and
 * printed duration, and `counts` is null. Otherwise: the summary's counts, plus each failing test
 * the output names (message and file:line where printed). Null when no summary is found. Ids hold
 * a file only where the runner names every test by file; elsewhere they are `suite > name`.
 */
export function parseTerminalOutput(text: string, options: ParseOptions): ParsedReport | null {
  const found = scrapeTerminalOutput(text, options.root);
  if (found === null) return null;
  const format = `stdout:${found.runner}`;
  const notes = [...found.notes];
  if (found.tests !== null) {
    const mismatch = listMismatch(found.runner, found.tests, found.counts);
    if (mismatch === null) {
      const tests = found.tests.map((t) => toResult(t, found, options.root));
      return { format, tests: uniqueIds(tests), durationMs: found.durationMs, counts: null, notes };
    }
    notes.push(mismatch);
  }
  const failures = found.failures.map((f) =>
    toResult({ ...f, status: 'failed', durationMs: null }, found, options.root),
  );
  return { format, tests: uniqueIds(failures), durationMs: found.durationMs, counts: found.counts, notes };
}
