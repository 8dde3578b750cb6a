import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { culpritSearchFromCli } from '../culpritSearch.js';

/** `batch bisect`: the edit (or edits) of a batch that broke each of its new failures. */
export const bisectCommand = defineCommand({
  command: 'bisect [batch]',
  describe: 'Find the edit (or edits) in a batch that broke each new failure',
  builder: (y) =>
    y
      .positional('batch', {
        type: 'number',
        describe: 'The batch (default: the last one with new failures)',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .option('max-runs', {
        type: 'number',
        describe: 'The most probe runs to make (default culprit.maxRuns, 30)',
      })
      .check((argv) => {
        if (argv.batch !== undefined && (!Number.isInteger(argv.batch) || argv.batch < 1))
          throw new Error(messages.badBatchId(String(argv.batch)));
        if (argv['max-runs'] !== undefined && (!Number.isInteger(argv['max-runs']) || argv['max-runs'] < 1))
          throw new Error(messages.badWholeNumber('--max-runs', argv['max-runs'], 1));
        return true;
      })
      .example('batch bisect', 'the culprits of the last batch with new failures')
      .example('batch bisect 4 --json', "batch 4's culprits as JSON"),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    if (!args.json) printer.info(messages.culpritSearching(args.batch ?? null));
    const result = await culpritSearchFromCli(ctx, printer, args.batch ?? null, {
      print: !args.json,
      ...(args['max-runs'] !== undefined ? { maxRuns: args['max-runs'] } : {}),
    });
    if (args.json) printer.json(result);
    return 0;
  },
});
