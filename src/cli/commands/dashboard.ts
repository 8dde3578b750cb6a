import { resolve } from 'node:path';
import { collectDashboardData, DEFAULT_DASHBOARD_RUNS } from '../../core/html/collectDashboardData.js';
import { messages } from '../../output/messages.js';
import { cliContext } from '../cliContext.js';
import { defineCommand } from '../commandModule.js';
import { requireWholeNumber } from '../optionChecks.js';
import { writeHtmlPage } from '../htmlOutput.js';

/** `batch dashboard`: one self-contained HTML file with the batches, their culprits and the trends. */
export const dashboardCommand = defineCommand({
  command: 'dashboard',
  describe: 'Write one self-contained HTML page: batches, culprits, pass rate, durations, flaky tests',
  builder: (y) =>
    y
      .option('out', { type: 'string', describe: 'The file to write (default .batch/dashboard.html)' })
      .option('runs', {
        type: 'number',
        default: DEFAULT_DASHBOARD_RUNS,
        describe: 'Show at most this many of the newest runs',
      })
      .option('open', { type: 'boolean', default: false, describe: 'Open it in the default browser' })
      .example('batch dashboard --open', 'write .batch/dashboard.html and open it')
      .example('batch dashboard --out report.html --runs 50', 'the 50 newest runs, e.g. as a CI artifact'),
  run: async (args, printer) => {
    requireWholeNumber('--runs', args.runs, 1, messages.badRunsHint);
    const ctx = await cliContext(args, printer);
    const data = await collectDashboardData(ctx, { runs: args.runs });
    const cwd = resolve(args.cwd ?? process.cwd());
    const out = args.out ?? ctx.store.path('dashboard.html');
    await writeHtmlPage(data, { out, cwd, open: args.open }, printer);
    return 0;
  },
});
