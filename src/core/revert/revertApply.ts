import type { Edit, EditKind } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import type { Operation } from '../model/operationModel.js';
import { ROLLBACK_PENDING } from '../model/operationModel.js';
import type { IndexEntry } from '../model/treeModel.js';
import { nextOperationId } from '../rollback/operationLog.js';
import { finishRollback, type PendingRollback } from '../rollback/rollbackFinish.js';
import '../rollback/rollbackRecovery.js';
import { restoreTree } from '../snapshot/restoreTree.js';
import { commitSnapshot, stageSnapshot } from '../snapshot/snapshot.js';
import { diffTrees } from '../snapshot/treeEntries.js';
import { editTree } from '../snapshot/unrecorded.js';
import { saveState, withState } from '../state/session.js';
import type { State } from '../model/state.js';
import { planRevert, revertRefusal, type RevertPlan } from './revertPlan.js';

export interface RevertOutcome {
  plan: RevertPlan;
  operation: Operation | null;
}

/** The plan against the tree as it is now, without writing anything (dry run, the question). */
export function previewRevert(ctx: Context, seqs: readonly number[]): Promise<RevertPlan> {
  return withState(ctx, 'revert', async (state) =>
    planRevert(ctx, state, seqs, await stageSnapshot(ctx.git, ctx.ws)),
  );
}

function kindOf(before: IndexEntry | null, after: IndexEntry | null): EditKind {
  if (!before) return 'added';
  if (!after) return 'deleted';
  const type = (mode: string) => (mode === '120000' ? 'link' : 'file');
  if (type(before.mode) !== type(after.mode)) return 'typechange';
  return before.oid === after.oid ? 'mode' : 'modified';
}

/** The revert's own edits (source `revert`): each path it changed, from the tree before it. */
async function revertEdits(ctx: Context, state: State, plan: RevertPlan, at: Date): Promise<Edit[]> {
  const changes = await diffTrees(ctx.git, plan.preTree, plan.targetTree);
  const description = `revert of edit ${plan.seqs.join(', ')}`;
  return [...changes].map(([path, change]) => ({
    seq: state.nextSeq++,
    path,
    kind: kindOf(change.before, change.after),
    hash: change.after?.oid ?? null,
    previousHash: change.before?.oid ?? null,
    mode: change.after?.mode ?? null,
    previousMode: change.before?.mode ?? null,
    at: at.toISOString(),
    description,
    source: 'revert' as const,
    commit: null,
  }));
}

/**
 * The recorded tree once the revert's edits are recorded: the reverted paths take their content in the
 * target tree, every other path (unrecorded work included) keeps what was recorded for it.
 */
async function recordedAfterRevert(
  ctx: Context,
  recordedTree: string,
  targetTree: string,
  reverted: ReadonlySet<string>,
): Promise<string> {
  const changes = new Map<string, IndexEntry | null>();
  for (const [path, change] of await diffTrees(ctx.git, recordedTree, targetTree)) {
    if (reverted.has(path)) changes.set(path, change.after);
  }
  return editTree(ctx.git, ctx.ws, recordedTree, changes);
}

/**
 * `batch revert`: takes back just the edits `seqs`, keeping every other edit and unrecorded work.
 * Under the lock: plan (refused on a conflict before anything is written), a pre-revert snapshot,
 * the journal, the files written through the private index, then the rollback's finish, which
 * logs the operation (so `batch undo` restores the pre-revert tree) and opens a batch holding the
 * revert's edits. A kill at any instant is finished or dropped by the next command (rollbackRecovery).
 */
export async function applyRevert(
  ctx: Context,
  seqs: readonly number[],
  expected?: { preTree: string },
): Promise<RevertOutcome> {
  return withState(ctx, 'revert', async (state) => {
    const preTree = await stageSnapshot(ctx.git, ctx.ws);
    if (expected && expected.preTree !== preTree) {
      throw new BatchError('the tree changed after the plan was shown; nothing was written', {
        hint: 'run the same command again to see the plan for the tree as it is now',
      });
    }
    const plan = await planRevert(ctx, state, seqs, preTree);
    const refusal = revertRefusal(plan);
    if (refusal) throw refusal;
    if (plan.files.length === 0) return { plan, operation: null };
    const now = ctx.clock.now();
    const open = state.currentBatch;
    const pre = await commitSnapshot(
      ctx.git,
      ctx.ws,
      state.lastSnapshot,
      preTree,
      { op: 'pre-revert', batch: open.id },
      now,
    );
    state.lastSnapshot = pre;
    const closedBatch = open.edits.length > 0 ? open.id : null;
    const reverted = new Set(plan.edits.map((e) => e.path));
    const operation: Operation = {
      id: nextOperationId(ctx.store),
      kind: 'revert',
      startedAt: now.toISOString(),
      batch: null,
      undoes: null,
      pre,
      target: { ...pre, tree: plan.targetTree },
      post: null,
      branch: null,
      userIndexTree: null,
      undoneBatches: [],
      restoredBatches: [],
      closedBatch,
      nextBatch: closedBatch === null ? open.id : closedBatch + 1,
      before: { recordedTree: state.recordedTree, rolledBack: state.rolledBack },
      after: {
        recordedTree: await recordedAfterRevert(ctx, state.recordedTree, plan.targetTree, reverted),
        rolledBack: state.rolledBack,
      },
      revertEdits: await revertEdits(ctx, state, plan, now),
      reverted: plan.seqs,
    };
    const journal: PendingRollback = { operation, indexTree: null, phase: 'restore' };
    state.pending = {
      kind: ROLLBACK_PENDING,
      startedAt: now.toISOString(),
      data: journal as unknown as Record<string, unknown>,
    };
    await saveState(ctx, state);
    try {
      await restoreTree(ctx.git, ctx.ws, preTree, plan.targetTree);
    } catch (error) {
      state.pending = null; // git refused before writing anything
      await saveState(ctx, state);
      throw error;
    }
    journal.phase = 'branch';
    await saveState(ctx, state);
    return { plan, operation: await finishRollback(ctx, state, journal) };
  });
}
