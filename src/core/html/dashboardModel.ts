/**
 * The HTML report's data: what it is built from (`DashboardSource`, plain stored shapes) and what the
 * page reads (`DashboardData`, compact: strings interned, durations whole milliseconds, per-test
 * results one number per run).
 */
import type { Batch } from '../model/batchModel.js';
import type { Operation } from '../model/operationModel.js';
import type { Run } from '../model/runModel.js';
import type { SlowdownRule } from '../compare/slowdownRule.js';
import type { FlakyScore } from '../history/flakyScores.js';
import type { Culprit } from './culpritShape.js';

/** A stored batch, with the culprits a culprit search stored with it (absent when none ran). */
export type DashboardBatch = Batch & { culprits?: Culprit[] };

/** Everything the page shows, as batch stores it; `collectDashboardData` reads it from `.batch/`. */
export interface DashboardSource {
  title: string;
  generatedAt: string;
  /** Oldest first. */
  batches: DashboardBatch[];
  /** Oldest first; read once (`collectDashboardData` reads each run file only when it comes). */
  runs: Iterable<Run>;
  baseline: Run | null;
  /** Rollbacks and undos, oldest first. */
  operations: Operation[];
  rule: SlowdownRule;
  /** The batch the page opens on (`batch report N --format html`), or null. */
  focusBatch: number | null;
  /**
   * The flaky tests `batch flaky` lists (the history store's scores); absent or null when the store
   * could not be read, and then the same scoring runs over the shown runs.
   */
  flaky?: FlakyScore[] | null;
  /** `flaky.minRuns`: how many runs a test needs before it is judged (default 3). */
  flakyMinRuns?: number;
}

/**
 * One test's result in one run: `d ≥ 0` passed in d ms; `-1` absent from the run; `-2` skipped;
 * `-3 - d` failed after d ms.
 */
export type ResultCode = number;
export const ABSENT = -1;
export const SKIPPED = -2;

/** The verdict of a batch's (or a run's) tests, as the timeline colours it. */
export type Verdict = 'pass' | 'fail' | 'stale' | 'none';

export interface RunPoint {
  id: number;
  /** The batch it belongs to, or -1. */
  batch: number;
  at: string;
  passed: number;
  failed: number;
  skipped: number;
  ms: number;
  verdict: Verdict;
}

export interface BatchPoint {
  id: number;
  open: boolean;
  at: string;
  /** `[seq, path, kind, description (-1: none), source]`, path and description interned. */
  edits: [number, number, string, number, string][];
  /** Index into `runs`, or -1 when the run is not among the runs shown. */
  run: number;
  verdict: Verdict;
  /** Tests (indexes) that passed in the previous batch's run and fail in this one's. */
  newFailures: number[];
  /** Each culprit: the edits' seqs and the tests (indexes) they broke. */
  culprits: { edits: number[]; tests: number[] }[];
  /** The rollback that undid this batch (operation id), or -1. */
  rolledBackBy: number;
}

export interface OperationPoint {
  id: number;
  kind: string;
  at: string;
  batch: number;
  undone: number[];
  restored: number[];
}

export interface FlakyPoint {
  test: number;
  runs: number;
  passed: number;
  failed: number;
  /** Flips between consecutive runs / (runs - 1), in thousandths. */
  flipRate: number;
  sameTreeFlips: number;
}

export interface DashboardData {
  title: string;
  generatedAt: string;
  focusBatch: number;
  strings: string[];
  /** `[name, suite, file (-1: none), line (0: none)]`, strings interned. */
  tests: [number, number, number, number][];
  runs: RunPoint[];
  /** `results[test][run]`, see ResultCode. */
  results: ResultCode[][];
  /** The newest failure of each test that failed: `[test, run, message (-1: none), line]`. */
  failures: [number, number, number, number][];
  baseline: { id: number; passed: number; failed: number; skipped: number; ms: number; at: string } | null;
  /** Each test's baseline duration (ms), -1 when the baseline did not pass it. */
  baselineMs: number[];
  batches: BatchPoint[];
  operations: OperationPoint[];
  flaky: FlakyPoint[];
  rule: SlowdownRule;
}
