import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commitPaths } from '../record/commitPaths.js';
import type { Context } from '../context/context.js';
import type { Batch } from '../model/batchModel.js';
import { recordInState, type RecordResult } from '../record/recordEdits.js';
import { saveState } from '../state/session.js';
import type { State } from '../model/state.js';
import type { Workspace } from '../context/workspace.js';
import { commitSubject, resolveCommit } from './commitRange.js';
import { finishQueue, peekQueue, queueDirs, takeQueue } from './hookQueue.js';
import { planFromHistory, type Planned } from './planRecords.js';

export interface SyncOptions {
  /** Names the queue file this call takes (pid and time: unique per process). */
  tag: string;
  /**
   * State was created by this very call (the first hook in a worktree, with `seenRev` = HEAD's parent):
   * recording starts from that commit (null: the root), so the commit that fired the hook is recorded.
   */
  startAt?: string | null;
}

export interface SyncResult {
  /** A rebase, cherry-pick or revert is still running: its commits stay queued until it ends. */
  deferred: boolean;
  /** Which sequence is running (`rebase-merge`, `rebase-apply`, `sequencer`), when deferred. */
  sequence: string | null;
  /** Commits recorded now. */
  commits: string[];
  /** Commits left out because they were made with BATCH=0. */
  skipped: string[];
  /** History was rewritten (amend, rebase, reset): the diff from the last recorded commit was recorded. */
  rewritten: boolean;
  /** One record call per commit (or one for a rewrite or a long range), in order. */
  records: RecordResult[];
  /** Batches these records completed, oldest first. */
  completed: Batch[];
  head: string | null;
}

const SEQUENCE_DIRS = ['rebase-merge', 'rebase-apply', 'sequencer'];

/** The git sequence running in this worktree (rebase, multi-commit cherry-pick or revert), or null. */
export function runningSequence(ws: Workspace): string | null {
  return SEQUENCE_DIRS.find((name) => existsSync(join(ws.gitDir, name))) ?? null;
}

/** Points the open batch's edits at the commits that replaced theirs (amend, rebase). */
function remapEditCommits(state: State, rewrites: Array<[string, string]>): boolean {
  if (rewrites.length === 0) return false;
  const next = new Map(rewrites);
  let changed = false;
  for (const edit of state.currentBatch.edits) {
    let commit = edit.commit;
    for (let hops = 0; commit && next.has(commit) && hops < rewrites.length; hops++)
      commit = next.get(commit) ?? null;
    if (commit !== edit.commit) {
      edit.commit = commit;
      changed = true;
    }
  }
  return changed;
}

async function recordPlanned(ctx: Context, state: State, entry: Planned): Promise<RecordResult | null> {
  const subject = await commitSubject(ctx.git, entry.commit);
  const paths = entry.paths ?? (await commitPaths(ctx.git, entry.commit)).paths;
  state.lastRecordedCommit = entry.commit;
  if (paths.length === 0) return null;
  const more = entry.count - 1;
  return recordInState(ctx, state, {
    paths: [],
    source: 'hook',
    changed: {
      commit: entry.commit,
      subject: more > 0 ? `${subject} (and ${more} earlier commit${more > 1 ? 's' : ''})` : subject,
      paths,
    },
  });
}

/**
 * Records what was committed since `state.lastRecordedCommit`, with the caller holding the lock: each
 * new commit's paths (one record call per commit; BATCH=0 ones left out), an amend by what it changed,
 * a rebase once by the commits it replayed (content already recorded is not counted again). HEAD's
 * reflog tells commits from checkouts and fast-forwards, which are not edits. While a rebase or a
 * multi-commit cherry-pick/revert runs nothing is recorded; the first call after it ends records it.
 */
export async function syncCommits(ctx: Context, state: State, options: SyncOptions): Promise<SyncResult> {
  const result: SyncResult = {
    deferred: false,
    sequence: null,
    commits: [],
    skipped: [],
    rewritten: false,
    records: [],
    completed: [],
    head: null,
  };
  const sequence = runningSequence(ctx.ws);
  // post-rewrite runs before git removes the rebase folder: its `rebase-end` line says it is over.
  if (sequence && !(sequence.startsWith('rebase') && peekQueue(queueDirs(ctx.ws)).rebaseEnded)) {
    return { ...result, deferred: true, sequence };
  }
  const taken = takeQueue(queueDirs(ctx.ws), options.tag);
  const head = await resolveCommit(ctx.git, 'HEAD');
  result.head = head;
  let dirty = remapEditCommits(state, taken.events.rewrites);
  if (options.startAt !== undefined) {
    state.lastRecordedCommit = options.startAt;
    dirty = true;
  }
  const last = state.lastRecordedCommit ? await resolveCommit(ctx.git, state.lastRecordedCommit) : null;
  if (head && head !== last && state.lastRecordedCommit !== null && last === null) {
    // The last recorded commit no longer exists: start again from HEAD rather than guess.
    ctx.logger.warn(
      `the last recorded commit ${state.lastRecordedCommit} is gone; recording resumes from HEAD`,
    );
    state.lastRecordedCommit = head;
    dirty = true;
  } else if (head && head !== last) {
    for (const entry of await planFromHistory(ctx, last, head, taken.events.skipped, result)) {
      const record = await recordPlanned(ctx, state, entry);
      dirty = record === null;
      if (!record) continue;
      // `current` is state's live batch: keep it as it was after this call.
      result.records.push({ ...record, current: { ...record.current, edits: [...record.current.edits] } });
      if (record.completed) result.completed.push(record.completed);
    }
    if (state.lastRecordedCommit !== head) {
      state.lastRecordedCommit = head;
      dirty = true;
    }
  }
  if (dirty) await saveState(ctx, state);
  finishQueue(taken, queueDirs(ctx.ws));
  return result;
}
