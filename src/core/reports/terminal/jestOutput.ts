import { blockMessage } from '../errorText.js';
import { locationFromStack } from '../locationFromStack.js';
import { attachFailures } from './failureDetails.js';
import { fileHeader, jestTests } from './jestTree.js';
import { durationText, linesUntil, type Scraped, type ScrapedFailure } from './scraped.js';

const summary = /^Tests:\s+(.*\d+ total)\s*$/;
const header = /^\s*● (.+?)\s*$/;

/**
 * jest's summary `Tests: 1 failed, 1 skipped, 7 passed, 9 total`, the `● suite › test` failure
 * blocks, and the verbose tree of tests where it is printed. A file that failed to run is a failure
 * the summary does not count. The reprint under `Summary of all failing tests` is not read twice.
 */
export function scrapeJest(all: string[], root: string): Scraped | null {
  const at = all.findLastIndex((l) => summary.test(l));
  if (at < 0) return null;
  const reprint = all.findIndex((l) => /^Summary of all failing tests/.test(l));
  const lines = reprint < 0 ? all : [...all.slice(0, reprint), ...all.slice(at)];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const m of (summary.exec(all[at] as string)?.[1] ?? '').matchAll(/(\d+) (\w+)/g)) {
    const n = Number(m[1]);
    if (m[2] === 'failed') counts.failed += n;
    else if (m[2] === 'passed') counts.passed += n;
    else if (m[2] === 'skipped' || m[2] === 'todo' || m[2] === 'pending') counts.skipped += n;
  }
  const failures: ScrapedFailure[] = [];
  let file: string | null = null;
  lines.forEach((line, i) => {
    const fileLine = fileHeader.exec(line);
    if (fileLine) file = fileLine[2] ?? null;
    const m = header.exec(line);
    if (!m || /^(?:Console|Summary of all failing tests)$/.test(m[1] as string)) return;
    const body = linesUntil(lines, i, (l) => header.test(l) || /^(?:Test Suites|Tests):/.test(l));
    const parts = (m[1] as string).split(' › ');
    const fileFailure = parts.length === 1 && parts[0] === 'Test suite failed to run';
    const location = locationFromStack(body.join('\n'), root, file);
    failures.push({
      name: fileFailure ? '(test file)' : (parts.at(-1) as string),
      suite: fileFailure ? '' : parts.slice(0, -1).join(' > '),
      file,
      line: location !== null && location.file === file ? location.line : null,
      message: blockMessage(body),
    });
  });
  const listed = jestTests(lines);
  let tests = null;
  if (listed !== null) {
    const key = (t: ScrapedFailure) => `${t.file ?? ''}\u0000${t.suite}\u0000${t.name}`;
    const { tests: detailed, unmatched } = attachFailures(listed, failures, key);
    tests = [
      ...detailed,
      ...unmatched.map((f) => ({ ...f, status: 'failed' as const, durationMs: null, uncounted: true })),
    ];
  }
  const time = all.slice(at).find((l) => /^Time:\s/.test(l));
  return {
    runner: 'jest',
    counts,
    failures,
    tests,
    fileInId: true,
    // `Time: 0.787 s, estimated 1 s`: the estimate is jest's guess from earlier runs
    durationMs: durationText(time?.replace(/^Time:/, '').split(',')[0]),
    notes: [],
  };
}
