import type { SnapshotInfo } from '../model/batchModel.js';
import {
  decideRollbackBranch,
  decideUndoBranch,
  type BranchDecision,
  type HeadState,
} from './branchDecision.js';
import type { Context } from '../context/context.js';
import { readFileChanges, type FileChange } from '../record/fileChanges.js';
import type { OperationKind } from '../model/operationModel.js';
import { findPathsInTheWay } from './pathsInTheWay.js';
import { resolveTarget, type RollbackRequest } from './rollbackTarget.js';
import { readHead, snapshotIndexPath } from '../snapshot/snapshot.js';
import { BatchError } from '../context/errors.js';
import type { State } from '../model/state.js';

/**
 * What a rollback (or an undo) will do, computed before anything is written: printed by `--dry-run`
 * and before the `[y/N]` question, then carried out by `applyRollback`.
 */
export interface RollbackPlan {
  kind: OperationKind;
  /** rollback: the batch whose before-state comes back. */
  batch: number | null;
  /** undo: the operation undone. */
  undoes: { id: number; kind: OperationKind; batch: number | null } | null;
  /** The tree as it is now (the pre-rollback snapshot's tree). */
  preTree: string;
  current: HeadState;
  target: SnapshotInfo;
  files: FileChange[];
  /** Ignored files where the restore would write: the rollback is refused while there are any. */
  inTheWay: string[];
  undoneBatches: number[];
  restoredBatches: number[];
  openBatch: { id: number; edits: number };
  /** The open batch, closed by this operation because its edits are undone (null when it has none). */
  closedBatch: number | null;
  nextBatch: number;
  branch: BranchDecision;
  /** The tree the user's index gets after a branch move (null: the new HEAD's tree). */
  indexTree: string | null;
  after: { recordedTree: string; rolledBack: number[] };
}

/**
 * Plans a rollback from a fresh pre-rollback tree (`preTree`, staged in the private index): the files
 * that change, the batches that go, the branch decision, and the paths in the way. Reads only.
 */
export async function planRollback(
  ctx: Context,
  state: State,
  request: RollbackRequest,
  preTree: string,
): Promise<RollbackPlan> {
  // independent reads, side by side (each is a git process)
  const [target, current] = await Promise.all([
    resolveTarget(ctx, state, request),
    readHead(ctx.git, ctx.ws),
  ]);
  const files = await readFileChanges(ctx.git, preTree, target.snapshot.tree);
  const inTheWay = await findPathsInTheWay(ctx.git, ctx.ws.root, snapshotIndexPath(ctx.ws), files);
  const branch =
    request.kind === 'undo'
      ? await decideUndoBranch(ctx.git, current, target.undoing?.branch ?? null, target.snapshot.head)
      : await decideRollbackBranch(ctx.git, current, target.snapshot, request.filesOnly);
  const open = state.currentBatch;
  const closedBatch = open.edits.length > 0 ? open.id : null;
  return {
    kind: request.kind,
    batch: request.kind === 'rollback' ? request.batch : null,
    undoes: target.undoing
      ? { id: target.undoing.id, kind: target.undoing.kind, batch: target.undoing.batch }
      : null,
    preTree,
    current,
    target: target.snapshot,
    files,
    inTheWay,
    undoneBatches: target.undone,
    restoredBatches: target.restored,
    openBatch: { id: open.id, edits: open.edits.length },
    closedBatch,
    nextBatch: closedBatch === null ? open.id : closedBatch + 1,
    branch,
    indexTree: branch.move && target.undoing ? target.undoing.userIndexTree : null,
    after: { recordedTree: target.recordedTree, rolledBack: target.rolledBack },
  };
}

/** Why a plan cannot be carried out (paths in the way), or null when it can. */
export function planRefusal(plan: RollbackPlan): BatchError | null {
  if (plan.inTheWay.length === 0) return null;
  const shown = plan.inTheWay.slice(0, 10);
  const more = plan.inTheWay.length - shown.length;
  return new BatchError(
    `ignored or untracked files are where the ${plan.kind} would write; nothing was written`,
    {
      details: [...shown, ...(more > 0 ? [`and ${more} more`] : [])],
      hint: 'move them somewhere else (they are not in any snapshot, so batch will not overwrite them), then run the same command again',
    },
  );
}
