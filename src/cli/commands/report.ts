import type { Batch } from '../../core/model/batchModel.js';
import { batchRun, lastBatchWithRun } from '../../core/runs/batchRuns.js';
import { BatchError } from '../../core/context/errors.js';
import { batchReportText } from '../../core/format/batchReportText.js';
import { comparisonMarkdown } from '../../core/format/comparisonMarkdown.js';
import { junitReport } from '../../core/format/junitReport.js';
import { runMarkdown } from '../../core/format/runMarkdown.js';
import { compareWithReferences } from '../../core/compare/runComparisons.js';
import type { Run } from '../../core/model/runModel.js';
import { peekState } from '../../core/state/session.js';
import type { Context } from '../../core/context/context.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';

const formats = ['text', 'json', 'junit', 'markdown'] as const;

async function pick(ctx: Context, id: number | undefined): Promise<{ batch: Batch | null; run: Run }> {
  if (id === undefined) {
    const last = lastBatchWithRun(ctx);
    if (last) return last;
    // No completed batch was tested yet: the open batch's run (a `batch test` or a baseline run).
    const state = await peekState(ctx);
    const open = state ? batchRun(ctx, { id: state.currentBatch.id, runId: null }) : null;
    if (state && open) return { batch: state.currentBatch, run: open };
    throw new BatchError('no batch has a test run yet', {
      hint: 'a batch runs its tests when it completes; `batch test` runs them now',
    });
  }
  const state = await peekState(ctx);
  const batch = ctx.store.readBatch<Batch>(id) ?? (state?.currentBatch.id === id ? state.currentBatch : null);
  if (!batch) {
    throw new BatchError(`there is no batch ${id}`, { hint: '`batch log` lists the batches' });
  }
  const run = batchRun(ctx, batch);
  if (!run) {
    const current = state?.currentBatch.id === id;
    const hint = current
      ? '`batch test` runs its tests now'
      : `its tests cannot run again for it: \`batch test\` tests the tree as it is now (batch ${state?.currentBatch.id ?? '?'}), and \`batch history\` lists the runs there are`;
    // A run id is reserved when a batch completes; no file means the run never got to the end.
    const why =
      batch.runId === null
        ? `batch ${id} has no test run`
        : `batch ${id}'s run ${batch.runId} has no results: its tests are still running, or did not run to the end (the test command could not start, or a later batch's run took its place)`;
    throw new BatchError(why, { hint });
  }
  return { batch, run };
}

/** `batch report [BATCH]`: a batch's report as text, the run as JSON, JUnit XML, or markdown. */
export const reportCommand = defineCommand({
  command: 'report [batch]',
  describe: "A batch's report: its run, failures with locations, what it broke",
  builder: (y) =>
    y
      .positional('batch', {
        type: 'number',
        describe: 'The batch (default: the last completed batch with a run)',
      })
      .option('format', { choices: formats, default: 'text' as const, describe: 'Output format' })
      .example('batch report 3', "batch 3's report")
      .example('batch report --format junit > results.xml', 'the last run as JUnit XML'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    if (args.batch !== undefined && (!Number.isInteger(args.batch) || args.batch < 1)) {
      const got = Number.isNaN(args.batch) ? 'not a number' : `got ${args.batch}`;
      throw new BatchError(`BATCH must be a batch number (1, 2, …), ${got}`, {
        hint: '`batch log` lists the batches',
      });
    }
    const { batch, run } = await pick(ctx, args.batch);
    const { storedCulprits } = await import('../../core/record/storedCulprits.js');
    const culprits = batch ? storedCulprits(ctx.store, batch.id) : null;
    if (args.format === 'json') {
      printer.json({ ...run, culprits: culprits?.culprits ?? [] });
      return 0;
    }
    if (args.format === 'junit') {
      printer.raw(junitReport(run));
      return 0;
    }
    const comparisons = await compareWithReferences(ctx, run);
    if (args.format === 'markdown') {
      const comparison = comparisons.baseline ?? comparisons.previous;
      printer.raw(comparison ? comparisonMarkdown(comparison) : runMarkdown(run));
      return 0;
    }
    printer.raw(batchReportText({ run, batch, comparisons }));
    if (culprits) {
      const { describeCulprits } = await import('../../output/describeCulprits.js');
      for (const line of describeCulprits(printer, culprits)) printer.result(line);
    }
    return 0;
  },
});
