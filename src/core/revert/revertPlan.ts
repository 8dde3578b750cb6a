import { rmSync } from 'node:fs';
import type { Batch, Edit } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { readFileChanges, type FileChange } from '../record/fileChanges.js';
import { findPathsInTheWay } from '../rollback/pathsInTheWay.js';
import { snapshotIndexPath } from '../snapshot/snapshot.js';
import { indexWithChanges, listEntries } from '../snapshot/treeEntries.js';
import type { State } from '../model/state.js';
import { reverseEdits, type RevertConflict } from './reverseEdits.js';

/** What `batch revert` will do, computed before anything is written (`--dry-run` prints it). */
export interface RevertPlan {
  seqs: number[];
  edits: Edit[];
  /** The tree as it is now, and the tree the revert makes. */
  preTree: string;
  targetTree: string;
  files: FileChange[];
  /** Paths whose reverse was merged with later changes to other lines of the same file. */
  merged: string[];
  conflicts: RevertConflict[];
  inTheWay: string[];
}

/** The edits named by seq, from the open batch and the completed ones; refuses unknown or rolled-back ones. */
function findEdits(ctx: Context, state: State, seqs: readonly number[]): Edit[] {
  const wanted = new Set(seqs);
  const found = new Map<number, { edit: Edit; batch: number }>();
  const batches: Batch[] = [
    ...ctx.store.batchIds().flatMap((id) => ctx.store.readBatch<Batch>(id) ?? []),
    state.currentBatch,
  ];
  for (const batch of batches)
    for (const edit of batch.edits) if (wanted.has(edit.seq)) found.set(edit.seq, { edit, batch: batch.id });
  const missing = seqs.filter((s) => !found.has(s));
  if (missing.length > 0) {
    throw new BatchError(`there is no edit ${missing.join(', ')}`, {
      hint: '`batch log` numbers every edit; `batch bisect` names the ones that broke the tests',
    });
  }
  const rolledBack = [...found.values()].filter((f) => state.rolledBack.includes(f.batch));
  if (rolledBack.length > 0) {
    const first = rolledBack[0] as { edit: Edit; batch: number };
    throw new BatchError(`edit ${first.edit.seq} is in batch ${first.batch}, which is rolled back`, {
      hint: '`batch undo` brings a rolled-back batch back; its edits can then be reverted one by one',
    });
  }
  return [...found.values()].map((f) => f.edit).sort((a, b) => a.seq - b.seq);
}

/**
 * Plans the revert of edits `seqs` against the tree staged as `preTree`: the reverse of each edit
 * merged into the current files, the files that change, and what stops it (conflicts, files in
 * the way). Writes no file (merged blobs go to the object store only).
 */
export async function planRevert(
  ctx: Context,
  state: State,
  seqs: readonly number[],
  preTree: string,
): Promise<RevertPlan> {
  const edits = findEdits(ctx, state, seqs);
  const index = snapshotIndexPath(ctx.ws);
  const current = await listEntries(ctx.git, index, [...new Set(edits.map((e) => e.path))]);
  const reversed = await reverseEdits(ctx, edits, current);
  const built = await indexWithChanges(ctx.git, ctx.ws, index, reversed.changes, 'revert.index');
  rmSync(built.index, { force: true });
  const files = await readFileChanges(ctx.git, preTree, built.tree);
  const inTheWay = await findPathsInTheWay(ctx.git, ctx.ws.root, index, files);
  return {
    seqs: edits.map((e) => e.seq),
    edits,
    preTree,
    targetTree: built.tree,
    files,
    merged: reversed.merged,
    conflicts: reversed.conflicts,
    inTheWay,
  };
}

/** Why a revert plan cannot be carried out (conflicts, files in the way), or null when it can. */
export function revertRefusal(plan: RevertPlan): BatchError | null {
  if (plan.conflicts.length > 0) {
    return new BatchError(
      `the revert of edit ${plan.seqs.join(', ')} conflicts with later changes; nothing was written`,
      {
        details: plan.conflicts.map((c) => `${c.path}: ${c.why}`),
        hint: 'revert the later edits of those files too (name them all), or edit the lines by hand',
      },
    );
  }
  if (plan.inTheWay.length > 0) {
    return new BatchError(
      'ignored or untracked files are where the revert would write; nothing was written',
      {
        details: plan.inTheWay.slice(0, 10),
        hint: 'move them somewhere else, then run the same command again',
      },
    );
  }
  return null;
}
