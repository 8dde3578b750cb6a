import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Batch, Edit, EditKind, EditOrigin, EditSource, SnapshotInfo } from '../model/batchModel.js';
import { MAX_UNRECORDED_LISTED } from '../model/batchModel.js';
import { commitPaths, type CommitPaths } from './commitPaths.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { makePathFilter } from './pathFilter.js';
import { toWorktreePath } from './pathGuard.js';
import { diffTrees, sameEntry, type IndexEntry } from '../snapshot/treeEntries.js';
import { warnAboutSnapshot } from '../snapshot/snapshotNotices.js';
import {
  treeWithChanges,
  unrecordedBetween,
  unrecordedFrom,
  type UnrecordedMap,
} from '../snapshot/unrecorded.js';
import { openBatch, saveState, withState } from '../state/session.js';
import { commitSnapshot, snapshotIndexPath, stageSnapshot } from '../snapshot/snapshot.js';
import type { State } from '../model/state.js';

export interface RecordInput {
  /** Paths as the user gave them (relative to ctx.cwd, or absolute). */
  paths: string[];
  description?: string | null;
  source: EditSource;
  /** The agent tool call behind these edits, kept on each edit. */
  origin?: EditOrigin;
  /** Record the paths this commit changed, with its subject as the description. */
  fromCommit?: string;
  /**
   * Snapshot only the named paths (the rest as in the previous snapshot) instead of the whole tree:
   * for the watcher, which knows what changed. Changes it did not see are caught by its next full one.
   */
  stageNamedOnly?: boolean;
  /** Paths already worked out from commits (the hook: an amend, a rebase, a range), recorded like fromCommit. */
  changed?: CommitPaths;
  /** Paths the watcher saw git write in this burst: not edits here even under a named folder (they stay unrecorded). */
  gitWritten?: ReadonlySet<string>;
}

export interface RecordResult {
  edits: Edit[];
  /** Named paths whose content is what batch last saw. */
  unchanged: string[];
  /** Named paths left out by include/exclude in .batchrc. */
  excluded: string[];
  snapshot: SnapshotInfo;
  /** The open batch after this call. */
  current: Batch;
  /** The batch this call completed, if it did. */
  completed: Batch | null;
  batchSize: number;
}

function editKind(before: IndexEntry | null, after: IndexEntry | null): EditKind | null {
  if (sameEntry(before, after)) return null;
  if (!before) return 'added';
  if (!after) return 'deleted';
  const type = (mode: string) => (mode === '120000' ? 'link' : mode === '160000' ? 'gitlink' : 'file');
  if (type(before.mode) !== type(after.mode)) return 'typechange';
  return before.oid === after.oid ? 'mode' : 'modified';
}

function covers(spec: string, path: string): boolean {
  return spec === '.' || path === spec || path.startsWith(`${spec}/`);
}

/**
 * For named paths that match no changed path: fine when they are in the snapshot unchanged (or an
 * empty folder); the whole call is refused when one is missing and never seen, or ignored by git.
 */
async function checkUnmatched(ctx: Context, tree: string, specs: string[]): Promise<string[]> {
  const unchanged: string[] = [];
  for (const spec of specs) {
    let isDirectory = false;
    try {
      isDirectory = lstatSync(join(ctx.ws.root, spec)).isDirectory();
    } catch {
      throw new BatchError(`${spec} does not exist, and batch has never seen it`, {
        hint: 'check the path; a file that existed when batch last looked is recorded as deleted',
      });
    }
    if (isDirectory) continue; // a folder with nothing changed (or nothing in it)
    const inTree = await ctx.git.text(['ls-tree', '--name-only', '-z', tree, '--', spec]);
    if (inTree === '') {
      throw new BatchError(`${spec} is ignored by git, so batch does not track it`, {
        hint: 'batch records what git would track; remove it from .gitignore to record it',
      });
    }
    unchanged.push(spec);
  }
  return unchanged;
}

async function resolveSpecs(ctx: Context, input: RecordInput) {
  if (input.changed) {
    const { paths, commit, subject } = input.changed;
    return { specs: paths, commit, description: input.description ?? subject };
  }
  if (!input.fromCommit) {
    const specs = [...new Set(input.paths.map((p) => toWorktreePath(ctx.ws.root, ctx.cwd, p)))];
    return { specs, commit: null, description: input.description ?? null };
  }
  const changed = await commitPaths(ctx.git, input.fromCommit);
  return { specs: changed.paths, commit: changed.commit, description: input.description ?? changed.subject };
}

