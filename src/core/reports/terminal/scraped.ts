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
}

/** What one runner's scraper read from terminal output. */
export interface Scraped {
  runner: string;
  counts: Counts;
  failures: ScrapedFailure[];
  /** The runner names each failing test by its file (vitest, jest, pytest node ids): ids may hold it. */
  fileInId: boolean;
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
