import { GitError } from '../../adapters/git.js';
import type { Batch } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { writeOperation } from './operationLog.js';
import type { BranchMove, Operation } from '../model/operationModel.js';
import { openBatch, saveState } from '../state/session.js';
import { commitSnapshot, moveRef, readHead } from '../snapshot/snapshot.js';
import type { State } from '../model/state.js';
import { resetUserIndex } from '../snapshot/userIndex.js';
import { ROLLBACK_PENDING } from '../model/operationModel.js';

/**
 * The journal of a rollback in progress (`state.pending.data`). `phase` is the next step: `restore`
 * (files), `branch` (files done; branch and user index next), `finish` (snapshot and bookkeeping).
 */
export interface PendingRollback {
  operation: Operation;
  /** The tree the user's index gets after the branch move (null: the new HEAD's tree). */
  indexTree: string | null;
  phase: 'restore' | 'branch' | 'finish';
}

/** The journal of the rollback in progress, if any. */
export function pendingRollback(state: State): PendingRollback | null {
  return state.pending?.kind === ROLLBACK_PENDING ? (state.pending.data as unknown as PendingRollback) : null;
}

async function saveJournal(ctx: Context, state: State, journal: PendingRollback): Promise<void> {
  if (state.pending) state.pending.data = journal as unknown as Record<string, unknown>;
  await saveState(ctx, state);
}

/**
 * Moves the branch compare-and-swap, keeping the old tip under refs/batch/ first, then points the
 * user's index at the new HEAD. Safe to repeat after a crash: a branch already moved is left as is.
 * Returns the move made, or null when someone else moved the branch meanwhile (HEAD then stays).
 */
async function moveBranch(
  ctx: Context,
  move: BranchMove,
  indexTree: string | null,
  reason: string,
): Promise<BranchMove | null> {
  const { git } = ctx;
  const at = await git.text(['rev-parse', '-q', '--verify', move.ref], { okExitCodes: [1, 128] });
  if (at === move.from) {
    if (move.kept) await moveRef(git, move.kept, move.from, null, `batch: ${move.ref} before a rollback`);
    // Old value given: git refuses if the branch moved since we looked.
    await git.run(['update-ref', '-m', reason, move.ref, move.to, move.from]);
  } else if (at !== move.to) {
    ctx.logger.warn(`${move.ref} moved while batch worked (now ${at.slice(0, 10)}); it was left there`);
    return null;
  }
  const head = await readHead(git, ctx.ws);
  if (head.branch !== move.ref) return move;
  try {
    await resetUserIndex(git, indexTree ?? `${move.to}^{tree}`);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new BatchError(
      `the files are restored and ${move.ref} moved, but git's index could not be updated: ${error.stderr.trim()}`,
      {
        hint: 'when no other git command is running, run `batch status`: it finishes the rollback (by hand: `git reset -q` points the index at HEAD without touching files)',
      },
    );
  }
  return move;
}

/**
 * The steps after the files are restored: branch and user index, a post-rollback snapshot, the
 * bookkeeping (batches undone, the open batch restarted, recorded tree), the operation record, and
 * `state.pending` cleared. Every step can be repeated, so a crash anywhere is finished by running it again.
 */
export async function finishRollback(
  ctx: Context,
  state: State,
  journal: PendingRollback,
): Promise<Operation> {
  const operation = journal.operation;
  if (journal.phase !== 'finish') {
    if (operation.branch)
      operation.branch = await moveBranch(
        ctx,
        operation.branch,
        journal.indexTree,
        `batch ${operation.kind} (operation ${operation.id})`,
      );
    await saveJournal(ctx, state, { ...journal, operation, phase: 'finish' });
  }
  const now = ctx.clock.now();
  const post = await commitSnapshot(
    ctx.git,
    ctx.ws,
    state.lastSnapshot,
    operation.target.tree,
    { op: operation.kind, batch: operation.nextBatch, note: `operation ${operation.id}` },
    now,
  );
  const open = state.currentBatch;
  if (operation.closedBatch !== null && open.id === operation.closedBatch) {
    // Its edits are undone: the batch is closed as it stands, so `batch log` keeps it (marked rolled back).
    const closed: Batch = {
      ...open,
      status: 'complete',
      after: operation.pre,
      completedAt: now.toISOString(),
    };
    ctx.store.writeBatch(closed);
    state.completedBatches = Math.max(state.completedBatches, open.id);
  }
  state.recordedTree = operation.after.recordedTree ?? operation.target.tree;
  state.rolledBack = operation.after.rolledBack;
  state.currentBatch = openBatch(operation.nextBatch, post, now);
  if (operation.revertEdits?.length) {
    // A revert's changes are its own edits, in a batch that starts from the tree before it.
    state.currentBatch.before = operation.pre;
    state.currentBatch.edits = operation.revertEdits;
  }
  state.lastSnapshot = post;
  if (operation.branch) state.lastRecordedCommit = operation.branch.to;
  operation.post = post;
  writeOperation(ctx.store, operation);
  state.pending = null;
  await saveState(ctx, state);
  return operation;
}
