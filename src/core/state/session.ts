import { warnAboutSnapshot } from '../snapshot/snapshotNotices.js';
import { acquireLock, LockHeldError } from '../../adapters/lock.js';
import { CorruptFileError } from '../../adapters/store.js';
import type { Batch, Edit, SnapshotInfo } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { ensureBatchExcluded } from './exclude.js';
import { tidyLegacyTransientFiles } from './legacyTransientFiles.js';
import { join } from 'node:path';
import { recoverPending } from './recovery.js';
import { diffTrees } from '../snapshot/treeEntries.js';
import { clearStaleIndexLocks, takeLeftOut, takeSnapshot } from '../snapshot/snapshot.js';
import { clearStaleBatchRefLocks } from '../context/staleLocks.js';
import { STATE_SCHEMA_VERSION, type State } from '../model/state.js';
import { readStateFile } from './stateFile.js';

/** How long a command waits for another batch process to release the lock (BATCH_LOCK_TIMEOUT_MS overrides). */
const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

/** A new open batch starting at `before`. */
export function openBatch(id: number, before: SnapshotInfo, now: Date): Batch {
  return {
    id,
    status: 'open',
    edits: [],
    unrecorded: [],
    unrecordedCount: 0,
    before,
    after: null,
    startedAt: now.toISOString(),
    completedAt: null,
    runId: null,
  };
}

/**
 * First state of a worktree: a snapshot of the tree as it is. The recorded tree starts as HEAD's tree
 * (so files changed since the last commit are edits when recorded), or, when state is rebuilt after a
 * corruption, the tree as it is (so nothing is counted twice).
 */
async function createState(
  ctx: Context,
  base: Partial<State> = {},
  seenIsTree = false,
  seenRev?: string | null,
): Promise<State> {
  const now = ctx.clock.now();
  const meta = { op: 'init', batch: (base.completedBatches ?? 0) + 1 };
  const snapshot = await takeSnapshot(ctx.git, ctx.ws, null, meta, now);
  let recordedTree = snapshot.tree;
  if (!seenIsTree) {
    const seen = seenRev === undefined ? snapshot.head : seenRev;
    recordedTree = seen
      ? await ctx.git.text(['rev-parse', '--verify', `${seen}^{tree}`])
      : await emptyTree(ctx);
    warnAboutSnapshot(ctx, await diffTrees(ctx.git, recordedTree, snapshot.tree));
  }
  const completed = base.completedBatches ?? 0;
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    config: ctx.config,
    snapshotRef: ctx.ws.snapshotRef,
    lastSnapshot: snapshot,
    recordedTree,
    nextSeq: base.nextSeq ?? 1,
    nextRunId: base.nextRunId ?? 1,
    currentBatch: openBatch(completed + 1, snapshot, now),
    completedBatches: completed,
    lastRunId: base.lastRunId ?? null,
    lastRecordedCommit: snapshot.head,
    rolledBack: [],
    pending: null,
    unwrittenBatch: null,
  };
}

/** The empty tree's id in this repository's hash format. */
function emptyTree(ctx: Context): Promise<string> {
  return ctx.git.text(['mktree'], { input: '' });
}

/** Rebuilds state from the files written once (batches/, runs/) after state.json was found unreadable. */
async function rebuildState(ctx: Context, error: CorruptFileError): Promise<State> {
  const moved = ctx.store.quarantine(error.file, ctx.clock.now().toISOString());
  const batchIds = ctx.store.batchIds();
  const runIds = ctx.store.runIds();
  const lastBatch = batchIds.length ? ctx.store.readBatch<Batch>(batchIds[batchIds.length - 1] ?? 0) : null;
  const lastSeq = lastBatch?.edits.reduce((max: number, e: Edit) => Math.max(max, e.seq), 0) ?? 0;
  ctx.logger.warn(
    `${error.file} could not be read (${error.reason}); it was moved to ${moved} and state was rebuilt from .batch/batches and .batch/runs. Edits of the open batch are not counted again; their content is in the snapshots.`,
  );
  return createState(
    ctx,
    {
      completedBatches: batchIds[batchIds.length - 1] ?? 0,
      nextSeq: lastSeq + 1,
      nextRunId: (runIds[runIds.length - 1] ?? 0) + 1,
      lastRunId: runIds[runIds.length - 1] ?? null,
    },
    true,
  );
}

