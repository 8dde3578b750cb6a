import type { Batch } from '../core/batchModel.js';
import type { Comparison } from '../core/comparisonModel.js';
import type { Context } from '../core/context.js';
import { ExitCode } from '../core/errors.js';
import { readRun } from '../core/runStore.js';
import type { TestRequest } from '../core/watch/testQueue.js';
import type { Printer } from '../output/printer.js';
import { afterBatchComplete } from './afterBatch.js';
import type { LastRunView } from './watchView.js';

/** The status line's view of a finished run: counts from the stored run, new failures from the comparison. */
function lastRunView(ctx: Context, runId: number | null, exitCode: number): LastRunView | null {
  const run = readRun(ctx, runId);
  if (!run) return null;
  const comparison =
    exitCode === ExitCode.regressed ? ctx.store.readDocument<Comparison>('regressions.json') : null;
  return {
    passed: run.passed,
    failed: run.failed,
    newFailures: comparison?.newFailures.map((test) => test.name) ?? [],
  };
}

/**
 * The one place `batch watch` runs tests: through the same path as `batch record` when a batch
 * completes, so the verdict, the comparison and the stale check are the runner's.
 */
export async function runWatchTests(
  ctx: Context,
  printer: Printer,
  request: TestRequest,
  batch: Batch | null,
): Promise<LastRunView | null> {
  if (!batch) return null;
  const exitCode = await afterBatchComplete(ctx, printer, batch);
  return lastRunView(ctx, request.runId, exitCode);
}
