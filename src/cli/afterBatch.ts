import type { Batch } from '../core/model/batchModel.js';
import type { Context } from '../core/context/context.js';
import { BatchError, ExitCode } from '../core/context/errors.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { batchNewFailures } from '../core/compare/runComparisons.js';
import { judgeTestsFromCli } from './runAndReport.js';

/**
 * What the CLI does once a record call completed a batch: run the tests for it and print the verdict.
 * Returns the exit code of that run (0, 1, 2, or 130 when interrupted), or 0 when there is no test command.
 */
export async function afterBatchComplete(
  ctx: Context,
  printer: Printer,
  batch: Batch,
  signal?: AbortSignal,
): Promise<number> {
  printer.result(messages.batchComplete(batch.id, batch.edits.length));
  if (!ctx.config.testCommand) {
    printer.info(messages.noTestCommand);
    return ExitCode.ok;
  }
  const { code, run, comparisons } = await judgeTestsFromCli(ctx, printer, {
    batchId: batch.id,
    ...(batch.runId !== null ? { runId: batch.runId } : {}),
    ...(signal ? { signal } : {}),
  });
  // New failures against the previous batch's run count as much as against the baseline: without a
  // baseline such a run exits 1, not 2, and is searched all the same (DESIGN.md "Culprit and revert").
  const broke = !run.interrupted && batchNewFailures(comparisons).length > 0;
  if (broke && ctx.config.culprit.mode === 'auto' && !signal?.aborted) {
    await searchCulprits(ctx, printer, batch);
  }
  return code;
}

/**
 * `culprit: auto`: a batch whose run has new failures is searched for the edits that broke them at
 * once; the culprits go under the verdict. A search that cannot be made says why and changes
 * nothing (the run's verdict stands).
 */
async function searchCulprits(ctx: Context, printer: Printer, batch: Batch): Promise<void> {
  const { culpritSearchFromCli } = await import('./culpritSearch.js');
  printer.info(messages.culpritSearching(batch.id));
  try {
    await culpritSearchFromCli(ctx, printer, batch.id, { print: true });
  } catch (error) {
    if (!(error instanceof BatchError) || error.exitCode === ExitCode.interrupted) throw error;
    printer.warn(`${error.message}${error.hint ? ` (${error.hint})` : ''}`);
  }
}
