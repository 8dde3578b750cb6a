import type { TestStatus } from '../../model/runModel.js';

/** Counts a runner's closing summary gives. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** A failing test as terminal output names it. */
export interface ScrapedFailure {
  name: string;
  suite: string;
  /** As printed (relative to the runner's root, or absolute); made project-relative later. */
  file: string | null;
  line: number | null;
  message: string | null;
  stack?: string | null;
  /**
   * The file the id holds, when it is not `file` (cargo: the test target's source, while `file` is
   * where the panic happened). Absent: `file` when the runner names every test by file, else none.
   */
  idFile?: string | null;
}

/** One test of a listing that names every test (`✔ adds (0.6ms)`, `test_x.py::test_a PASSED`). */
export interface ScrapedTest extends ScrapedFailure {
  status: TestStatus;
  kind?: 'error';
  /** As printed; null when the line gives none (never 0 for "not printed"). */
  durationMs: number | null;
  /** A failure the summary does not count (a test file that failed to load, a suite's own hook). */
  uncounted?: boolean;
}

/** What one runner's scraper read from terminal output. */
export interface Scraped {
  runner: string;
  counts: Counts;
  failures: ScrapedFailure[];
  /**
   * Every test the output lists, in output order, when it lists tests one by one; null when it does
   * not (`pytest -q`, go test without -v). Used only when it agrees with `counts`.
   */
  tests: ScrapedTest[] | null;
  /** The runner names each failing test by its file (vitest, jest, pytest node ids): ids may hold it. */
  fileInId: boolean;
  /**
   * False when ids leave the suite out (vitest: its tree prints no suite names off a terminal, so
   * only `file::name` is the same whichever way a run was printed); `suite` still says it where known.
   */
  suiteInId?: boolean;
  durationMs: number | null;
  notes: string[];
}

/**
 * A scraper: the lines of ANSI-free terminal output and the project root in, its reading out
 * (null: not this runner's output).
 */
export type Scraper = (lines: string[], root: string) => Scraped | null;

/** `1.30s`, `387ms`, `0.843 s`, `2m 3s` as milliseconds; null when unreadable. */
export function durationText(text: string | undefined): number | null {
  if (text === undefined) return null;
  let total = 0;
  let found = false;
  for (const m of text.matchAll(/([\d.]+)\s?(ms|s|m|h)\b/g)) {
    const n = Number(m[1]);
    if (!Number.isFinite(n)) continue;
    found = true;
    total += n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'] ?? 0);
  }
  return found ? Math.round(total * 1000) / 1000 : null;
}

/** The lines after `start` up to (not including) the first for which `stop` holds. */
export function linesUntil(lines: string[], start: number, stop: (line: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (stop(line)) break;
    out.push(line);
  }
  return out;
}

/** How many spaces a line starts with. */
export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The failing tests of a listing, as the failures named when the listing itself is not used. */
export function failuresOf(tests: readonly ScrapedTest[]): ScrapedFailure[] {
  return tests
    .filter((t) => t.status === 'failed')
    .map(({ status: _s, kind: _k, durationMs: _d, uncounted: _u, ...failure }) => failure);
}
