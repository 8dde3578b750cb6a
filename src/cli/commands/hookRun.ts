import { BatchError } from '../../core/context/errors.js';
import { HOOK_EVENTS } from '../../core/hooks/shimTemplate.js';
import { messages } from '../../output/messages.js';
import { defineCommand } from '../commandModule.js';
import { runHook } from '../hookRun.js';

/** `batch hook-run <event> [kind]`: what the installed shims call; hidden from --help. */
export const hookRunCommand = defineCommand({
  command: 'hook-run <event> [kind]',
  describe: false,
  builder: (y) =>
    y
      .positional('event', { type: 'string', demandOption: true })
      .positional('kind', { type: 'string' })
      .option('worker', { type: 'boolean', default: false })
      .option('dry-run', { type: 'boolean', default: false }),
  run: (args, printer) => {
    if (!HOOK_EVENTS.includes(args.event as (typeof HOOK_EVENTS)[number])) {
      throw new BatchError(messages.hookBadEvent(args.event), { hint: messages.hookRunHint });
    }
    return runHook(
      { event: args.event, kind: args.kind, worker: args.worker, dryRun: args['dry-run'], cwd: args.cwd },
      printer,
    );
  },
});
