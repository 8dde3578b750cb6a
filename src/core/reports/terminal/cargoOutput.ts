import { durationText, type Scraped, type ScrapedFailure } from './scraped.js';

const result =
  /^test result: (?:ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored; (\d+) measured; (\d+) filtered out(?:; finished in ([\d.]+s))?/;
const testLine = /^test (\S+) \.\.\. (ok|FAILED|ignored)\b/;
const panic = /panicked at (?:'.*?', )?([^\s:]+):(\d+):\d+:?\s*$/;

/**
 * `cargo test` text: one `test result:` line per test binary (summed), `test x ... FAILED` lines,
 * and each `---- x stdout ----` block's `panicked at src/lib.rs:6:30:` location and message.
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
  const failures: ScrapedFailure[] = [];
  for (const line of lines) {
    const m = testLine.exec(line);
    if (!m || m[2] !== 'FAILED') continue;
    const full = m[1] as string;
    const block = lines.findIndex((l) => l === `---- ${full} stdout ----`);
    const body = block < 0 ? [] : lines.slice(block + 1, block + 40);
    const panicAt = body.findIndex((l) => panic.test(l));
    const where = panicAt < 0 ? null : panic.exec(body[panicAt] as string);
    const parts = full.split('::');
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
    failures.push({
      name: parts.at(-1) as string,
      suite: parts.slice(0, -1).join(' > '),
      file: where?.[1] ?? null,
      line: where ? Number(where[2]) : null,
      message: message === '' ? null : message,
    });
  }
  return {
    runner: 'cargo',
    counts,
    failures,
    fileInId: false,
    durationMs: Math.round(durationMs * 1000) / 1000,
    notes: [],
  };
}
