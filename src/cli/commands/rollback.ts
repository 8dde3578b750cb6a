import type { Context } from '../../core/context/context.js';
import { ExitCode } from '../../core/context/errors.js';
import type { RollbackOutcome } from '../../core/rollback/rollbackApply.js';
import { messages } from '../../output/messages.js';
import type { Printer } from '../../output/printer.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { rollbackFlow } from '../rollbackFlow.js';
import { runTestsFromCli } from '../runAndReport.js';

/**
 * After a rollback the tests run again, attributed to the new open batch, so they are compared with
 * the run before batch N (runs of rolled-back batches are skipped) and the baseline. DESIGN.md
 * "Rollback": the exit code is that run's, 0 or 1 (a baseline regression counts as failing, 1).
 */
async function rerunTests(ctx: Context, printer: Printer, outcome: RollbackOutcome): Promise<number> {
  if (!ctx.config.testCommand) {
    printer.info(messages.noTestCommand);
    return ExitCode.ok;
  }
  const code = await runTestsFromCli(ctx, printer, {
    batchId: outcome.operation.nextBatch,
    confirmSlowdowns: false,
  });
  return code === ExitCode.regressed ? ExitCode.failed : code;
}

export const rollbackCommand = defineCommand({
  command: 'rollback <batch>',
  describe: "Bring the tree back to a batch's before-state (undoable with `batch undo`)",
  builder: (y) =>
    y
      .positional('batch', { type: 'number', demandOption: true, describe: 'The batch to roll back' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan, change nothing' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
      .option('test', {
        type: 'boolean',
        default: true,
        describe: 'Run the tests afterwards (--no-test: do not)',
      })
      .option('files-only', { type: 'boolean', default: false, describe: 'Restore files only; HEAD stays' })
      .check((argv) => {
        if (!Number.isInteger(argv.batch) || argv.batch < 1)
          throw new Error(messages.badBatchId(String(argv.batch)));
        return true;
      })
      .example('batch rollback 3 --dry-run', 'what rolling back batch 3 would do')
      .example('batch rollback 3 --yes --no-test', 'roll back batch 3 and later ones, no tests'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const result = await rollbackFlow(
      ctx,
      printer,
      { kind: 'rollback', batch: args.batch, filesOnly: args['files-only'] },
      { yes: args.yes, dryRun: args['dry-run'], command: `batch rollback ${args.batch}` },
    );
    if (result.kind === 'dry-run') return ExitCode.ok;
    if (result.kind === 'declined') return ExitCode.unusable;
    if (!args.test) {
      printer.info(messages.testsSkipped);
      return ExitCode.ok;
    }
    return rerunTests(ctx, printer, result.outcome);
  },
});
