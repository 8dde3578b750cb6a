import { defineCommand } from '../commandModule.js';
import { requireWholeNumber } from '../optionChecks.js';
import { cliContext } from '../cliContext.js';
import { messages } from '../../output/messages.js';
import { describeFlaky } from '../../output/describeHistory.js';

/** `batch flaky`: tests that passed and failed on the same tree, then by flip rate, over recent runs. */
export const flakyCommand = defineCommand({
  command: 'flaky',
  describe: 'Flaky tests: passed and failed on the same tree, flip and pass rates over recent runs',
  builder: (y) =>
    y
      .option('window', {
        type: 'number',
        describe: 'How many recent complete runs to look at (default flaky.window)',
      })
      .option('branch', { type: 'string', describe: 'Only runs made on this branch' })
      .option('local', {
        type: 'boolean',
        default: false,
        describe: 'This clone’s runs only, not the team’s',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .example('batch flaky --window 50 --json', 'flaky tests over the last 50 runs, for scripts'),
  run: async (args, printer) => {
    // as flaky.window in .batchrc: a flip takes two runs
    requireWholeNumber('--window', args.window, 2, messages.flakyWindowHint);
    const ctx = await cliContext(args, printer);
    const { withHistory } = await import('../../core/history/historySession.js');
    const { flakyTests } = await import('../../core/history/historyReader.js');
    const window = args.window ?? ctx.config.flaky.window;
    const options = {
      window,
      local: args.local,
      ...(args.branch !== undefined ? { branch: args.branch } : {}),
    };
    const report = ctx.store.exists()
      ? await withHistory(ctx, 'flaky', (s) => flakyTests(s, options))
      : { flaky: [], runsLeftOut: [], window };
    if (args.json) {
      printer.json({ flaky: report.flaky, window: report.window, runsLeftOut: report.runsLeftOut.length });
      return 0;
    }
    if (report.flaky.length === 0) printer.info(messages.flakyNone(report.window));
    for (const score of report.flaky) printer.result(describeFlaky(score));
    if (report.runsLeftOut.length > 0) printer.info(messages.flakyLeftOut(report.runsLeftOut.length));
    return 0;
  },
});
