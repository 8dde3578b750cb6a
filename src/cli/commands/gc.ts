import { defineCommand } from '../commandModule.js';
import { requireWholeNumber } from '../optionChecks.js';
import { cliContext } from '../cliContext.js';
import { BatchError } from '../../core/context/errors.js';
import { messages } from '../../output/messages.js';

/** `batch gc`: old runs, their logs and raw reports go, locally and in the team database; batches stay. */
export const gcCommand = defineCommand({
  command: 'gc',
  describe: 'Retention: remove old runs, their logs and raw reports, and batches older than every run kept',
  builder: (y) =>
    y
      .option('keep-runs', {
        type: 'number',
        describe: 'Keep the newest N runs (default 500 without --older-than)',
      })
      .option('older-than', { type: 'string', describe: 'Remove runs older than this age (30d, 12h, 2w)' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print what would go, remove nothing' })
      .example('batch gc --keep-runs 100 --dry-run', 'what keeping the last 100 runs would remove'),
  run: async (args, printer) => {
    requireWholeNumber('--keep-runs', args['keep-runs'], 0, messages.gcKeepRunsHint);
    const ctx = await cliContext(args, printer);
    const { parseAge } = await import('../../core/history/sinceDate.js');
    const { gcRuns } = await import('../../core/history/gcRuns.js');
    const { openHistory, closeHistory } = await import('../../core/history/historySession.js');
    const { withState } = await import('../../core/state/session.js');
    const { lastOperation } = await import('../../core/rollback/operationLog.js');
    const olderThanMs = args['older-than'] !== undefined ? parseAge(args['older-than']) : undefined;
    if (olderThanMs === null)
      throw new BatchError(messages.gcBadAge(String(args['older-than'])), { hint: messages.gcBadAgeHint });
    const keepRuns = args['keep-runs'] ?? (olderThanMs === undefined ? 500 : undefined);
    const result = await withState(ctx, 'gc', async (state) => {
      const session = await openHistory(ctx);
      try {
        return await gcRuns(session, state, {
          ...(keepRuns !== undefined ? { keepRuns } : {}),
          ...(olderThanMs !== undefined ? { olderThanMs } : {}),
          dryRun: args['dry-run'],
          undoable: lastOperation(ctx.store)?.undoneBatches ?? [],
        });
      } finally {
        await closeHistory(session);
      }
    });
    if (result.dryRun) {
      for (const run of result.runs) printer.result(messages.gcWouldRemove(run.localId, run.timestamp));
      for (const id of result.batches) printer.result(messages.gcWouldRemoveBatch(id));
    }
    printer.info(
      messages.gcDone(result.runs.length, result.batches.length, result.dryRun, result.teamDeleted),
    );
    return 0;
  },
});
