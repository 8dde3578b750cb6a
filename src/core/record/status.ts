import type { Context } from '../context/context.js';
import { summarizeRun, type RunSummary } from '../model/runModel.js';
import { readBaselineSummary, readRun } from '../runs/runStore.js';
import { withState } from '../state/session.js';
import type { SnapshotInfo } from '../model/batchModel.js';

/** What `batch status --json` prints (fields fixed by DESIGN.md). */
export interface StatusReport {
  batchSize: number;
  currentBatch: { id: number; edits: number; startedAt: string; before: SnapshotInfo };
  completedBatches: number;
  lastRun: RunSummary | null;
  baseline: RunSummary | null;
  testCommand: string | null;
  configFile: string | null;
  lastSnapshot: SnapshotInfo | null;
  rolledBack: number[];
}

/** The current batch, the last run and the baseline (repairing state first if a crash left it so). */
export async function readStatus(ctx: Context): Promise<StatusReport> {
  return withState(ctx, 'status', (state) => {
    const lastRun = readRun(ctx, state.lastRunId);
    return Promise.resolve({
      batchSize: ctx.config.batchSize,
      currentBatch: {
        id: state.currentBatch.id,
        edits: state.currentBatch.edits.length,
        startedAt: state.currentBatch.startedAt,
        before: state.currentBatch.before,
      },
      completedBatches: state.completedBatches,
      lastRun: lastRun ? summarizeRun(lastRun) : null,
      baseline: readBaselineSummary(ctx),
      testCommand: ctx.config.testCommand,
      configFile: ctx.configFile,
      lastSnapshot: state.lastSnapshot,
      rolledBack: state.rolledBack,
    });
  });
}
