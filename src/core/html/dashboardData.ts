import type { Run, RunSummary, TestResult, TestStatus } from '../model/runModel.js';
import type { Operation } from '../model/operationModel.js';
import {
  ABSENT,
  SKIPPED,
  type BatchPoint,
  type DashboardBatch,
  type DashboardData,
  type DashboardSource,
  type FlakyPoint,
  type ResultCode,
  type Verdict,
} from './dashboardModel.js';
import { flakyScores, type FlakyScore } from '../history/flakyScores.js';
import { StringTable } from './stringTable.js';
import type { Culprit } from './culpritShape.js';

/** How a run reads on the timeline: stale, no per-test results, red or green. */
export function runVerdict(run: RunSummary): Verdict {
  if (run.stale) return 'stale';
  if (run.total === 0) return 'none';
  return run.failed > 0 || !run.success ? 'fail' : 'pass';
}

function code(test: TestResult): ResultCode {
  const ms = Math.max(0, Math.round(test.durationMs ?? 0));
  if (test.status === 'skipped') return SKIPPED;
  return test.status === 'failed' ? -3 - ms : ms;
}

/** A test a culprit names that no run shown has (its runs were left out by --runs). */
function culpritTest(t: Culprit['tests'][number]): TestResult {
  const { id, name } = t;
  return {
    id,
    name,
    suite: '',
    file: t.file ?? null,
    line: t.line ?? null,
    status: 'failed',
    durationMs: null,
    message: t.message ?? null,
    stack: null,
  };
}

/** One shown run, folded: its summary, and each of its tests as a slot (see RunFold) and a result code. */
interface FoldedRun {
  run: RunSummary;
  slots: Int32Array;
  codes: Int32Array;
}

/**
 * The shown runs folded one at a time, oldest first, so that a run's parsed file is garbage as soon as
 * it is folded (200 runs of 1,000 tests kept whole cost more in GC than reading them). Tests get a
 * slot in the order they are first seen (baseline first); `testIndex` puts them in order of id.
 */
class RunFold {
  readonly runs: FoldedRun[] = [];
  /** The newest result seen of each test, by slot: its name, suite, file and line are shown. */
  readonly tests: TestResult[] = [];
  /** The newest failure of each test, by slot, in the order tests first failed: `[slot, run, message, line]`. */
  readonly failures = new Map<number, [number, number, number, number]>();
  private readonly slotOf = new Map<string, number>();

  constructor(private readonly strings: StringTable) {}

  /** A test's slot, its newest result noted. */
  note(test: TestResult): number {
    let slot = this.slotOf.get(test.id);
    if (slot === undefined) {
      slot = this.tests.length;
      this.slotOf.set(test.id, slot);
    }
    this.tests[slot] = test;
    return slot;
  }

  /** A test a culprit names that no run shown has (its runs were left out by --runs). */
  noteIfAbsent(test: Culprit['tests'][number]): void {
    if (!this.slotOf.has(test.id)) this.note(culpritTest(test));
  }

  add(run: Run): void {
    const r = this.runs.length;
    const { tests, ...summary } = run;
    const slots = new Int32Array(tests.length);
    const codes = new Int32Array(tests.length);
    tests.forEach((test, i) => {
      const slot = this.note(test);
      slots[i] = slot;
      codes[i] = code(test);
      if (test.status === 'failed')
        this.failures.set(slot, [slot, r, this.strings.id(test.message), test.line ?? 0]);
    });
    this.runs.push({ run: summary, slots, codes });
  }
}

/** Every test seen (baseline, runs, culprits) in order of id: the slots in that order, each slot's index, the ids. */
function testIndex(fold: RunFold): { order: number[]; indexOf: Int32Array; ids: string[] } {
  const order = fold.tests.map((_, slot) => slot);
  const id = (slot: number) => (fold.tests[slot] as TestResult).id;
  order.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const indexOf = new Int32Array(order.length);
  order.forEach((slot, i) => (indexOf[slot] = i));
  return { order, indexOf, ids: order.map(id) };
}

/** The run that tells about each batch: the newest run attributed to it, else the one reserved for it. */
function batchRunIndex(runs: readonly RunSummary[], batches: readonly DashboardBatch[]): Map<number, number> {
  const byRunId = new Map(runs.map((run, i) => [run.id, i]));
  const found = new Map<number, number>();
  runs.forEach((run, i) => {
    if (run.batchId !== null) found.set(run.batchId, i);
  });
  for (const batch of batches) {
    const reserved = batch.runId === null ? undefined : byRunId.get(batch.runId);
    if (!found.has(batch.id) && reserved !== undefined) found.set(batch.id, reserved);
  }
  return found;
}

/** The rollback that left each batch rolled back (a later undo that restored it clears it). */
function rolledBackBy(operations: readonly Operation[]): Map<number, number> {
  const by = new Map<number, number>();
  for (const op of operations) {
    for (const id of op.undoneBatches) by.set(id, op.id);
    for (const id of op.restoredBatches) by.delete(id);
  }
  return by;
}

