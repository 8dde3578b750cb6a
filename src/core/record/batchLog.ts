import type { Batch } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { withState } from '../state/session.js';
import type { BisectResult } from '../model/culpritModel.js';
import { storedCulprits } from './storedCulprits.js';

/** A batch as `batch log` shows it: its status says whether a rollback undid it; its culprits when searched. */
export type LoggedBatch = Omit<Batch, 'status'> & {
  status: 'open' | 'complete' | 'rolled-back';
  culprits: BisectResult['culprits'];
};

/** Every batch, oldest first, the open one last. */
export async function readBatchLog(ctx: Context): Promise<LoggedBatch[]> {
  return withState(ctx, 'log', (state) => {
    const rolledBack = new Set(state.rolledBack);
    const batches: LoggedBatch[] = [];
    for (const id of ctx.store.batchIds()) {
      const batch = ctx.store.readBatch<Batch>(id);
      if (!batch) continue;
      const culprits = storedCulprits(ctx.store, id)?.culprits ?? [];
      batches.push({ ...batch, status: rolledBack.has(id) ? 'rolled-back' : batch.status, culprits });
    }
    batches.push({ ...state.currentBatch, culprits: [] });
    return Promise.resolve(batches);
  });
}

/** One completed or open batch by id; exit 3 naming the ids there are when it does not exist. */
export async function readBatch(ctx: Context, id: number): Promise<LoggedBatch> {
  const batches = await readBatchLog(ctx);
  const found = batches.find((b) => b.id === id);
  if (!found) {
    const ids = batches.map((b) => b.id);
    throw new BatchError(`there is no batch ${id}`, {
      hint: ids.length
        ? `batches here: ${ids[0]}–${ids[ids.length - 1]} (see \`batch log\`)`
        : 'record edits first with `batch record`',
    });
  }
  return found;
}
