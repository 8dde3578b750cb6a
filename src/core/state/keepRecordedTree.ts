import type { Context } from '../context/context.js';
import type { SnapshotInfo } from '../model/batchModel.js';
import type { State } from '../model/state.js';
import { commitSnapshot } from '../snapshot/snapshot.js';

/**
 * A snapshot of the last snapshot's tree that keeps the recorded tree alive through `git gc`, for a
 * recorded tree set outside a record call (init leaving out its .batchrc, a migrated state).
 */
export async function keepRecordedTree(ctx: Context, state: State, op: string): Promise<SnapshotInfo | null> {
  const last = state.lastSnapshot;
  if (!last || last.tree === state.recordedTree) return last;
  const meta = { op, batch: state.currentBatch.id, note: 'keeps the recorded tree' };
  return commitSnapshot(ctx.git, ctx.ws, last, last.tree, meta, ctx.clock.now(), {
    keep: state.recordedTree,
  });
}
