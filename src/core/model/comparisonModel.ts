/** The comparison model of DESIGN.md: a run set against a reference run. */
import type { TestResult } from './runModel.js';

export interface TestRef {
  id: string;
  name: string;
  suite: string;
  file: string | null;
  line: number | null;
  message: string | null;
}

/** Why a failure was not counted as a regression. */
export type FlakyReason = 'passed-on-retry' | 'known-flaky' | 'runner-retried';

export interface FlakyRef extends TestRef {
  reason: FlakyReason;
}

export interface Slowdown {
  id: string;
  name: string;
  baselineMs: number;
  currentMs: number;
  /** currentMs / baselineMs, rounded to two decimals; null when the reference took 0 ms. */
  ratio: number | null;
  /** Slow again when its tests ran a second time (runs/confirmSlowdowns.ts): only then exit 2. */
  confirmed: boolean;
}

export interface ComparisonTotals {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** pytest's own outcomes, counted as pytest counts them (within `skipped` and `passed`); absent when 0. */
  xfailed?: number;
  xpassed?: number;
  durationMs: number;
}

export interface Comparison {
  /** 0 all passed, 1 failures none of them new, 2 regressions (new failures or confirmed slowdowns). */
  exitCode: 0 | 1 | 2;
  /** What the current run was compared with: `baseline`, `previous-batch`, or a file path. */
  reference: { kind: 'baseline' | 'previous-batch' | 'file'; runId: number | null; label: string };
  newFailures: TestRef[];
  stillFailing: TestRef[];
  fixed: TestRef[];
  added: TestRef[];
  removed: TestRef[];
  slowdowns: Slowdown[];
  /** Failed in the current run but passed on a retry, or known to be flaky: never a regression. */
  flaky: FlakyRef[];
  /** Ran in the reference (passed or failed), skipped now: a skip can hide a regression. */
  nowSkipped: TestRef[];
  /** Skipped in the reference, failing now: it never passed there, so it is no regression (exit 1). */
  unskippedFailures: TestRef[];
  /** The whole run's duration compared by the same rule; null when it is no slowdown. Never exit 2. */
  runSlowdown: Omit<Slowdown, 'id' | 'name' | 'confirmed'> | null;
  totals: ComparisonTotals;
  /** The reference run's counts, for "failed 1 → 3" when only counts are known. */
  referenceTotals: ComparisonTotals;
  /** What limits the comparison (a report that names only failing tests, for instance). */
  notes: string[];
}

export function toTestRef(test: TestResult): TestRef {
  return {
    id: test.id,
    name: test.name,
    suite: test.suite,
    file: test.file,
    line: test.line,
    message: test.message,
  };
}