/** Reads state, creating it on first use and repairing what a killed process left behind. */
async function loadState(ctx: Context, options: StateOptions): Promise<State> {
  let state: State | null;
  try {
    state = await readStateFile(ctx);
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw error;
    state = await rebuildState(ctx, error);
    await ctx.store.writeState(state);
  }
  if (state === null) {
    await ensureBatchExcluded(ctx.git);
    state = await createState(ctx, {}, false, options.seenRev);
    await ctx.store.writeState(state);
    return state;
  }
  state.config = ctx.config;
  if (state.unwrittenBatch) {
    // Killed between the state write that completed a batch and the write of its file: write it now.
    ctx.store.writeBatch(state.unwrittenBatch);
    state.unwrittenBatch = null;
    await ctx.store.writeState(state);
  }
  await recoverPending(ctx, state);
  return state;
}

export interface StateOptions {
  /**
   * When state does not exist yet: the commit whose tree counts as already seen (default HEAD). A
   * first `record --from-commit C` passes C's parent, so C's own changes are edits.
   */
  seenRev?: string | null;
}

/**
 * Runs `fn` with the worktree's lock held and its state loaded (created or repaired as needed).
 * Every mutation of `.batch/` goes through here, so two writers (hook and watcher) never interleave.
 */
export async function withState<T>(
  ctx: Context,
  command: string,
  fn: (state: State) => Promise<T>,
  options: StateOptions = {},
): Promise<T> {
  ctx.store.ensureDirs();
  const timeoutMs = Number(ctx.env.BATCH_LOCK_TIMEOUT_MS) || DEFAULT_LOCK_TIMEOUT_MS;
  let release: () => void;
  try {
    release = await acquireLock(join(ctx.ws.transientDir, 'lock'), {
      command,
      timeoutMs,
      onTakeover: (owner) =>
        ctx.logger.warn(
          owner
            ? `took over the lock left by \`batch ${owner.command}\` (pid ${owner.pid}), which is no longer running`
            : 'took over a lock file left by a process that no longer runs',
        ),
    });
  } catch (error) {
    if (!(error instanceof LockHeldError)) throw error;
    const who = error.owner
      ? `\`batch ${error.owner.command}\` (pid ${error.owner.pid}, since ${error.owner.since})`
      : 'another process';
    throw new BatchError(
      `${who} holds batch's lock and did not release it within ${Math.round(timeoutMs / 1000)} s`,
      {
        hint: `wait for it to finish and run the command again; if it hangs, stop it (kill ${error.owner?.pid ?? '<pid>'}) — its lock is taken over once it is gone`,
      },
    );
  }
  try {
    tidyLegacyTransientFiles(ctx.ws);
    clearStaleIndexLocks(ctx.ws);
    clearStaleBatchRefLocks(ctx.ws);
    const state = await loadState(ctx, options);
    return await fn(state);
  } finally {
    release();
    for (const path of takeLeftOut()) {
      ctx.logger.warn(
        `${path} is left out of batch's snapshots: git refuses to store a file of that name (it could stand for .git on some systems); rename it to have it recorded`,
      );
    }
  }
}

/** Saves state (atomically: steno writes a temp file and renames it). */
export async function saveState(ctx: Context, state: State): Promise<void> {
  await ctx.store.writeState(state);
}

/** Reads state without the lock, for read-only commands; null when batch has not been used here yet. */
export async function peekState(ctx: Context): Promise<State | null> {
  try {
    return await readStateFile(ctx);
  } catch (error) {
    if (error instanceof CorruptFileError) return null;
    throw error;
  }
}
