import { locationFromStack } from '../locationFromStack.js';
import { attachFailures } from './failureDetails.js';
import { vitestTests } from './vitestTree.js';
import { durationText, linesUntil, type Scraped, type ScrapedFailure } from './scraped.js';

const summary = /^\s*Tests\s+(.*?\b(?:passed|failed|skipped|todo)\b.*?)\s+\((\d+)\)\s*$/;
const failHeader = /^\s*FAIL\s+(?:\|[^|]+\|\s+)?(.+?)\s*$/;

function failure(header: string, body: string[], root: string): ScrapedFailure {
  const fileLevel = /^(.+?) \[ .+ \]$/.exec(header);
  const parts = (fileLevel ? (fileLevel[1] as string) : header).split(' > ');
  const file = parts[0] ?? null;
  const name = fileLevel ? '(test file)' : (parts.at(-1) ?? header);
  const suite = fileLevel ? '' : parts.slice(1, -1).join(' > ');
  const message = body.map((l) => l.trim()).find((l) => l !== '') ?? null;
  const at = body.find((l) => /^\s*❯ /.test(l));
  const location = at ? locationFromStack(at, root) : null;
  return { name, suite, file, line: location?.file === file ? location.line : null, message };
}

/**
 * vitest's default (or verbose) reporter: `Tests  3 failed | 5 passed | 1 skipped (9)`, the
 * ` FAIL  file > suite > test` blocks, and the tests listed under each file with their `12ms`. A
 * FAIL block no listed test takes (a suite's hook, a file that failed to load) is a failure of its
 * own, which the summary does not count.
 */
export function scrapeVitest(lines: string[], root: string): Scraped | null {
  const at = lines.findLastIndex((l) => summary.test(l));
  if (at < 0) return null;
  const parts = (summary.exec(lines[at] as string)?.[1] ?? '').split('|');
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const part of parts) {
    const m = /(\d+)\s+(passed|failed|skipped|todo|expected fail)/.exec(part);
    if (!m) continue;
    const n = Number(m[1]);
    if (m[2] === 'failed') counts.failed += n;
    else if (m[2] === 'passed' || m[2] === 'expected fail') counts.passed += n;
    else counts.skipped += n;
  }
  const failures: ScrapedFailure[] = [];
  lines.forEach((line, i) => {
    const m = failHeader.exec(line);
    if (m)
      failures.push(
        failure(
          m[1] as string,
          linesUntil(lines, i, (l) => failHeader.test(l) || /^⎯+/.test(l)),
          root,
        ),
      );
  });
  const listed = vitestTests(lines.slice(0, at));
  let tests = null;
  if (listed !== null) {
    const { tests: detailed, unmatched } = attachFailures(
      listed,
      failures,
      (t) => `${t.file ?? ''}\u0000${t.name}`,
    );
    tests = [
      ...detailed,
      ...unmatched.map((f) => ({ ...f, status: 'failed' as const, durationMs: null, uncounted: true })),
    ];
  }
  const duration = lines.slice(at).find((l) => /^\s*Duration\s/.test(l));
  return {
    runner: 'vitest',
    counts,
    failures,
    tests,
    fileInId: true,
    suiteInId: false,
    durationMs: durationText(duration?.split('(')[0]),
    notes: [],
  };
}
