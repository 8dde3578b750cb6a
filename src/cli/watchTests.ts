import type { Batch } from '../core/model/batchModel.js';
import type { Context } from '../core/context/context.js';
import { ExitCode } from '../core/context/errors.js';
import { compareWithReferences } from '../core/compare/runComparisons.js';
import { readRun } from '../core/runs/runStore.js';
import type { TestRequest } from '../core/watch/testQueue.js';
import type { Printer } from '../output/printer.js';
import { afterBatchComplete } from './afterBatch.js';
import { runTestsFromCli } from './runAndReport.js';
import type { LastRunView } from './watchView.js';

/** The status line's view of the run just finished: counts, and the tests it newly broke (against the previous batch, else the baseline). */
async function lastRunView(ctx: Context): Promise<LastRunView | null> {
  const state = await ctx.store.readState();
  const run = readRun(ctx, state?.lastRunId ?? null);
  if (!run) return null;
  const comparisons = run.interrupted ? null : await compareWithReferences(ctx, run);
  const reference = comparisons?.previous ?? comparisons?.baseline ?? null;
  return {
    passed: run.passed,
    failed: run.failed,
    newFailures: reference?.newFailures.map((test) => test.name) ?? [],
  };
}

/**
 * The one place `batch watch` runs tests, through the runner's CLI path (progress, verdict, comparison
 * with the previous batch and the baseline, stale check): a completed batch with the run id it
 * reserved, or (`r`) the open batch, as `batch test` would.
 */
export async function runWatchTests(
  ctx: Context,
  printer: Printer,
  request: TestRequest,
  batch: Batch | null,
  signal: AbortSignal,
): Promise<LastRunView | null> {
  const exitCode = batch
    ? await afterBatchComplete(ctx, printer, batch, signal)
    : await runTestsFromCli(ctx, printer, { batchId: request.batchId, signal });
  return exitCode === ExitCode.interrupted ? null : lastRunView(ctx);
}