/** Each batch on the timeline; a flaky test's failure is never counted as one it broke. */
function batchPoints(
  source: DashboardSource,
  runs: readonly RunSummary[],
  strings: StringTable,
  testOf: ReadonlyMap<string, number>,
  results: ResultCode[][],
  flaky: ReadonlySet<number>,
): BatchPoint[] {
  const runOf = batchRunIndex(runs, source.batches);
  const undone = rolledBackBy(source.operations);
  let previousRun = -1;
  return source.batches.map((batch: DashboardBatch) => {
    const run = runOf.get(batch.id) ?? -1;
    const newFailures: number[] = [];
    if (run >= 0 && previousRun >= 0) {
      results.forEach((row, test) => {
        const now = row[run] ?? ABSENT;
        const before = row[previousRun] ?? ABSENT;
        if (now <= -3 && before >= 0 && !flaky.has(test)) newFailures.push(test);
      });
    }
    if (run >= 0) previousRun = run;
    const sourceRun = run >= 0 ? runs[run] : undefined;
    return {
      id: batch.id,
      open: batch.status === 'open',
      at: batch.completedAt ?? batch.startedAt,
      edits: batch.edits.map((e) => [e.seq, strings.id(e.path), e.kind, strings.id(e.description), e.source]),
      run,
      verdict: sourceRun ? runVerdict(sourceRun) : 'none',
      newFailures,
      culprits: (batch.culprits ?? []).map((c) => ({
        edits: c.edits.map((e) => e.seq),
        tests: c.tests.map((t) => testOf.get(t.id) ?? -1).filter((i) => i >= 0),
      })),
      rolledBackBy: undone.get(batch.id) ?? -1,
    };
  });
}

const statusOf = (code: ResultCode): TestStatus =>
  code <= -3 ? 'failed' : code === SKIPPED ? 'skipped' : 'passed';

/**
 * The flaky list: `batch flaky`'s scores when the source has them, else the same scoring over the
 * shown runs (stale runs left out, as the history store leaves them out). One definition either way.
 */
function flakyPoints(
  source: DashboardSource,
  fold: RunFold,
  testOf: ReadonlyMap<string, number>,
): FlakyPoint[] {
  const newest = (slot: number) => fold.tests[slot] as TestResult;
  const scores: FlakyScore[] =
    source.flaky ??
    flakyScores(
      fold.runs
        .filter(({ run }) => !run.stale)
        .map(({ run, slots, codes }) => ({
          runKey: String(run.id),
          snapshot: run.snapshot,
          total: run.total,
          failed: run.failed,
          at: run.timestamp,
          results: [...slots].map((slot, i) => ({
            testId: newest(slot).id,
            name: newest(slot).name,
            status: statusOf(codes[i] as number),
          })),
        })),
      { minRuns: source.flakyMinRuns ?? 3 },
    ).flaky;
  const flaky: FlakyPoint[] = [];
  for (const score of scores) {
    const test = testOf.get(score.id);
    if (test === undefined) continue; // not in the shown runs: nothing to show it with
    flaky.push({
      test,
      runs: score.runs,
      passed: score.passed,
      failed: score.failed,
      flipRate: Math.round(score.flipRate * 1000),
      sameTreeFlips: score.sameTreeFlips,
    });
  }
  return flaky;
}

/**
 * Builds the page's compact data from the stored shapes (pure: the same source gives the same page).
 * `source.runs` is read once, oldest first, each run folded as it comes.
 */
export function dashboardData(source: DashboardSource): DashboardData {
  const strings = new StringTable();
  const fold = new RunFold(strings);
  for (const test of source.baseline?.tests ?? []) fold.note(test);
  for (const run of source.runs) fold.add(run);
  for (const batch of source.batches)
    for (const culprit of batch.culprits ?? []) for (const t of culprit.tests) fold.noteIfAbsent(t);
  const { order, indexOf, ids } = testIndex(fold);
  const results: ResultCode[][] = ids.map(() => new Array<number>(fold.runs.length).fill(ABSENT));
  fold.runs.forEach(({ slots, codes }, r) => {
    slots.forEach((slot, i) => ((results[indexOf[slot] as number] as ResultCode[])[r] = codes[i] as number));
  });
  const testOf = new Map(ids.map((id, i) => [id, i]));
  const baselineMs = ids.map(() => -1);
  for (const test of source.baseline?.tests ?? []) {
    if (test.status === 'passed') baselineMs[testOf.get(test.id) ?? 0] = Math.round(test.durationMs ?? 0);
  }
  const runs = fold.runs.map(({ run }) => run);
  const b = source.baseline;
  const flaky = flakyPoints(source, fold, testOf);
  return {
    title: source.title,
    generatedAt: source.generatedAt,
    focusBatch: source.focusBatch ?? -1,
    tests: order.map((slot) => {
      const t = fold.tests[slot] as TestResult;
      return [strings.id(t.name), strings.id(t.suite), strings.id(t.file), t.line ?? 0];
    }),
    runs: runs.map((run) => ({
      id: run.id,
      batch: run.batchId ?? -1,
      at: run.timestamp,
      passed: run.passed,
      failed: run.failed,
      skipped: run.skipped,
      ms: Math.round(run.durationMs),
      verdict: runVerdict(run),
    })),
    results,
    failures: [...fold.failures.values()].map(([slot, r, message, line]) => [
      indexOf[slot] as number,
      r,
      message,
      line,
    ]),
    baseline: b && {
      id: b.id,
      passed: b.passed,
      failed: b.failed,
      skipped: b.skipped,
      ms: Math.round(b.durationMs),
      at: b.timestamp,
    },
    baselineMs,
    batches: batchPoints(source, runs, strings, testOf, results, new Set(flaky.map((f) => f.test))),
    operations: source.operations.map((op) => ({
      id: op.id,
      kind: op.kind,
      at: op.startedAt,
      batch: op.batch ?? -1,
      undone: op.undoneBatches,
      restored: op.restoredBatches,
    })),
    flaky,
    rule: source.rule,
    strings: strings.strings,
  };
}
