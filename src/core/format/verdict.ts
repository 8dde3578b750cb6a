/** The one-line verdict every comparison format ends with. */
import type { Comparison } from '../model/comparisonModel.js';
import { plural } from './testLabel.js';

/** What a reference is called in sentences: `baseline .batch/baseline.json`, `the previous batch's run`. */
export function referenceName(reference: Comparison['reference']): string {
  if (reference.kind === 'previous-batch') return reference.label || "the previous batch's run";
  return reference.label === '' ? 'the baseline' : `baseline ${reference.label}`;
}

/** The parts of the verdict that made it a regression: `2 new failures and 1 slowdown`. */
export function regressionSummary(comparison: Pick<Comparison, 'newFailures' | 'slowdowns'>): string {
  const parts: string[] = [];
  if (comparison.newFailures.length > 0) parts.push(plural(comparison.newFailures.length, 'new failure'));
  if (comparison.slowdowns.length > 0) parts.push(plural(comparison.slowdowns.length, 'slowdown'));
  return parts.join(' and ');
}

/** `regressed: 2 new failures against baseline X (exit 2)` and its exit 1 and exit 0 counterparts. */
export function verdictLine(comparison: Comparison): string {
  const against = referenceName(comparison.reference);
  const exit = `(exit ${comparison.exitCode})`;
  if (comparison.exitCode === 2)
    return `regressed: ${regressionSummary(comparison)} against ${against} ${exit}`;
  if (comparison.exitCode === 1) {
    if (comparison.totals.failed === 0)
      return `failed: the tests failed without reporting a failing test ${exit}`;
    return `failing: ${plural(comparison.totals.failed, 'test')} failed, none of them newly against ${against} ${exit}`;
  }
  return `ok: no regression against ${against} ${exit}`;
}
