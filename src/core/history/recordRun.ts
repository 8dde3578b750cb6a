import type { Context } from '../context/context.js';
import type { Run } from '../model/runModel.js';
import { ciInfo } from './ciInfo.js';
import { historyRecord, type RunTrigger } from './historyRecord.js';
import { historyMessages } from './historyMessages.js';
import {
  closeHistory,
  importRunFiles,
  openHistory,
  pushPending,
  type HistorySession,
} from './historySession.js';
import { currentBranch, snapshotTrees } from './runOrigin.js';
import { safeReason, teamUrl } from './teamDatabase.js';

/**
 * Adds a just-stored run to the local history (lock held), then sends what the team database lacks.
 * Never throws: the run file is already written, and the run's verdict stays the tests' own.
 */
export async function recordRun(ctx: Context, run: Run, trigger: RunTrigger): Promise<void> {
  let session: HistorySession | null = null;
  try {
    session = await openHistory(ctx, { importRuns: false });
    ctx.logger.debug('history: local store open');
    const ci = ciInfo(ctx.env);
    const effective = ci.provider !== null && (trigger === 'test' || trigger === 'compare') ? 'ci' : trigger;
    const [branch, [tree]] = await Promise.all([currentBranch(ctx), snapshotTrees(ctx, [run.snapshot])]);
    const place = { branch, tree: tree ?? null, trigger: effective, ci } as const;
    const record = historyRecord(run, session.origin, place, ctx.ws.root);
    await session.local.putRun(record.run, record.results);
    await importRunFiles(session);
    ctx.logger.debug(`history: run ${run.id} stored locally`);
    if (teamUrl(ctx) !== null) await pushPending(session, { quietCatchUp: 1 });
    ctx.logger.debug('history: team database up to date');
  } catch (error) {
    ctx.logger.warn(historyMessages.notRecorded(run.id, safeReason(error)));
  } finally {
    if (session) await closeHistory(session).catch(() => undefined);
  }
}
