import { durationText, type Scraped, type ScrapedFailure } from './scraped.js';

const result = /^(\s*)--- (PASS|FAIL|SKIP): (\S+)(?: \(([\d.]+) ?s(?:econds)?\))?/;
const pkgLine = /^(ok|FAIL)\s+(\S+)\s+(\d+\.\d+s|\(cached\)|\[build failed\]|\[setup failed\])/;
const goLocation = /^\s*([\w./-]+\.go):(\d+): ?(.*)$/;

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

/** `go test` text: `--- FAIL: TestX (0.01s)` lines (subtests indented) and `ok`/`FAIL` package lines. */
export function scrapeGo(lines: string[]): Scraped | null {
  const found = lines.map((l, i) => ({ m: result.exec(l), i })).filter((r) => r.m !== null);
  const packages = lines.map((l) => pkgLine.exec(l)).filter((m) => m !== null);
  if (found.length === 0 && packages.length === 0) return null;
  const parents = new Set<string>();
  for (const r of found) {
    const parts = (r.m?.[3] as string).split('/');
    for (let k = 1; k < parts.length; k++) parents.add(parts.slice(0, k).join('/'));
  }
  const isParent = (name: string) => parents.has(name);
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const failures: ScrapedFailure[] = [];
  for (const { m, i } of found) {
    const [, indent = '', status, name = ''] = m as RegExpExecArray;
    if (isParent(name)) continue;
    if (status === 'PASS') counts.passed++;
    else if (status === 'SKIP') counts.skipped++;
    else {
      counts.failed++;
      const output = outputOf(lines, i, name, indent.length);
      const located = output.map((l) => goLocation.exec(l)).find((x) => x !== null);
      const parts = name.split('/');
      failures.push({
        name: parts.at(-1) as string,
        suite: parts.slice(0, -1).join(' > '),
        file: located?.[1] ?? null,
        line: located ? Number(located[2]) : null,
        message: located?.[3] ?? output[0]?.trim() ?? null,
      });
    }
  }
  for (const p of packages.filter((m) => /\[(?:build|setup) failed\]/.test(m[3] as string))) {
    counts.failed++;
    failures.push({ name: '[build failed]', suite: p[2] as string, file: null, line: null, message: p[0] });
  }
  const notes =
    counts.passed === 0 &&
    packages.some((p) => p[1] === 'ok' || p[1] === 'FAIL') &&
    !lines.some((l) => l.startsWith('=== RUN'))
      ? ['go test without -v lists only failing tests: passed tests were not counted']
      : [];
  const times = packages.map((p) => durationText(p[3])).filter((t): t is number => t !== null);
  return {
    runner: 'go',
    counts,
    failures,
    fileInId: false,
    durationMs: times.length > 0 ? Math.max(...times) : null,
    notes,
  };
}
