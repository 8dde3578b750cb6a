import type { Batch, SnapshotInfo } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { lastOperation } from './operationLog.js';
import type { Operation } from '../model/operationModel.js';
import type { State } from '../model/state.js';

/** What the user asked for: the before-state of a batch, or the undo of the last operation. */
export type RollbackRequest = { kind: 'rollback'; batch: number; filesOnly: boolean } | { kind: 'undo' };

/** The snapshot to restore and the batches that go (or come back) with it. */
export interface RollbackTarget {
  snapshot: SnapshotInfo;
  /** The operation being undone (undo only). */
  undoing: Operation | null;
  /** Batches rolled back by this operation, oldest first (the open one last when it has edits). */
  undone: number[];
  /** Batches brought back (undo only). */
  restored: number[];
  /**
   * What the recorded tree becomes: for a rollback, what it was just before the target batch's first
   * edit (the batches rolled back are no longer recorded, and unrecorded work of that moment is
   * unrecorded again); for an undo, what it was before the operation. Never a tree recording did not
   * produce, so no restored file is marked recorded.
   */
  recordedTree: string;
  rolledBack: number[];
}

/** Completed batches from `from` on that are not rolled back, then the open batch when it has edits. */
function liveBatchesFrom(ctx: Context, state: State, from: number): number[] {
  const rolledBack = new Set(state.rolledBack);
  const ids = ctx.store.batchIds().filter((id) => id >= from && !rolledBack.has(id));
  if (state.currentBatch.edits.length > 0 && state.currentBatch.id >= from) ids.push(state.currentBatch.id);
  return ids;
}

function sortedUnion(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function findBatch(ctx: Context, state: State, id: number): Batch {
  if (id === state.currentBatch.id) return state.currentBatch;
  const batch = ctx.store.readBatch<Batch>(id);
  if (batch) return batch;
  const first = ctx.store.batchIds()[0] ?? state.currentBatch.id;
  throw new BatchError(`there is no batch ${id}`, {
    hint: `batches here: ${first}–${state.currentBatch.id} (see \`batch log\`)`,
  });
}

function forRollback(ctx: Context, state: State, id: number): RollbackTarget {
  const batch = findBatch(ctx, state, id);
  if (state.rolledBack.includes(id)) {
    throw new BatchError(`batch ${id} is already rolled back`, {
      hint: `\`batch undo\` brings back what the last rollback undid; \`batch log\` shows the batches there are now (batch ${state.currentBatch.id} is open)`,
    });
  }
  const undone = liveBatchesFrom(ctx, state, id);
  return {
    snapshot: batch.before,
    undoing: null,
    undone,
    restored: [],
    recordedTree: batch.recordedBefore ?? batch.before.tree,
    rolledBack: sortedUnion(state.rolledBack, undone),
  };
}

function forUndo(ctx: Context, state: State): RollbackTarget {
  const operation = lastOperation(ctx.store);
  if (!operation) {
    throw new BatchError('there is no rollback to undo', {
      hint: '`batch rollback <N>` rolls a batch back; `batch log` lists the batches',
    });
  }
  // Batches recorded after the operation go with the undo, as any rollback would take them.
  const undone = liveBatchesFrom(ctx, state, operation.nextBatch);
  return {
    snapshot: operation.pre,
    undoing: operation,
    undone,
    restored: operation.undoneBatches,
    recordedTree: operation.before.recordedTree ?? operation.pre.tree,
    rolledBack: sortedUnion(operation.before.rolledBack, undone),
  };
}

/** Resolves a request against state, refusing (exit 3) what cannot be done, and checks the snapshot exists. */
export async function resolveTarget(
  ctx: Context,
  state: State,
  request: RollbackRequest,
): Promise<RollbackTarget> {
  const target = request.kind === 'undo' ? forUndo(ctx, state) : forRollback(ctx, state, request.batch);
  const exists = await ctx.git.run(['cat-file', '-e', `${target.snapshot.commit}^{commit}`], {
    okExitCodes: [1, 128],
  });
  if (exists.exitCode !== 0) {
    throw new BatchError(`snapshot ${target.snapshot.commit} is missing from the repository`, {
      hint: `it should be kept alive by ${ctx.ws.snapshotRef}; \`git log ${ctx.ws.snapshotRef}\` lists the snapshots there are`,
    });
  }
  return target;
}
