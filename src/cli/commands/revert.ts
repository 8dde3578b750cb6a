import { ExitCode } from '../../core/context/errors.js';
import { describeRevert } from '../../output/describeRevert.js';
import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { confirm } from '../confirm.js';
import { runTestsFromCli } from '../runAndReport.js';

/** `batch revert`: takes back just the named edits, keeping the rest; undoable with `batch undo`. */
export const revertCommand = defineCommand({
  command: 'revert <edits..>',
  describe: 'Take back just those edits (by seq, as `batch log` numbers them), keep the rest (undoable)',
  builder: (y) =>
    y
      .positional('edits', { type: 'number', array: true, demandOption: true, describe: 'Edit numbers' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan, change nothing' })
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
      .option('test', {
        type: 'boolean',
        default: true,
        describe: 'Run the tests afterwards (--no-test: do not)',
      })
      .check((argv) => {
        for (const seq of argv.edits)
          if (!Number.isInteger(seq) || seq < 1) throw new Error(messages.badEditSeq(String(seq)));
        return true;
      })
      .example('batch revert 7 --dry-run', 'what taking back edit 7 would write')
      .example('batch revert 7 9 --yes', 'take back edits 7 and 9, then run the tests'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const { applyRevert, previewRevert } = await import('../../core/revert/revertApply.js');
    const { revertRefusal } = await import('../../core/revert/revertPlan.js');
    const seqs = [...new Set(args.edits)];
    let expected: { preTree: string } | undefined;
    if (args['dry-run'] || !args.yes) {
      const plan = await previewRevert(ctx, seqs);
      for (const line of describeRevert(printer, plan)) printer.info(line);
      const refusal = revertRefusal(plan);
      if (refusal) throw refusal;
      if (args['dry-run']) {
        printer.info(messages.dryRunDone);
        return ExitCode.ok;
      }
      const refused = {
        message: messages.rollbackRefused('revert'),
        hint: messages.rollbackRefusedHint(`batch revert ${seqs.join(' ')}`),
      };
      if (!(await confirm(messages.revertConfirm(plan.files.length), refused))) {
        printer.info(messages.rollbackDeclined);
        return ExitCode.unusable;
      }
      expected = { preTree: plan.preTree };
    }
    const outcome = await applyRevert(ctx, seqs, expected);
    if (!outcome.operation) {
      printer.result(messages.revertNothing(seqs.join(', ')));
      return ExitCode.ok;
    }
    if (args.yes) for (const line of describeRevert(printer, outcome.plan)) printer.info(line);
    printer.result(messages.revertDone(outcome.plan.seqs.join(', '), outcome.plan.files.length));
    printer.result(messages.howToUndo(outcome.operation.pre.commit));
    if (!args.test) {
      printer.info(messages.testsSkipped);
      return ExitCode.ok;
    }
    if (!ctx.config.testCommand) {
      printer.info(messages.noTestCommand);
      return ExitCode.ok;
    }
    return runTestsFromCli(ctx, printer, { batchId: outcome.operation.nextBatch });
  },
});
