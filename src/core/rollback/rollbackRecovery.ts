import { join } from 'node:path';
import type { Context } from '../context/context.js';
import { registerRecovery } from '../state/recovery.js';
import { restoreTree } from '../snapshot/restoreTree.js';
import { finishRollback, pendingRollback } from './rollbackFinish.js';
import { ROLLBACK_PENDING } from '../model/operationModel.js';
import { saveState } from '../state/session.js';
import { commitSnapshot, stageSnapshot } from '../snapshot/snapshot.js';
import { clearLockLeftBehind } from '../context/staleLocks.js';
import type { State } from '../model/state.js';

/** Paths whose content is neither the pre-rollback one nor the target's (a write cut short, or edited since). */
async function pathsInNeither(ctx: Context, current: string, pre: string, target: string): Promise<string[]> {
  const diff = (a: string, b: string) => ctx.git.nulSeparated(['diff-tree', '-r', '-z', '--name-only', a, b]);
  const [fromPre, fromTarget] = await Promise.all([diff(current, pre), diff(current, target)]);
  const differsFromTarget = new Set(fromTarget);
  return fromPre.filter((path) => differsFromTarget.has(path));
}

/**
 * Removes git lock files that the killed rollback's own git processes left: the index, the branch, and
 * HEAD (moving the branch HEAD points at also locks HEAD, to write its reflog).
 */
async function clearLocksLeftBehind(ctx: Context, state: State, branchRef: string | null): Promise<void> {
  const since = new Date(state.pending?.startedAt ?? 0);
  const locks = [join(ctx.ws.gitDir, 'index.lock')];
  if (branchRef) locks.push(join(ctx.ws.commonDir, `${branchRef}.lock`), join(ctx.ws.gitDir, 'HEAD.lock'));
  for (const lock of locks) {
    if (await clearLockLeftBehind(lock, since))
      ctx.logger.warn(`removed ${lock}, left by the interrupted rollback`);
  }
}

/**
 * Repairs a rollback killed at any instant, inside the next batch command. `read-tree -m -u` is not
 * atomic, so the working tree is staged and compared: still the pre-rollback tree with nothing else
 * done → the rollback is dropped (nothing happened); anything else → it is finished (files to the
 * target, branch, bookkeeping). Content in neither state is snapshotted first, so nothing is lost.
 */
async function recoverRollback(ctx: Context, state: State): Promise<void> {
  const journal = pendingRollback(state);
  if (!journal) return;
  const { operation } = journal;
  const what = operation.kind === 'undo' ? 'undo' : `rollback to before batch ${operation.batch ?? '?'}`;
  await clearLocksLeftBehind(ctx, state, operation.branch?.ref ?? null);
  const current = await stageSnapshot(ctx.git, ctx.ws);
  if (journal.phase === 'restore' && current === operation.pre.tree) {
    state.pending = null;
    await saveState(ctx, state);
    ctx.logger.warn(
      `the ${what} was interrupted before it changed any file; nothing was changed (run it again if you still want it)`,
    );
    return;
  }
  if (current !== operation.target.tree) {
    if (current !== operation.pre.tree) {
      const neither = await pathsInNeither(ctx, current, operation.pre.tree, operation.target.tree);
      state.lastSnapshot = await commitSnapshot(
        ctx.git,
        ctx.ws,
        state.lastSnapshot,
        current,
        { op: 'recovery', batch: state.currentBatch.id, note: `interrupted operation ${operation.id}` },
        ctx.clock.now(),
      );
      if (neither.length > 0) {
        ctx.logger.warn(
          `${neither.join(', ')}: content from the interruption, kept in snapshot ${state.lastSnapshot.commit} (git show ${state.lastSnapshot.commit.slice(0, 12)}:<path>)`,
        );
      }
    }
    await restoreTree(ctx.git, ctx.ws, current, operation.target.tree);
  }
  await finishRollback(ctx, state, journal);
  ctx.logger.warn(`finished the ${what} that was interrupted; \`batch undo\` takes it back`);
}

registerRecovery(ROLLBACK_PENDING, recoverRollback);
