import { allRuns } from '../../core/runs/batchRuns.js';
import { summarizeRun } from '../../core/model/runModel.js';
import { describeRun } from '../../output/describeRun.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';

/** `batch history`: every run, newest first, one line each. */
export const historyCommand = defineCommand({
  command: 'history',
  describe: 'Test runs, newest first',
  builder: (y) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .example('batch history --json', 'every run without its tests, for scripts'),
  run: async (args, printer) => {
    const ctx = await cliContext(args, printer);
    const runs = allRuns(ctx).map(summarizeRun);
    if (args.json) {
      printer.json({ runs });
      return 0;
    }
    if (runs.length === 0) {
      printer.info('no test runs yet (`batch test` runs the tests now)');
      return 0;
    }
    for (const run of runs) printer.result(`${describeRun(printer, run)} · ${run.timestamp}`);
    return 0;
  },
});
