import type { Batch } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import type { Run } from '../model/runModel.js';

/** Every stored run, newest first. */
export function allRuns(ctx: Context): Run[] {
  return ctx.store
    .runIds()
    .reverse()
    .map((id) => ctx.store.readRun<Run>(id))
    .filter((run): run is Run => run !== null);
}

/**
 * The run that tells about a batch: the latest run attributed to it (a `batch test` after its
 * completion run counts), else the run reserved when it completed. Null when it has none.
 */
export function batchRun(ctx: Context, batch: Pick<Batch, 'id' | 'runId'>): Run | null {
  const ids = ctx.store.runIds();
  for (let i = ids.length - 1; i >= 0; i--) {
    const run = ctx.store.readRun<Run>(ids[i] as number);
    if (run?.batchId === batch.id) return run;
  }
  return batch.runId === null ? null : ctx.store.readRun<Run>(batch.runId);
}

/** The latest completed batch that has a run, or null (what `batch report` shows by default). */
export function lastBatchWithRun(ctx: Context): { batch: Batch; run: Run } | null {
  const ids = ctx.store.batchIds();
  for (let i = ids.length - 1; i >= 0; i--) {
    const batch = ctx.store.readBatch<Batch>(ids[i] as number);
    if (!batch) continue;
    const run = batchRun(ctx, batch);
    if (run) return { batch, run };
  }
  return null;
}
