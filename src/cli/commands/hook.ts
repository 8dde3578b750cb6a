import { installHooks } from '../../core/hooks/installHooks.js';
import { readHookStatus } from '../../core/hooks/hookStatus.js';
import { HOOK_EVENTS } from '../../core/hooks/shimTemplate.js';
import { uninstallHooks } from '../../core/hooks/uninstallHooks.js';
import { messages } from '../../output/messages.js';
import { printHookStatus, printInstallReport, printUninstallSteps } from '../../output/describeHooks.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { runHook } from '../hookRun.js';
import { shimPathsOfThisCli } from '../shimPaths.js';

const ACTIONS = ['install', 'uninstall', 'status', 'run'];

export const hookCommand = defineCommand({
  command: 'hook <action> [event] [kind]',
  describe: 'The post-commit integration: install, uninstall or status',
  builder: (y) =>
    y
      .positional('action', { type: 'string', describe: 'install | uninstall | status', demandOption: true })
      .positional('event', { type: 'string', hidden: true })
      .positional('kind', { type: 'string', hidden: true })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'install into a core.hooksPath folder batch does not manage',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document (status)' })
      .option('worker', { type: 'boolean', default: false, hidden: true })
      .option('dry-run', { type: 'boolean', default: false, hidden: true })
      .check((argv) => {
        if (!ACTIONS.includes(argv.action)) throw new Error(messages.hookBadAction(argv.action));
        const event = argv.event;
        if (argv.action === 'run' && !HOOK_EVENTS.includes(event as (typeof HOOK_EVENTS)[number]))
          throw new Error(messages.hookBadEvent(String(event)));
        return true;
      })
      .example('batch hook install', 'record every commit (alongside husky, lefthook or your own hooks)')
      .example('batch hook status', 'who owns the hooks, and whether every commit is recorded')
      .example('BATCH=0 git commit -m wip', 'a commit batch leaves out'),
  run: async (args, printer) => {
    if (args.action === 'run') {
      return runHook(
        {
          event: args.event ?? '',
          kind: args.kind,
          worker: args.worker,
          dryRun: args['dry-run'],
          cwd: args.cwd,
        },
        printer,
      );
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
