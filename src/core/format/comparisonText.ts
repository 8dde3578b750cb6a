/** The human text of a comparison, as `batch compare` prints it in a terminal or a CI log. */
import type { Comparison, FlakyRef, Slowdown, TestRef } from '../model/comparisonModel.js';
import { countsLine, firstLine, formatMs, formatRatio, testLabel, testLocation } from './testLabel.js';
import { referenceName, verdictLine } from './verdict.js';

const flakyReasons: Record<FlakyRef['reason'], string> = {
  'passed-on-retry': 'passed on retry',
  'known-flaky': 'known flaky',
  'runner-retried': 'passed after a retry by the runner',
};

function testLine(mark: string, test: TestRef, withMessage: boolean): string[] {
  const location = testLocation(test);
  const lines = [`  ${mark} ${testLabel(test)}${location === null ? '' : `  ${location}`}`];
  const message = withMessage ? firstLine(test.message) : null;
  if (message !== null) lines.push(`      ${message}`);
  return lines;
}

function slowdownLine(slow: Omit<Slowdown, 'id' | 'name' | 'confirmed'>): string {
  const delta = slow.currentMs - slow.baselineMs;
  return `${formatMs(slow.baselineMs)} → ${formatMs(slow.currentMs)} (${formatRatio(slow.ratio)}, +${formatMs(delta)})`;
}

function section(title: string, tests: readonly TestRef[], mark: string, withMessage = false): string[] {
  if (tests.length === 0) return [];
  return [`${title} (${tests.length})`, ...tests.flatMap((t) => testLine(mark, t, withMessage))];
}

function slowdownSection(slowdowns: readonly Slowdown[]): string[] {
  if (slowdowns.length === 0) return [];
  return [
    `slowdowns (${slowdowns.length})`,
    ...slowdowns.map(
      (s) =>
        `  ! ${s.name}  ${slowdownLine(s)}${s.confirmed ? ' (confirmed: slow again when re-run)' : ' (unconfirmed)'}`,
    ),
  ];
}

/**
 * Renders every non-empty section (new failures with location and message, still failing, fixed,
 * added, removed, now skipped, slowdowns with durations and ratio, flaky), the whole run's slowdown,
 * the notes, the counts line and the verdict line.
 */
export function comparisonText(comparison: Comparison): string {
  const lines: string[] = [
    `compared with ${referenceName(comparison.reference)}: ${comparison.referenceTotals.total} tests then, ${comparison.totals.total} now`,
    '',
    ...section('new failures', comparison.newFailures, '✗', true),
    ...slowdownSection(comparison.slowdowns),
    ...section('still failing', comparison.stillFailing, '✗', true),
    ...section('failing, skipped in the reference', comparison.unskippedFailures, '✗', true),
    ...section('fixed', comparison.fixed, '✓'),
    ...section('added', comparison.added, '+'),
    ...section('removed', comparison.removed, '-'),
    ...section('now skipped', comparison.nowSkipped, '↓'),
  ];
  if (comparison.flaky.length > 0) {
    lines.push(`flaky, not counted (${comparison.flaky.length})`);
    for (const test of comparison.flaky) lines.push(`  ~ ${testLabel(test)}  (${flakyReasons[test.reason]})`);
  }
  if (comparison.runSlowdown !== null) {
    lines.push(
      `whole run slower: ${slowdownLine(comparison.runSlowdown)}; reported, not counted as a regression`,
    );
  }
  for (const note of comparison.notes) lines.push(`note: ${note}`);
  if (lines[lines.length - 1] !== '') lines.push('');
  lines.push(`batch: ${countsLine(comparison.totals)}`, verdictLine(comparison));
  return `${lines.join('\n')}\n`;
}
