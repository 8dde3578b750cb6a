import { BatchError } from '../../core/context/errors.js';
import { peekState } from '../../core/state/session.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { runTestsFromCli } from '../runAndReport.js';

/** `batch test`: runs the tests now, attributed to the current batch. */
export const testCommand = defineCommand({
  command: 'test',
  describe: 'Run the tests now, attributed to the current batch',
  builder: (y) =>
    y
      .option('pattern', {
        alias: 'p',
        type: 'string',
        describe: 'Only the test files matching this glob (relative to the worktree root)',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print the run as one JSON document' })
      .example('batch test', 'run the whole suite')
      .example('batch test -p "test/math*"', 'run the matching test files only'),
  run: async (args, printer) => {
    if (args.pattern !== undefined && args.pattern.trim() === '') {
      throw new BatchError('-p needs a glob of test files', {
        hint: 'e.g. `batch test -p "test/math*"`; without -p every test runs',
      });
    }
    const ctx = await cliContext(args, printer);
    const state = await peekState(ctx);
    const batchId = state?.currentBatch.id ?? 1;
    return runTestsFromCli(ctx, printer, {
      batchId,
      json: args.json,
      ...(args.pattern ? { pattern: args.pattern } : {}),
    });
  },
});
