import { relative } from 'node:path';
import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';
import { confirm } from '../confirm.js';

export const resetCommand = defineCommand({
  command: 'reset',
  describe: 'Forget batches and runs (snapshots stay)',
  builder: (y) =>
    y
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
      .example('batch reset --yes', 'start again from batch 1'),
  run: async (args, printer) => {
    const [{ cliContext }, { resetState }] = await Promise.all([
      import('../cliContext.js'),
      import('../../core/state/resetState.js'),
    ]);
    const ctx = await cliContext(args, printer);
    if (
      !args.yes &&
      !(await confirm(messages.resetConfirm, {
        message: messages.resetRefused,
        hint: messages.resetRefusedHint,
      }))
    ) {
      printer.info(messages.resetCancelled);
      return 0;
    }
    const archive = await resetState(ctx);
    printer.result(messages.resetDone(relative(ctx.ws.root, archive)));
    return 0;
  },
});
