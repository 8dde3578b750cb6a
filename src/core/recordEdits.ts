import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Batch, Edit, EditKind, EditSource, SnapshotInfo } from './batchModel.js';
import { MAX_UNRECORDED_LISTED } from './batchModel.js';
import { commitPaths, type CommitPaths } from './commitPaths.js';
import type { Context } from './context.js';
import { BatchError } from './errors.js';
import { makePathFilter } from './pathFilter.js';
import { toWorktreePath } from './pathGuard.js';
import { applyToRecordedIndex, ensureRecordedIndex, listEntries, type IndexEntry } from './recordedIndex.js';
import { openBatch, saveState, withState } from './session.js';
import { commitSnapshot, snapshotIndexPath, stageSnapshot } from './snapshot.js';
import type { State } from './state.js';

export interface RecordInput {
  /** Paths as the user gave them (relative to ctx.cwd, or absolute). */
  paths: string[];
  description?: string | null;
  source: EditSource;
  /** Record the paths this commit changed, with its subject as the description. */
  fromCommit?: string;
  /** Paths already worked out from commits (the hook: a range, an amend, a rebase), recorded like fromCommit. */
  changed?: CommitPaths;
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

function editKind(before: IndexEntry | undefined, after: IndexEntry | undefined): EditKind | null {
  if (!before && !after) return null;
  if (!before) return 'added';
  if (!after) return 'deleted';
  if (before.oid === after.oid && before.mode === after.mode) return null;
  const isLink = (mode: string) => mode === '120000';
  if (isLink(before.mode) !== isLink(after.mode) || (before.mode === '160000') !== (after.mode === '160000'))
    return 'typechange';
  return before.oid === after.oid ? 'mode' : 'modified';
}

function covers(spec: string, path: string): boolean {
  return spec === '.' || path === spec || path.startsWith(`${spec}/`);
}

/** Refuses the whole call when a named path is unknown: missing and never seen, or not something git tracks. */
function checkKnown(ctx: Context, specs: string[], known: string[]): void {
  for (const spec of specs) {
    if (known.some((path) => covers(spec, path))) continue;
    let stat;
    try {
      stat = lstatSync(join(ctx.ws.root, spec));
    } catch {
      throw new BatchError(`${spec} does not exist, and batch has never seen it`, {
        hint: 'check the path; a file that existed when batch last looked is recorded as deleted',
      });
    }
    if (stat.isDirectory()) continue; // an empty folder: nothing to record
    throw new BatchError(`${spec} is ignored by git, so batch does not track it`, {
      hint: 'batch records what git would track; remove it from .gitignore to record it',
    });
  }
}

/** Records edits while the caller holds the lock (the hook and the watcher share one lock hold). */
export async function recordInState(ctx: Context, state: State, input: RecordInput): Promise<RecordResult> {
  let description = input.description ?? null;
  let commit: string | null = null;
  let specs: string[];
  const fromCommits = input.changed !== undefined || Boolean(input.fromCommit);
  if (fromCommits) {
    const changed = input.changed ?? (await commitPaths(ctx.git, input.fromCommit ?? 'HEAD'));
    specs = changed.paths;
    commit = changed.commit;
    description ??= changed.subject;
  } else {
    specs = [...new Set(input.paths.map((p) => toWorktreePath(ctx.ws.root, ctx.cwd, p)))];
  }
  const accept = makePathFilter(ctx.config);
  const now = ctx.clock.now();
  const recordedTree = state.recordedTree ?? state.lastSnapshot?.tree ?? '';
  const recordedIndex = await ensureRecordedIndex(ctx.git, ctx.ws, recordedTree);

  const batch = state.currentBatch;
  const tree = await stageSnapshot(ctx.git, ctx.ws);
  const [after, before] = await Promise.all([
    listEntries(ctx.git, snapshotIndexPath(ctx.ws), specs),
    listEntries(ctx.git, recordedIndex, specs),
  ]);
  const paths = [...new Set([...after.keys(), ...before.keys()])].sort();
  if (!fromCommits) checkKnown(ctx, specs, paths);

  const edits: Edit[] = [];
  const unchanged: string[] = [];
  const excluded: string[] = [];
  const changes = new Map<string, IndexEntry | null>();
  for (const path of paths) {
    const was = before.get(path);
    const now_ = after.get(path);
    const kind = editKind(was, now_);
    if (!kind) {
      unchanged.push(path);
      continue;
    }
    if (!accept(path)) {
      excluded.push(path);
      continue;
    }
    changes.set(path, now_ ?? null);
    edits.push({
      seq: state.nextSeq++,
      path,
      kind,
      hash: now_?.oid ?? null,
      previousHash: was?.oid ?? null,
      mode: now_?.mode ?? null,
      previousMode: was?.mode ?? null,
      at: now.toISOString(),
      description,
      source: input.source,
      commit,
    });
  }
  const snapshot = await commitSnapshot(
    ctx.git,
    ctx.ws,
    state.lastSnapshot,
    tree,
    { op: 'record', batch: batch.id, edits: edits.map((e) => e.seq) },
    now,
  );
  const newRecordedTree = await applyToRecordedIndex(ctx.git, ctx.ws, recordedTree, changes);
  const unrecorded = await ctx.git.nulSeparated([
    'diff-tree',
    '-r',
    '-z',
    '--name-only',
    newRecordedTree,
    snapshot.tree,
  ]);
  noteUnrecorded(batch, unrecorded.filter(accept));

  batch.edits.push(...edits);
  state.lastSnapshot = snapshot;
  state.recordedTree = newRecordedTree;
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
  return {
    edits,
    unchanged,
    excluded,
    snapshot,
    current: state.currentBatch,
    completed,
    batchSize: ctx.config.batchSize,
  };
}

function noteUnrecorded(batch: Batch, paths: string[]): void {
  const listed = new Set(batch.unrecorded);
  for (const path of paths) {
    if (listed.has(path)) continue;
    batch.unrecordedCount++;
    if (batch.unrecorded.length < MAX_UNRECORDED_LISTED) {
      batch.unrecorded.push(path);
      listed.add(path);
    }
  }
}

/** `batch record`: each named path whose content differs from what batch last saw is one edit. */
export async function recordEdits(ctx: Context, input: RecordInput): Promise<RecordResult> {
  if (!input.fromCommit && input.paths.length === 0) {
    throw new BatchError('name at least one path to record', {
      hint: 'batch record src/app.ts [more paths…]',
    });
  }
  return withState(ctx, 'record', (state) => recordInState(ctx, state, input));
}
