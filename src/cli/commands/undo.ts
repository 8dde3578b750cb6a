import { ExitCode } from '../../core/context/errors.js';
import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { rollbackFlow } from '../rollbackFlow.js';

export const undoCommand = defineCommand({
  command: 'undo',
  describe: 'Undo the last rollback (or undo): files and branch as they were before it',
  builder: (y) =>
    y
      .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Do not ask for confirmation' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan, change nothing' })
      .example('batch undo --yes', 'take the last rollback back'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const result = await rollbackFlow(
      ctx,
      printer,
      { kind: 'undo' },
      { yes: args.yes, dryRun: args['dry-run'], command: 'batch undo' },
    );
    if (result.kind === 'declined') return ExitCode.unusable;
    if (result.kind === 'done') printer.info(messages.undoTestsHint);
    return ExitCode.ok;
  },
});
