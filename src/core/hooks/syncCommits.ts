import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commitPaths } from '../commitPaths.js';
import type { Context } from '../context.js';
import type { Batch } from '../batchModel.js';
import { recordInState, type RecordResult } from '../recordEdits.js';
import { saveState } from '../session.js';
import type { State } from '../state.js';
import type { Workspace } from '../workspace.js';
import { commitSubject, diffPaths, firstParentCommits, isAncestor, resolveCommit } from './commitRange.js';
import { startFromParent } from './freshStart.js';
import { entriesSince, readHeadReflog, stepsFromReflog } from './headReflog.js';
import { finishQueue, peekQueue, takeQueue } from './hookQueue.js';

export interface SyncOptions {
  /** Names the queue file this call takes (pid and time: unique per process). */
  tag: string;
  /**
   * State was created by this very call (first hook in a worktree): batch starts from HEAD's parent,
   * so the commit that fired the hook is recorded instead of being taken as the starting point.
   */
  fresh?: boolean;
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

/** Above this many new commits, one record call takes them all (catching up must stay quick). */
const MAX_SEPARATE_RECORDS = 20;

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

/** What to record: one entry per record call. */
interface Planned {
  commit: string;
  /** Paths, or null to ask commitPaths (the commit against its first parent). */
  paths: string[] | null;
  /** How many commits the entry stands for. */
  count: number;
}

/** Splits new commits into record calls: one per commit, or one for all of a long range. */
async function plan(
  ctx: Context,
  last: string | null,
  head: string,
  skipped: Set<string>,
  result: SyncResult,
): Promise<Planned[]> {
  if (last !== null && !(await isAncestor(ctx.git, last, head))) {
    if (skipped.has(head)) {
      result.skipped = [head];
      return [];
    }
    result.rewritten = true;
    result.commits = [head];
    return [{ commit: head, paths: await diffPaths(ctx.git, last, head), count: 1 }];
  }
  const commits = await firstParentCommits(ctx.git, last, head);
  result.commits = commits.filter((c) => !skipped.has(c));
  result.skipped = commits.filter((c) => skipped.has(c));
  const newest = result.commits[result.commits.length - 1];
  if (!newest) return [];
  if (result.commits.length <= MAX_SEPARATE_RECORDS) {
    return result.commits.map((commit) => ({ commit, paths: null, count: 1 }));
  }
  let paths: string[] = [];
  if (result.skipped.length === 0) paths = await diffPaths(ctx.git, last, head);
  else for (const commit of result.commits) paths.push(...(await commitPaths(ctx.git, commit)).paths);
  return [{ commit: newest, paths: [...new Set(paths)], count: result.commits.length }];
}

/**
 * Plans from HEAD's reflog when it covers the time since the last recorded commit (it tells a commit
 * from a checkout or a fast-forward); otherwise from the commits' ancestry.
 */
async function planFromHistory(
  ctx: Context,
  last: string | null,
  head: string,
  skipped: Set<string>,
  result: SyncResult,
): Promise<Planned[]> {
  const reflog = readHeadReflog(ctx.ws);
  const since = reflog ? entriesSince(reflog, last, head) : null;
  if (!since) return plan(ctx, last, head, skipped, result);
  const planned: Planned[] = [];
  for (const step of await stepsFromReflog(ctx.git, since, head)) {
    const commits = step.kind === 'commit' ? [step.commit] : step.kind === 'amend' ? [step.to] : step.commits;
    const kept = commits.filter((c) => !skipped.has(c));
    result.skipped.push(...commits.filter((c) => skipped.has(c)));
    const newest = kept[kept.length - 1];
    if (!newest) continue;
    result.commits.push(...kept);
    if (step.kind === 'commit') {
      planned.push({ commit: step.commit, paths: null, count: 1 });
      continue;
    }
    result.rewritten = true;
    const paths =
      step.kind === 'amend' ? await diffPaths(ctx.git, step.from, step.to) : await unionPaths(ctx, kept);
    planned.push({ commit: step.kind === 'amend' ? step.to : step.tip, paths, count: kept.length });
  }
  if (planned.length <= MAX_SEPARATE_RECORDS) return planned;
  const all = await Promise.all(
    planned.map(async (p) => p.paths ?? (await commitPaths(ctx.git, p.commit)).paths),
  );
  const newest = planned[planned.length - 1] as Planned;
  return [{ commit: newest.commit, paths: [...new Set(all.flat())], count: result.commits.length }];
}

/** The paths these commits changed, each against its first parent. */
async function unionPaths(ctx: Context, commits: string[]): Promise<string[]> {
  const paths = new Set<string>();
  for (const commit of commits)
    for (const path of (await commitPaths(ctx.git, commit)).paths) paths.add(path);
  return [...paths];
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
  if (sequence && !(sequence.startsWith('rebase') && peekQueue(ctx.ws.batchDir).rebaseEnded)) {
    return { ...result, deferred: true, sequence };
  }
  const taken = takeQueue(ctx.ws.batchDir, options.tag);
  const head = await resolveCommit(ctx.git, 'HEAD');
  result.head = head;
  let dirty = remapEditCommits(state, taken.events.rewrites);
  if (head && options.fresh) {
    await startFromParent(ctx, state, head);
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
  finishQueue(taken);
  return result;
}
