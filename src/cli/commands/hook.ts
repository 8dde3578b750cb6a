import { installHooks } from '../../core/hooks/installHooks.js';
import { readHookStatus } from '../../core/hooks/hookStatus.js';
import { BatchError } from '../../core/context/errors.js';
import { uninstallHooks } from '../../core/hooks/uninstallHooks.js';
import { messages } from '../../output/messages.js';
import { printHookStatus, printInstallReport, printUninstallSteps } from '../../output/describeHooks.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { shimPathsOfThisCli } from '../shimPaths.js';

const ACTIONS = ['install', 'uninstall', 'status'];

export const hookCommand = defineCommand({
  command: 'hook <action>',
  describe: 'The post-commit integration: install, uninstall or status',
  builder: (y) =>
    y
      .positional('action', { type: 'string', describe: 'install | uninstall | status', demandOption: true })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'install into a core.hooksPath folder batch does not manage',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (status)' })
      .example('batch hook install', 'record every commit (alongside husky, lefthook or your own hooks)')
      .example('batch hook status', 'who owns the hooks, and whether every commit is recorded')
      .example('BATCH=0 git commit -m wip', 'a commit batch leaves out'),
  run: async (args, printer) => {
    if (!ACTIONS.includes(args.action)) {
      throw new BatchError(messages.hookBadAction(args.action), { hint: messages.hookUsage });
    }
    const ctx = await cliContext(args, printer);
    if (args.action === 'install') {
      printInstallReport(
        printer,
        ctx,
        await installHooks(ctx, { paths: shimPathsOfThisCli(), force: args.force }),
      );
      return 0;
    }
    if (args.action === 'uninstall') {
      printUninstallSteps(printer, ctx, await uninstallHooks(ctx));
      return 0;
    }
    const status = await readHookStatus(ctx);
    if (args.json) printer.json(status);
    else printHookStatus(printer, ctx, status);
    return 0;
  },
});
