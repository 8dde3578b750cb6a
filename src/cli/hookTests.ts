import type { Batch } from '../core/model/batchModel.js';
import type { Context } from '../core/context/context.js';
import { ExitCode } from '../core/context/errors.js';
import { summarizeRun, type Run } from '../core/model/runModel.js';
import { describeRun } from '../output/describeRun.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { afterBatchComplete } from './afterBatch.js';

/**
 * Runs the tests of a batch the hook completed, printing progress and the verdict as `batch record`
 * does; returns a one-line verdict for the background worker to leave for the next commit, or null
 * when no tests ran.
 */
export async function runHookTests(ctx: Context, printer: Printer, batch: Batch): Promise<string | null> {
  const code = await afterBatchComplete(ctx, printer, batch);
  if (!ctx.config.testCommand || batch.runId === null) return null;
  const run = ctx.store.readRun<Run>(batch.runId);
  if (!run) return null;
  const verdict = describeRun(printer, summarizeRun(run));
  return code === ExitCode.regressed ? `${verdict} · ${messages.hookRegressed}` : verdict;
}
