import { BatchError } from '../../core/context/errors.js';
import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';

/** git bisect run's code for "cannot test this commit": skip it. */
const CANNOT_TELL = 125;

/** `batch probe`: runs the given tests on the tree as it is; 0 pass, 1 fail, 125 cannot tell. */
export const probeCommand = defineCommand({
  command: 'probe',
  describe:
    'Run the given tests on the tree as it is: exit 0 pass, 1 fail, 125 cannot tell (for git/jj bisect run)',
  builder: (y) =>
    y
      .option('test', {
        alias: 't',
        type: 'string',
        array: true,
        default: [] as string[],
        describe: 'A test id as batch names it (`file::suite > name`); repeatable',
      })
      .option('pattern', { alias: 'p', type: 'string', describe: 'Only the test files matching this glob' })
      .example('git bisect run batch probe -t "test/a.test.js::sum > adds"', 'bisect commits with one test'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const [{ probeCurrentTree }] = await Promise.all([import('../../core/bisect/probeCurrentTree.js')]);
    try {
      const outcome = await probeCurrentTree(ctx, {
        ids: args.test,
        ...(args.pattern ? { pattern: args.pattern } : {}),
      });
      if (outcome.verdict === 'pass') printer.result(messages.probePassed(outcome.count));
      else if (outcome.verdict === 'fail')
        printer.result(messages.probeFailed(outcome.failed, outcome.count));
      else printer.result(messages.probeUnknown(outcome.why));
      return outcome.verdict === 'pass' ? 0 : outcome.verdict === 'fail' ? 1 : CANNOT_TELL;
    } catch (error) {
      if (!(error instanceof BatchError) || error.exitCode !== 3) throw error;
      printer.error(error.message, error.hint);
      return CANNOT_TELL;
    }
  },
});
