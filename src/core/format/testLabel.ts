/** How a test, a location and a duration are written in every report format. */
import stripAnsi from 'strip-ansi';
import type { ComparisonTotals, TestRef } from '../model/comparisonModel.js';

/** `suite > name`, or the name alone when the suite is empty or already part of it. */
export function testLabel(test: Pick<TestRef, 'name' | 'suite'>): string {
  if (test.suite === '' || test.name.startsWith(`${test.suite} > `)) return test.name;
  return `${test.suite} > ${test.name}`;
}

/** `file:line`, `file`, or null when the format gave no location. */
export function testLocation(test: Pick<TestRef, 'file' | 'line'>): string | null {
  if (test.file === null) return null;
  return test.line === null ? test.file : `${test.file}:${test.line}`;
}

/** The first non-empty line of a failure message, without colour codes, cut at `max` characters. */
export function firstLine(message: string | null, max = 200): string | null {
  if (message === null) return null;
  const line = stripAnsi(message)
    .split(/\r?\n/)
    .find((l) => l.trim() !== '');
  if (line === undefined) return null;
  const trimmed = line.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/** `12 ms`, `1.5 ms`, `2.35 s`. */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 || Number.isInteger(ms) ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/** `×3.97`, or `from 0 ms` when the reference took no measurable time. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? 'from 0 ms' : `×${ratio.toFixed(2)}`;
}

/** `5 passed, 3 failed, 1 skipped`: the line CI log readers look for. */
export function countsLine(
  totals: Pick<ComparisonTotals, 'passed' | 'failed' | 'skipped'> & { xfailed?: number; xpassed?: number },
): string {
  // As pytest counts: xpasses are not among the passed, xfails not among the skipped.
  const xfailed = totals.xfailed ?? 0;
  const xpassed = totals.xpassed ?? 0;
  const line = `${totals.passed - xpassed} passed, ${totals.failed} failed, ${totals.skipped - xfailed} skipped`;
  return `${line}${xfailed > 0 ? `, ${xfailed} xfailed` : ''}${xpassed > 0 ? `, ${xpassed} xpassed` : ''}`;
}

/** `1 test` / `2 tests`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
