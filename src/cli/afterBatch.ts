import type { Batch } from '../core/model/batchModel.js';
import type { Context } from '../core/context/context.js';
import { ExitCode } from '../core/context/errors.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { runTestsFromCli } from './runAndReport.js';

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
  return runTestsFromCli(ctx, printer, {
    batchId: batch.id,
    ...(batch.runId !== null ? { runId: batch.runId } : {}),
    ...(signal ? { signal } : {}),
  });
}
