import { relative } from 'node:path';
import { backupBatch } from '../../core/rollback/backupBatch.js';
import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';

export const backupCommand = defineCommand({
  command: 'backup <batch>',
  describe: "Plain-file copy of a batch's before-state, with the commands to recover by hand",
  builder: (y) =>
    y
      .positional('batch', { type: 'number', demandOption: true, describe: 'The batch to back up' })
      .option('dir', { type: 'string', describe: 'Write here instead of .batch/backups/batch_<N>/' })
      .check((argv) => {
        if (!Number.isInteger(argv.batch) || argv.batch < 1)
          throw new Error(messages.badBatchId(String(argv.batch)));
        return true;
      })
      .example('batch backup 3', 'copies of what batch 3 touched, as it was before it'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const result = await backupBatch(ctx, args.batch, args.dir);
    const shown = relative(ctx.cwd, result.dir) || '.';
    printer.result(messages.backupDone(shown, result.copied.length));
    if (result.absent.length) printer.info(messages.backupAbsent(result.absent));
    return 0;
  },
});
