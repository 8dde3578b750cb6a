import type { SnapshotInfo } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { nextOperationId } from './operationLog.js';
import type { Operation } from '../model/operationModel.js';
import { restoreTree } from '../snapshot/restoreTree.js';
import { finishRollback, type PendingRollback } from './rollbackFinish.js';
import { ROLLBACK_PENDING } from '../model/operationModel.js';
import { planRefusal, planRollback, type RollbackPlan } from './rollbackPlan.js';
import './rollbackRecovery.js';
import { refuseDuringGitOperation } from './gitInProgress.js';
import { submodulesLeft, type SubmoduleLeft } from './submodulesLeft.js';
import type { RollbackRequest } from './rollbackTarget.js';
import { saveState, withState } from '../state/session.js';
import { commitSnapshot, stageSnapshot } from '../snapshot/snapshot.js';
import type { State } from '../model/state.js';
import { readUserIndexTree } from '../snapshot/userIndex.js';

/** The steps of a rollback, told to `onStep` before each one starts. */
export type RollbackStep = 'snapshot' | 'restore' | 'finish';

export interface RollbackOptions {
  /** The plan the user said yes to: refused (nothing written) when the tree or HEAD moved since. */
  expected?: { preTree: string; head: string | null };
  /** Told before each step (verbose output; tests use it to change a file between two steps). */
  onStep?: (step: RollbackStep) => void | Promise<void>;
}

export interface RollbackOutcome {
  plan: RollbackPlan;
  operation: Operation;
  /** Submodules whose checkout the restore could not move (git writes only their gitlinks). */
  submodulesLeft: SubmoduleLeft[];
}

/** The plan for a request against the tree as it is now, without writing anything (dry run, question). */
export async function previewRollback(ctx: Context, request: RollbackRequest): Promise<RollbackPlan> {
  return withState(ctx, request.kind, async (state) =>
    planRollback(ctx, state, request, await stagedUnlessInProgress(ctx, request.kind)),
  );
}

/**
 * The worktree staged into batch's private index, unless a git operation is in progress (then its
 * refusal). The two read different things (git's state files and the user's index; the worktree into
 * the private index), so they run side by side; staging writes nothing the user sees either way.
 */
async function stagedUnlessInProgress(ctx: Context, kind: string): Promise<string> {
  const [refused, staged] = await Promise.allSettled([
    refuseDuringGitOperation(ctx, kind),
    stageSnapshot(ctx.git, ctx.ws),
  ]);
  if (refused.status === 'rejected') throw refused.reason;
  if (staged.status === 'rejected') throw staged.reason;
  return staged.value;
}

function keptRefName(ctx: Context, id: number, at: Date): string {
  return `refs/batch/${ctx.ws.worktreeId}/kept/${at.toISOString().replace(/[:.]/g, '-')}-op${id}`;
}

async function newOperation(
  ctx: Context,
  state: State,
  plan: RollbackPlan,
  pre: SnapshotInfo,
  at: Date,
): Promise<Operation> {
  const id = nextOperationId(ctx.store);
  const move = plan.branch.move ? plan.branch : null;
  return {
    id,
    kind: plan.kind,
    startedAt: at.toISOString(),
    batch: plan.batch,
    undoes: plan.undoes?.id ?? null,
    pre,
    target: plan.target,
    post: null,
    branch: move && {
      ref: move.ref,
      from: move.from,
      to: move.to,
      kept: move.dropped > 0 ? keptRefName(ctx, id, at) : null,
      dropped: move.dropped,
    },
    userIndexTree: move ? await readUserIndexTree(ctx.git, ctx.ws) : null,
    undoneBatches: plan.undoneBatches,
    restoredBatches: plan.restoredBatches,
    closedBatch: plan.closedBatch,
    nextBatch: plan.nextBatch,
    before: { recordedTree: state.recordedTree, rolledBack: state.rolledBack },
    after: plan.after,
  };
}

/**
 * Carries out a rollback (or an undo) under the lock: a pre-rollback snapshot, the journal saved, the
 * files restored through the private index (only what differs), the branch moved when the plan says
 * so, a post-rollback snapshot and the bookkeeping. A crash at any point is finished (or, before any
 * file was written, reverted) by the next batch command; see rollbackRecovery.ts.
 */
export async function applyRollback(
  ctx: Context,
  request: RollbackRequest,
  options: RollbackOptions = {},
): Promise<RollbackOutcome> {
  return withState(ctx, request.kind, async (state) => {
    const preTree = await stagedUnlessInProgress(ctx, request.kind);
    const plan = await planRollback(ctx, state, request, preTree);
    const expected = options.expected;
    if (expected && (expected.preTree !== preTree || expected.head !== plan.current.head)) {
      throw new BatchError('the tree or HEAD changed after the plan was shown; nothing was written', {
        hint: 'run the same command again to see the plan for the tree as it is now',
      });
    }
    const refusal = planRefusal(plan);
    if (refusal) throw refusal;

    await options.onStep?.('snapshot');
    const now = ctx.clock.now();
    const pre = await commitSnapshot(
      ctx.git,
      ctx.ws,
      state.lastSnapshot,
      preTree,
      { op: `pre-${plan.kind}`, batch: plan.openBatch.id },
      now,
      { head: plan.current },
    );
    const operation = await newOperation(ctx, state, plan, pre, now);
    state.lastSnapshot = pre;
    const journal: PendingRollback = { operation, indexTree: plan.indexTree, phase: 'restore' };
    state.pending = {
      kind: ROLLBACK_PENDING,
      startedAt: now.toISOString(),
      data: journal as unknown as Record<string, unknown>,
    };
    await saveState(ctx, state);

    await options.onStep?.('restore');
    try {
      await restoreTree(ctx.git, ctx.ws, preTree, plan.target.tree);
    } catch (error) {
      // git refused before writing anything: forget the journal, keep the pre-rollback snapshot.
      state.pending = null;
      await saveState(ctx, state);
      throw error;
    }
    journal.phase = 'branch';
    await saveState(ctx, state);
    await options.onStep?.('finish');
    const finished = await finishRollback(ctx, state, journal);
    return {
      plan,
      operation: finished,
      submodulesLeft: await submodulesLeft(ctx, plan.files, plan.target.tree),
    };
  });
}
