import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import { MAX_UNRECORDED_LISTED, type BatchMarker } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { listEntries, type IndexEntry } from '../snapshot/treeEntries.js';
import { saveState } from '../state/session.js';
import { commitSnapshot, snapshotIndexPath } from '../snapshot/snapshot.js';
import type { State } from '../model/state.js';

/** Entries of `paths` in a commit's tree, by path. */
async function treeEntries(
  git: Git,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  // -r: files; --full-tree: paths from the root whatever the cwd; -z: exact names.
  const records = await git.nulSeparated(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]);
  for (const record of records) {
    const tab = record.indexOf('\t');
    const [mode, , oid] = record.slice(0, tab).split(' ');
    if (mode && oid) entries.set(record.slice(tab + 1), { mode, oid });
  }
  return entries;
}

function sameEntry(a: IndexEntry | undefined, b: IndexEntry | undefined): boolean {
  return a === undefined ? b === undefined : b !== undefined && a.oid === b.oid && a.mode === b.mode;
}

export interface GitOperationInput {
  /** Paths that changed since they were recorded and that git may have written. */
  candidates: string[];
  description: string;
  /** HEAD, git's index and this stash commit (when set) are what git may have written from. */
  stash: string | null;
}

export interface GitOperationResult {
  marker: BatchMarker | null;
  /** Candidates whose content is not git's: edits after all. */
  userPaths: string[];
}

/**
 * Records a git operation seen by the watcher as one marker: each candidate whose content (or
 * absence) now equals what git has for it (HEAD, git's index, or the stash entry it applied) is not
 * made an edit by the watcher; the rest are returned as edits. The marker does not count them as
 * recorded (DESIGN.md invariant 6): a file written and committed within the quiet time is still the
 * hook's to record. The caller holds the lock and has just staged the snapshot index.
 */
export async function recordGitOperation(
  ctx: Context,
  state: State,
  tree: string,
  input: GitOperationInput,
): Promise<GitOperationResult> {
  const { candidates } = input;
  if (candidates.length === 0) return { marker: null, userPaths: [] };
  const head = await ctx.git.text(['rev-parse', '-q', '--verify', 'HEAD^{commit}'], {
    okExitCodes: [1, 128],
  });
  const [now, ...sources] = await Promise.all([
    listEntries(ctx.git, snapshotIndexPath(ctx.ws), candidates),
    listEntries(ctx.git, join(ctx.ws.gitDir, 'index'), candidates),
    head ? treeEntries(ctx.git, head, candidates) : Promise.resolve(new Map<string, IndexEntry>()),
    input.stash
      ? treeEntries(ctx.git, input.stash, candidates)
      : Promise.resolve(new Map<string, IndexEntry>()),
  ]);
  const gitPaths = new Map<string, IndexEntry | null>();
  const userPaths: string[] = [];
  for (const path of candidates) {
    const entry = now.get(path);
    if (sources.some((source) => sameEntry(entry, source.get(path)))) gitPaths.set(path, entry ?? null);
    else userPaths.push(path);
  }
  if (gitPaths.size === 0) return { marker: null, userPaths };

  const batch = state.currentBatch;
  const snapshot = await commitSnapshot(
    ctx.git,
    ctx.ws,
    state.lastSnapshot,
    tree,
    { op: 'git', batch: batch.id, note: `${input.description} (${gitPaths.size} files)` },
    ctx.clock.now(),
  );
  state.lastSnapshot = snapshot;
  const lastEdit = batch.edits[batch.edits.length - 1];
  const marker: BatchMarker = {
    kind: 'git',
    at: snapshot.at,
    description: input.description,
    files: gitPaths.size,
    paths: [...gitPaths.keys()].slice(0, MAX_UNRECORDED_LISTED),
    afterSeq: lastEdit?.seq ?? null,
    snapshot: snapshot.commit,
    head: snapshot.head,
    branch: snapshot.branch,
  };
  (batch.markers ??= []).push(marker);
  await saveState(ctx, state);
  return { marker, userPaths };
}
