import type { Run, TestResult } from '../model/runModel.js';
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
  type RunPoint,
  type Verdict,
} from './dashboardModel.js';
import { flakyScores, type FlakyScore } from '../history/flakyScores.js';
import { StringTable } from './stringTable.js';
import type { Culprit } from './culpritShape.js';

/** How a run reads on the timeline: stale, no per-test results, red or green. */
export function runVerdict(run: Run): Verdict {
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

/** Every test seen in the runs (and the culprits), by id, in order of id. */
function testIndex(source: DashboardSource): Map<string, TestResult> {
  const byId = new Map<string, TestResult>();
  const note = (test: TestResult) => byId.set(test.id, test);
  for (const test of source.baseline?.tests ?? []) note(test);
  for (const run of source.runs) for (const test of run.tests) note(test);
  for (const batch of source.batches)
    for (const culprit of batch.culprits ?? [])
      for (const t of culprit.tests) if (!byId.has(t.id)) byId.set(t.id, culpritTest(t));
  return new Map([...byId].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The run that tells about each batch: the newest run attributed to it, else the one reserved for it. */
function batchRunIndex(source: DashboardSource): Map<number, number> {
  const byRunId = new Map(source.runs.map((run, i) => [run.id, i]));
  const found = new Map<number, number>();
  source.runs.forEach((run, i) => {
    if (run.batchId !== null) found.set(run.batchId, i);
  });
  for (const batch of source.batches) {
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
  strings: StringTable,
  testOf: Map<string, number>,
  results: ResultCode[][],
  flaky: ReadonlySet<number>,
): BatchPoint[] {
  const runOf = batchRunIndex(source);
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
    const sourceRun = run >= 0 ? source.runs[run] : undefined;
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

/**
 * The flaky list: `batch flaky`'s scores when the source has them, else the same scoring over the
 * shown runs (stale runs left out, as the history store leaves them out). One definition either way.
 */
function flakyPoints(source: DashboardSource, testOf: Map<string, number>): FlakyPoint[] {
  const scores: FlakyScore[] =
    source.flaky ??
    flakyScores(
      source.runs
        .filter((run) => !run.stale)
        .map((run) => ({
          runKey: String(run.id),
          snapshot: run.snapshot,
          total: run.total,
          failed: run.failed,
          at: run.timestamp,
          results: run.tests.map((t) => ({ testId: t.id, name: t.name, status: t.status })),
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

/** Builds the page's compact data from the stored shapes (pure: the same source gives the same page). */
export function dashboardData(source: DashboardSource): DashboardData {
  const strings = new StringTable();
  const index = testIndex(source);
  const testOf = new Map([...index.keys()].map((id, i) => [id, i]));
  const results: ResultCode[][] = [...index.keys()].map(() =>
    new Array<number>(source.runs.length).fill(ABSENT),
  );
  const failures = new Map<number, [number, number, number, number]>();
  source.runs.forEach((run, r) => {
    for (const test of run.tests) {
      const t = testOf.get(test.id) ?? 0;
      (results[t] as ResultCode[])[r] = code(test);
      if (test.status === 'failed') failures.set(t, [t, r, strings.id(test.message), test.line ?? 0]);
    }
  });
  const baselineMs = [...index.keys()].map(() => -1);
  for (const test of source.baseline?.tests ?? []) {
    if (test.status === 'passed') baselineMs[testOf.get(test.id) ?? 0] = Math.round(test.durationMs ?? 0);
  }
  const runs: RunPoint[] = source.runs.map((run) => ({
    id: run.id,
    batch: run.batchId ?? -1,
    at: run.timestamp,
    passed: run.passed,
    failed: run.failed,
    skipped: run.skipped,
    ms: Math.round(run.durationMs),
    verdict: runVerdict(run),
  }));
  const b = source.baseline;
  const flaky = flakyPoints(source, testOf);
  return {
    title: source.title,
    generatedAt: source.generatedAt,
    focusBatch: source.focusBatch ?? -1,
    tests: [...index.values()].map((t) => [
      strings.id(t.name),
      strings.id(t.suite),
      strings.id(t.file),
      t.line ?? 0,
    ]),
    runs,
    results,
    failures: [...failures.values()],
    baseline: b && {
      id: b.id,
      passed: b.passed,
      failed: b.failed,
      skipped: b.skipped,
      ms: Math.round(b.durationMs),
      at: b.timestamp,
    },
    baselineMs,
    batches: batchPoints(source, strings, testOf, results, new Set(flaky.map((f) => f.test))),
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
