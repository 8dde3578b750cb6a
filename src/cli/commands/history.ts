import { defineCommand } from '../commandModule.js';
import { HISTORY_LIMIT } from '../fastPath.js';
import { requireWholeNumber } from '../optionChecks.js';
import { BatchError } from '../../core/context/errors.js';
import { cliContext } from '../cliContext.js';
import { messages } from '../../output/messages.js';
import {
  describeHistoryRun,
  describeTestHistory,
  describeTrend,
  historyRunJson,
} from '../../output/describeHistory.js';

/** `batch history [push]`: runs newest first with a trend line, one test's runs, or sending runs to the team. */
export const historyCommand = defineCommand({
  command: 'history [action]',
  describe: 'Test runs newest first, one test’s runs (--test), or `history push` to the team database',
  builder: (y) =>
    y
      .positional('action', {
        type: 'string',
        choices: ['push'],
        describe: 'push: send local runs to the team',
      })
      .option('test', { type: 'string', describe: 'One test’s runs: its id, or a glob such as "*login*"' })
      .option('branch', { type: 'string', describe: 'Only runs made on this branch' })
      .option('since', {
        type: 'string',
        describe: 'Only runs since an age (7d, 12h) or a date (2026-11-01)',
      })
      .option('limit', { type: 'number', default: HISTORY_LIMIT, describe: 'At most this many runs' })
      .option('local', {
        type: 'boolean',
        default: false,
        describe: 'This clone’s runs only, not the team’s',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON document' })
      .example('batch history --test "src/auth.test.ts::*"', 'how the auth tests did, run by run')
      .example('batch history push', 'send the runs the team database lacks'),
  run: async (args, printer) => {
    requireWholeNumber('--limit', args.limit, 1, messages.historyLimitHint);
    if (args.test?.trim() === '')
      throw new BatchError(messages.historyEmptyTest, { hint: messages.historyEmptyTestHint });
    const ctx = await cliContext(args, printer);
    const [{ withHistory, pushPending }, reader, { sinceDate }, { historyTrend }, { teamUrl }] =
      await Promise.all([
        import('../../core/history/historySession.js'),
        import('../../core/history/historyReader.js'),
        import('../../core/history/sinceDate.js'),
        import('../../core/history/historyTrend.js'),
        import('../../core/history/teamDatabase.js'),
      ]);
    if (args.action === 'push') {
      if (teamUrl(ctx) === null) printer.warn(messages.historyNoTeam);
      const sent = await withHistory(ctx, 'history push', (session) => pushPending(session));
      printer.info(messages.historyPushed(sent));
      return 0;
    }
    const query = {
      ...(args.branch !== undefined ? { branch: args.branch } : {}),
      ...(args.since !== undefined ? { since: sinceDate(args.since, ctx.clock.now()) } : {}),
      limit: args.limit,
      local: args.local,
    };
    if (!ctx.store.exists()) {
      if (args.json) printer.json(args.test !== undefined ? { tests: [] } : { runs: [] });
      else printer.info(messages.historyEmpty);
      return 0;
    }
    if (args.test !== undefined) {
      const test = args.test;
      const tests = await withHistory(ctx, 'history', (s) => reader.testHistory(s, test, query));
      ctx.logger.debug(`history: ${tests.length} test(s) read`);
      if (args.json) printer.json({ tests });
      else if (tests.length === 0) printer.info(messages.historyNoTest(test));
      else for (const t of tests) for (const line of describeTestHistory(printer, t)) printer.result(line);
      return 0;
    }
    const runs = await withHistory(ctx, 'history', (s) => reader.recentRuns(s, query));
    if (args.json) {
      printer.json({ runs: runs.map(historyRunJson) });
      return 0;
    }
    if (runs.length === 0) printer.info(messages.historyEmpty);
    for (const run of runs) printer.result(describeHistoryRun(printer, run));
    const trend = historyTrend(runs);
    if (trend) printer.result(describeTrend(trend));
    return 0;
  },
});
