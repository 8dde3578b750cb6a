import type { TestStatus } from '../../model/runModel.js';
import { durationText, failuresOf, type Scraped, type ScrapedFailure, type ScrapedTest } from './scraped.js';

const result =
  /^test result: (?:ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored; (\d+) measured; (\d+) filtered out(?:; finished in ([\d.]+s))?/;
const testLine = /^test (.+?) \.\.\. (ok|FAILED|ignored)\b(?:.*?<([\d.]+)s>)?/;
/** `Running unittests src/lib.rs (target/…)`, `Running tests/strings.rs (target/…)`, `Doc-tests sample`. */
const target = /^\s+(?:Running (?:\w+ )?(\S+) \(|Doc-tests )/;
const panic = /panicked at (?:'.*?', )?([^\s:]+):(\d+):\d+:?\s*$/;

const statusOf: Record<string, TestStatus> = { ok: 'passed', FAILED: 'failed', ignored: 'skipped' };

/** The `---- x stdout ----` block after a failing test: where it panicked, and the panic message. */
function panicOf(
  lines: string[],
  from: number,
  full: string,
): Pick<ScrapedFailure, 'file' | 'line' | 'message'> {
  const block = lines.findIndex((l, k) => k > from && l === `---- ${full} stdout ----`);
  const body = block < 0 ? [] : lines.slice(block + 1, block + 40);
  const panicAt = body.findIndex((l) => panic.test(l));
  const where = panicAt < 0 ? null : panic.exec(body[panicAt] as string);
  // the panic message: the lines after `panicked at`, up to a blank line or rust's own notes
  const end = body.findIndex(
    (l, k) => k > panicAt && (l.trim() === '' || /^(?:note|stack backtrace):/.test(l)),
  );
  const message =
    panicAt < 0
      ? ''
      : body
          .slice(panicAt + 1, end < 0 ? undefined : end)
          .join('\n')
          .trim();
  return {
    file: where?.[1] ?? null,
    line: where ? Number(where[2]) : null,
    message: message === '' ? null : message,
  };
}

/**
 * `cargo test` text: one `test result:` line per test target (summed), a `test x ... ok|FAILED|ignored`
 * line per test (with `<0.150s>` under `--report-time`), and each `---- x stdout ----` block's
 * `panicked at src/lib.rs:6:30:` location and message. Ids hold the target's source (`Running
 * tests/strings.rs`) and the module path as suite: `tests/strings.rs::slow_path`, `src/lib.rs::math > adds`.
 */
export function scrapeCargo(lines: string[]): Scraped | null {
  const results = lines.map((l) => result.exec(l)).filter((m) => m !== null);
  if (results.length === 0) return null;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let durationMs = 0;
  for (const m of results) {
    counts.passed += Number(m[1]);
    counts.failed += Number(m[2]);
    counts.skipped += Number(m[3]);
    durationMs += durationText(m[6]) ?? 0;
  }
  const tests: ScrapedTest[] = [];
  let source: string | null = null;
  let docTests = false;
  lines.forEach((line, i) => {
    const t = target.exec(line);
    if (t) [source, docTests] = [t[1] ?? null, t[1] === undefined];
    const m = testLine.exec(line);
    if (!m) return;
    const full = m[1] as string;
    const status = statusOf[m[2] as string] ?? 'passed';
    const parts = docTests ? [full] : full.split('::');
    const found = status === 'failed' ? panicOf(lines, i, full) : null;
    tests.push({
      name: parts.at(-1) as string,
      suite: parts.slice(0, -1).join(' > '),
      file: found?.file ?? source,
      line: found?.line ?? null,
      message: found?.message ?? null,
      idFile: source,
      status,
      durationMs: durationText(m[3] === undefined ? undefined : `${m[3]}s`),
    });
  });
  return {
    runner: 'cargo',
    counts,
    failures: failuresOf(tests),
    tests: tests.length > 0 ? tests : null,
    fileInId: false,
    durationMs: Math.round(durationMs * 1000) / 1000,
    notes: [],
  };
}
