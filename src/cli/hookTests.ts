import type { Batch } from '../core/batchModel.js';
import type { Context } from '../core/context.js';
import type { Printer } from '../output/printer.js';
import { afterBatchComplete } from './afterBatch.js';

/**
 * Runs the tests of a batch the hook completed and prints the verdict; returns a one-line verdict for
 * the background worker to leave for the next commit, or null when no tests ran.
 */
export async function runHookTests(ctx: Context, printer: Printer, batch: Batch): Promise<string | null> {
  await afterBatchComplete(ctx, printer, batch);
  return null;
}
