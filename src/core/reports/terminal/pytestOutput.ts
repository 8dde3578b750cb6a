import { attachFailures } from './failureDetails.js';
import { listMismatch } from './listCheck.js';
import { mergeReports, reportedDurations, shortReports, verboseReports } from './pytestList.js';
import { durationText, type Scraped, type ScrapedFailure } from './scraped.js';

const summary = /^=*\s*((?:\d+ [\w ]+?(?:, |(?= in )))+) in ([\d.]+s)(?: \([\d:]+\))?\s*=*$/;
const noTests = /^=*\s*no tests ran in [\d.]+s\s*=*$/;

/**
 * The first `file.py:12: …` line in each test's section (`___ Class.test ___`) of the failures
 * listing; a failure's own section wins over its `ERROR at setup/teardown of …` one.
 */
function locations(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  const fromErrors = new Map<string, number>();
  let current: string | null = null;
  let inError = false;
  for (const line of lines) {
    const head = /^_{3,} (.+?) _{3,}$/.exec(line);
    if (head) {
      const title = head[1] as string;
      inError = /^ERROR at (?:setup|teardown) of /.test(title);
      current = title.replace(/^ERROR at (?:setup|teardown) of /, '');
      continue;
    }
    const m = /^([^\s:]+\.py):(\d+): /.exec(line);
    const target = inError ? fromErrors : found;
    if (current !== null && m && !target.has(current)) target.set(current, Number(m[2]));
    if (/^=+ /.test(line)) current = null;
  }
  for (const [name, at] of fromErrors) if (!found.has(name)) found.set(name, at);
  return found;
}

/** The verbose lines' region: up to the first section after the session header (FAILURES, …). */
function verboseRegion(lines: string[]): string[] {
  const end = lines.findIndex((l) => /^={3,} (?!test session starts)/.test(l));
  return end < 0 ? lines : lines.slice(0, end);
}

/** The short summary's lines (`-rA` lists every test there); all lines when it has no header. */
function shortRegion(lines: string[]): string[] {
  const at = lines.findIndex((l) => /^=+ short test summary info =+$/.test(l));
  return at < 0 ? lines : lines.slice(at + 1);
}

/**
 * pytest's closing line (`3 failed, 5 passed, 1 skipped in 1.30s`, with `=` padding or not under -q),
 * the short summary's `FAILED path::Class::test - message` / `ERROR …` lines with each failure's
 * `file.py:12:` line, and the listing of every test where there is one: `-v` lines (xdist's too),
 * else the short summary of `-rA` (a folded skip is named `(skipped) reason`). Errors count as
 * failures, xfail as skipped, xpass as passed; a test reported both as FAILED and ERROR (failure
 * plus teardown error) is one test, and the summary's counts are read with it counted once.
 * Durations come from `--durations` when it printed them.
 */
export function scrapePytest(lines: string[]): Scraped | null {
  const at = lines.findLastIndex((l) => summary.test(l) || noTests.test(l));
  if (at < 0) return null;
  const m = summary.exec(lines[at] as string);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const part of (m?.[1] ?? '').matchAll(/(\d+) (\w+)/g)) {
    const n = Number(part[1]);
    const kind = part[2] as string;
    if (kind === 'failed' || kind === 'error' || kind === 'errors') counts.failed += n;
    else if (kind === 'passed' || kind === 'xpassed') counts.passed += n;
    else if (kind === 'skipped' || kind === 'xfailed') counts.skipped += n;
  }
  const short = shortReports(shortRegion(lines.slice(0, at)));
  const verbose = verboseReports(verboseRegion(lines.slice(0, at)));
  const listing = verbose.length > 0 ? verbose : short;
  // the summary counts every report; a test with two (failure plus teardown error) is one test
  const merged = mergeReports(listing, reportedDurations(lines.slice(0, at)));
  for (const status of ['passed', 'failed', 'skipped'] as const) {
    counts[status] -= merged.counted[status] - merged.tests.filter((t) => t.status === status).length;
  }
  const lineOf = locations(lines);
  const failures = mergeReports(short.filter((r) => r.word === 'FAILED' || r.word === 'ERROR')).tests.map(
    (t): ScrapedFailure => {
      const title = t.suite ? `${t.suite.replace(/ > /g, '.')}.${t.name}` : t.name;
      return {
        name: t.name,
        suite: t.suite,
        file: t.file,
        line: lineOf.get(title) ?? null,
        message: t.message,
      };
    },
  );
  const lists = verbose.length > 0 || short.some((r) => r.word === 'PASSED');
  const key = (t: ScrapedFailure) => `${t.file ?? ''}\u0000${t.suite}\u0000${t.name}`;
  const tests =
    lists || listMismatch('pytest', merged.tests, counts) === null
      ? attachFailures(merged.tests, failures, key).tests
      : null;
  return {
    runner: 'pytest',
    counts,
    failures,
    tests,
    fileInId: true,
    durationMs: durationText(m?.[2]),
    notes: [],
  };
}
