import { errorText } from '../errorText.js';
import { type Scraped, type ScrapedFailure } from './scraped.js';

const stat = /^(?:ℹ|#) (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)\s*$/;

/** node --test's spec (`ℹ pass 5`) or TAP (`# pass 5`) summary, and spec's `✖ failing tests:` list. */
export function scrapeNodeSpec(lines: string[]): Scraped | null {
  const stats = new Map<string, number>();
  for (const line of lines) {
    const m = stat.exec(line);
    if (m) stats.set(m[1] as string, Number(m[2]));
  }
  if (!stats.has('pass') || !stats.has('fail')) return null;
  const get = (key: string) => stats.get(key) ?? 0;
  const counts = {
    passed: get('pass'),
    failed: get('fail') + get('cancelled'),
    skipped: get('skipped') + get('todo'),
  };
  const failures: ScrapedFailure[] = [];
  const start = lines.findIndex((l) => /^✖ failing tests:/.test(l));
  for (let i = start + 1; start >= 0 && i < lines.length; i++) {
    const at = /^test at (.+?):(\d+):\d+\s*$/.exec(lines[i] as string);
    const title = /^✖ (.+?)(?: \([\d.]+m?s\))?\s*$/.exec(lines[i + 1] ?? '');
    // a failing todo is listed too, but is not a failure
    if (!at || !title || / # TODO\b/.test(lines[i + 1] ?? '')) continue;
    const next = lines.findIndex((l, k) => k > i + 1 && /^test at /.test(l));
    const body = lines.slice(i + 2, next < 0 ? undefined : next);
    const indent = Math.min(
      ...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
    );
    const { message } = errorText(body.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n'));
    failures.push({
      name: title[1] as string,
      suite: '',
      file: at[1] as string,
      line: Number(at[2]),
      message,
    });
  }
  return {
    runner: 'node',
    counts,
    failures,
    fileInId: false,
    durationMs: stats.get('duration_ms') ?? null,
    notes: [],
  };
}
