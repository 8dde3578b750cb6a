import type { TestStatus } from '../../model/runModel.js';
import { suiteSeparator } from '../testResult.js';
import { durationText, failuresOf, type Scraped, type ScrapedTest } from './scraped.js';

const result = /^(\s*)--- (PASS|FAIL|SKIP): (\S+)(?: \(([\d.]+) ?s(?:econds)?\))?/;
const pkgLine = /^(ok|FAIL)\s+(\S+)\s+(\d+\.\d+s|\(cached\)|\[build failed\]|\[setup failed\])/;
const runLine = /^=== RUN\s+(\S+)/;
const goLocation = /^\s*([\w./-]+\.go):(\d+): ?(.*)$/;

const statusOf: Record<string, TestStatus> = { PASS: 'passed', FAIL: 'failed', SKIP: 'skipped' };

/** The output a failing test printed: after its `--- FAIL` line (go test) or after its `=== RUN` (-v). */
function outputOf(lines: string[], at: number, name: string, indent: number): string[] {
  const after: string[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '' || l.length - l.trimStart().length <= indent || /^\s*--- /.test(l)) break;
    after.push(l);
  }
  if (after.length > 0) return after;
  const run = lines.findLastIndex((l, i) => i < at && l.trim() === `=== RUN   ${name}`);
  return run < 0 ? [] : lines.slice(run + 1, at).filter((l) => !/^\s*(?:===|---) /.test(l));
}

/** The package each line belongs to: the `ok`/`FAIL` package line that closes its block. */
function packagesOf(lines: string[]): Array<string | null> {
  const of: Array<string | null> = new Array<string | null>(lines.length).fill(null);
  let pkg: string | null = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    pkg = pkgLine.exec(lines[i] as string)?.[2] ?? pkg;
    of[i] = pkg;
  }
  return of;
}

/**
 * `go test` text: `--- FAIL: TestX (0.01s)` lines (subtests indented, their parents left out) and
 * `ok`/`FAIL` package lines; suites are `pkg > TestX` as with `go test -json`. Go prints no totals:
 * the counts are these lines. Under -v every test has its line, so the listing is complete when each
 * `=== RUN` has its result; without -v only failures are printed.
 */
export function scrapeGo(lines: string[]): Scraped | null {
  const found = lines.map((l, i) => ({ m: result.exec(l), i })).filter((r) => r.m !== null);
  const packages = lines.map((l) => pkgLine.exec(l)).filter((m) => m !== null);
  if (found.length === 0 && packages.length === 0) return null;
  const pkgOf = packagesOf(lines);
  const key = (i: number, name: string) => `${pkgOf[i] ?? ''}\u0000${name}`;
  const parents = new Set<string>();
  for (const { m, i } of found) {
    const parts = (m?.[3] as string).split('/');
    for (let k = 1; k < parts.length; k++) parents.add(key(i, parts.slice(0, k).join('/')));
  }
  const tests: ScrapedTest[] = [];
  for (const { m, i } of found) {
    const [, indent = '', word = '', name = '', seconds] = m as RegExpExecArray;
    if (parents.has(key(i, name))) continue;
    const status = statusOf[word] ?? 'failed';
    const parts = name.split('/');
    const output = status === 'failed' ? outputOf(lines, i, name, indent.length) : [];
    const located = output.map((l) => goLocation.exec(l)).find((x) => x !== null);
    tests.push({
      name: parts.at(-1) as string,
      suite: [pkgOf[i], ...parts.slice(0, -1)].filter((p) => p !== null).join(suiteSeparator),
      file: located?.[1] ?? null,
      line: located ? Number(located[2]) : null,
      message: status === 'failed' ? (located?.[3] ?? output[0]?.trim() ?? null) : null,
      status,
      durationMs: durationText(seconds === undefined ? undefined : `${seconds}s`),
    });
  }
  for (const p of packages.filter((m) => /\[(?:build|setup) failed\]/.test(m[3] as string))) {
    const pkg = p[2] as string;
    tests.push({
      name: '[build failed]',
      suite: pkg,
      file: null,
      line: null,
      message: p[0],
      status: 'failed',
      durationMs: null,
    });
  }
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const test of tests) counts[test.status]++;
  const ran = lines.flatMap((l, i) => {
    const name = runLine.exec(l)?.[1];
    return name === undefined ? [] : [key(i, name)];
  });
  const reported = new Set(found.map(({ m, i }) => key(i, m?.[3] as string)));
  const verbose = ran.length > 0;
  const unfinished = ran.filter((k) => !reported.has(k)).length;
  const notes = [];
  if (!verbose && counts.passed === 0 && packages.some((p) => p[1] === 'ok' || p[1] === 'FAIL'))
    notes.push('go test without -v lists only failing tests: passed tests were not counted');
  if (unfinished > 0) notes.push(`${unfinished} tests started (=== RUN) but never reported a result`);
  const times = packages.map((p) => durationText(p[3])).filter((t): t is number => t !== null);
  return {
    runner: 'go',
    counts,
    failures: failuresOf(tests),
    tests: verbose && unfinished === 0 ? tests : null,
    fileInId: false,
    durationMs: times.length > 0 ? Math.max(...times) : null,
    notes,
  };
}
