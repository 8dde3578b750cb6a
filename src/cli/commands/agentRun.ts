import { resolve } from 'node:path';
import { BatchError } from '../../core/context/errors.js';
import { defineCommand } from '../commandModule.js';

/** `batch agent-run record|test`: the background workers the agent hook starts; hidden from --help. */
export const agentRunCommand = defineCommand({
  command: 'agent-run <kind>',
  describe: false,
  builder: (y) =>
    y
      .positional('kind', { type: 'string', demandOption: true })
      .option('agent', { type: 'string', default: 'claude' }),
  run: async (args, printer) => {
    if (args.kind !== 'record' && args.kind !== 'test') {
      throw new BatchError(`unknown agent worker: ${args.kind}`, {
        hint: '`batch agent-run` is what the agent hook starts; run `batch agent install claude` to set it up',
      });
    }
    const { runAgentWorker } = await import('../agentWorker.js');
    return runAgentWorker(args.kind, args.agent, resolve(args.cwd ?? process.cwd()), printer);
  },
});