/** Records edits while the caller holds the lock (the hook and the watcher share one lock hold). */
export async function recordInState(ctx: Context, state: State, input: RecordInput): Promise<RecordResult> {
  const { specs, commit, description } = await resolveSpecs(ctx, input);
  const accept = makePathFilter(ctx.config);
  const now = ctx.clock.now();
  const batch = state.currentBatch;

  const tree = await stageSnapshot(ctx.git, ctx.ws, input.stageNamedOnly ? specs : undefined);
  // The recorded tree is usually the last snapshot's (nothing left unrecorded): one diff serves both.
  const takenFrom = state.lastSnapshot?.tree ?? tree;
  const [unrecorded, taken] =
    takenFrom === state.recordedTree
      ? await diffTrees(ctx.git, takenFrom, tree).then(
          (changes) => [unrecordedFrom(changes), changes] as const,
        )
      : await Promise.all([
          unrecordedBetween(ctx.git, state.recordedTree, tree),
          diffTrees(ctx.git, takenFrom, tree),
        ]);
  warnAboutSnapshot(ctx, taken);

  const matched = [...unrecorded.values()].filter(
    (u) => !input.gitWritten?.has(u.path) && specs.some((spec) => covers(spec, u.path)),
  );
  const unmatched = specs.filter((spec) => !matched.some((u) => covers(spec, u.path)));
  const unchanged = input.fromCommit || input.changed ? [] : await checkUnmatched(ctx, tree, unmatched);
  const edits: Edit[] = [];
  const excluded: string[] = [];
  for (const { path, recorded, current } of matched) {
    const kind = editKind(recorded, current);
    if (!kind) continue;
    if (!accept(path)) {
      excluded.push(path);
      continue;
    }
    unrecorded.delete(path);
    edits.push({
      seq: state.nextSeq++,
      path,
      kind,
      hash: current?.oid ?? null,
      previousHash: recorded?.oid ?? null,
      mode: current?.mode ?? null,
      previousMode: recorded?.mode ?? null,
      at: now.toISOString(),
      description,
      source: input.source,
      commit,
      ...(input.origin ? { origin: input.origin } : {}),
    });
  }
  const recordedBefore = state.recordedTree;
  if (edits.length > 0) state.recordedTree = await recordedTreeAfter(ctx, tree, unrecorded);
  if (batch.edits.length === 0 && edits.length > 0) {
    batch.recordedBefore = recordedBefore;
    const before = await snapshotBeforeEdits(ctx, state, edits, now);
    if (before) state.lastSnapshot = batch.before = before;
  }
  const keep = state.recordedTree !== recordedBefore && state.recordedTree !== tree;
  const snapshot = await commitSnapshot(
    ctx.git,
    ctx.ws,
    state.lastSnapshot,
    tree,
    { op: 'record', batch: batch.id, edits: edits.map((e) => e.seq) },
    now,
    keep ? { keep: state.recordedTree } : {},
  );
  for (const edit of edits) edit.snapshot = snapshot.commit;
  noteUnrecorded(batch, [...unrecorded.keys()].filter(accept));
  batch.edits.push(...edits);
  state.lastSnapshot = snapshot;
  let completed: Batch | null = null;
  if (batch.edits.length >= ctx.config.batchSize && edits.length > 0) {
    // The run id is reserved now, so the batch file, written once, can name the run that tests it.
    const runId = ctx.config.testCommand ? state.nextRunId++ : null;
    completed = { ...batch, status: 'complete', after: snapshot, completedAt: now.toISOString(), runId };
    state.completedBatches = completed.id;
    state.currentBatch = openBatch(completed.id + 1, snapshot, now);
    state.unwrittenBatch = completed;
  }
  await saveState(ctx, state);
  if (completed) {
    ctx.store.writeBatch(completed);
    state.unwrittenBatch = null;
    await ctx.store.writeState(state);
  }
  const unchangedPaths = [
    ...unchanged,
    ...matched.filter((u) => !editKind(u.recorded, u.current)).map((u) => u.path),
  ];
  return {
    edits,
    unchanged: unchangedPaths,
    excluded,
    snapshot,
    current: state.currentBatch,
    completed,
    batchSize: ctx.config.batchSize,
  };
}

/**
 * The recorded tree once this call's edits are recorded: the snapshot's tree with the paths still
 * unrecorded put back to what was recorded for them (just the tree when none are left).
 */
async function recordedTreeAfter(ctx: Context, tree: string, left: UnrecordedMap): Promise<string> {
  if (left.size === 0) return tree;
  const recorded = new Map([...left.values()].map((u) => [u.path, u.recorded]));
  return treeWithChanges(ctx.git, ctx.ws, snapshotIndexPath(ctx.ws), recorded, 'recorded.index');
}

/**
 * The batch's before-snapshot, "the tree just before its first edit": this call's tree with the edited
 * paths put back, so unrecorded work made since the batch opened stays on a rollback of it. Null when
 * that is the before-snapshot the batch already has.
 */
async function snapshotBeforeEdits(
  ctx: Context,
  state: State,
  edits: Edit[],
  now: Date,
): Promise<SnapshotInfo | null> {
  const previous = new Map<string, IndexEntry | null>(
    edits.map((e) => [
      e.path,
      e.previousHash && e.previousMode ? { mode: e.previousMode, oid: e.previousHash } : null,
    ]),
  );
  const tree = await treeWithChanges(ctx.git, ctx.ws, snapshotIndexPath(ctx.ws), previous, 'before.index');
  if (tree === state.currentBatch.before.tree) return null;
  return commitSnapshot(ctx.git, ctx.ws, null, tree, { op: 'before', batch: state.currentBatch.id }, now);
}

/** The batch lists what is unrecorded as of its latest record call (changed in the tree, not recorded). */
function noteUnrecorded(batch: Batch, paths: string[]): void {
  batch.unrecorded = paths.slice(0, MAX_UNRECORDED_LISTED);
  batch.unrecordedCount = paths.length;
}

/** `batch record`: each named path whose content differs from what batch last saw is one edit. */
export async function recordEdits(ctx: Context, input: RecordInput): Promise<RecordResult> {
  if (!input.fromCommit && input.paths.length === 0) {
    throw new BatchError('name at least one path to record', {
      hint: 'batch record src/app.ts [more paths…]',
    });
  }
  return withState(ctx, 'record', (state) => recordInState(ctx, state, input), {
    seenRev: input.fromCommit ? await parentOf(ctx, input.fromCommit) : undefined,
  });
}

/** The first parent of a commit, or null for a root commit (or a revision that does not resolve). */
async function parentOf(ctx: Context, rev: string): Promise<string | null> {
  const parent = await ctx.git.text(['rev-parse', '-q', '--verify', `${rev}^1`], { okExitCodes: [1, 128] });
  return parent || null;
}
