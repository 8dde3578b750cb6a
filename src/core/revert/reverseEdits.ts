import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Edit } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import type { IndexEntry } from '../model/treeModel.js';
import { sameEntry } from '../snapshot/treeEntries.js';

/** A path the reverse of an edit cannot be applied to, and why. */
export interface RevertConflict {
  path: string;
  seq: number;
  why: string;
}

/** What the reverse of the edits does to each path, or the conflicts that stop it. */
export interface ReversedPaths {
  /** New entry per path (null: the path is removed). */
  changes: Map<string, IndexEntry | null>;
  /** Paths written by a three-way merge (a later edit of other lines of the same file). */
  merged: string[];
  conflicts: RevertConflict[];
}

const REGULAR = new Set(['100644', '100755']);

function entryOf(hash: string | null, mode: string | null): IndexEntry | null {
  return hash && mode ? { oid: hash, mode } : null;
}

/**
 * Three-way merge of blob contents with `git merge-file` (base: the edit's result, ours: the file
 * now, theirs: the file before the edit): the new blob, or null when the same lines changed since.
 */
async function mergeBlobs(ctx: Context, ours: string, base: string, theirs: string): Promise<string | null> {
  const dir = join(ctx.ws.gitDir, 'batch', `revert-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  try {
    const files = await Promise.all(
      [ours, base, theirs].map(async (oid, i) => {
        const path = join(dir, String(i));
        // --filters off: blob bytes as stored, the same bytes hash-object reads back below.
        writeFileSync(path, (await ctx.git.run(['cat-file', 'blob', oid])).stdout, 'binary');
        return path;
      }),
    );
    // -p: the result on stdout; exit 0 clean, >0 the number of conflicts, <0 (255) an error.
    const result = await ctx.git.run(['merge-file', '-p', ...files], {
      okExitCodes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255],
    });
    if (result.exitCode !== 0) return null;
    writeFileSync(files[0] as string, result.stdout, 'binary');
    return await ctx.git.text(['hash-object', '-w', '--no-filters', '--', files[0] as string]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The reverse of each edit (latest first), applied to the entries the paths have now: a path still as
 * the edit left it gets its content from before the edit; one changed since in other lines is merged
 * three ways; one whose changed lines were changed again (or that was created, deleted or retyped
 * since) is a conflict. Reads blobs and writes merged ones to the object store; no file is written.
 */
export async function reverseEdits(
  ctx: Context,
  edits: readonly Edit[],
  current: ReadonlyMap<string, IndexEntry>,
): Promise<ReversedPaths> {
  const now = new Map<string, IndexEntry | null>([...current]);
  const touched = new Set<string>();
  const merged: string[] = [];
  const conflicts: RevertConflict[] = [];
  for (const edit of [...edits].sort((a, b) => b.seq - a.seq)) {
    const ours = now.get(edit.path) ?? null;
    const base = entryOf(edit.hash, edit.mode);
    const theirs = entryOf(edit.previousHash, edit.previousMode);
    touched.add(edit.path);
    if (sameEntry(ours, base)) {
      now.set(edit.path, theirs);
      continue;
    }
    if (sameEntry(ours, theirs)) continue; // already as before the edit
    if (ours && base && theirs && [ours, base, theirs].every((e) => REGULAR.has(e.mode))) {
      const blob = await mergeBlobs(ctx, ours.oid, base.oid, theirs.oid);
      if (blob) {
        now.set(edit.path, { oid: blob, mode: ours.mode === base.mode ? theirs.mode : ours.mode });
        merged.push(edit.path);
        continue;
      }
      conflicts.push({
        path: edit.path,
        seq: edit.seq,
        why: `lines edit ${edit.seq} changed were changed again since`,
      });
      continue;
    }
    const why = !ours
      ? `deleted since edit ${edit.seq}`
      : !base
        ? `created again since edit ${edit.seq} deleted it`
        : `its type or kind changed since edit ${edit.seq}`;
    conflicts.push({ path: edit.path, seq: edit.seq, why });
  }
  const changes = new Map<string, IndexEntry | null>();
  for (const path of touched) {
    const after = now.get(path) ?? null;
    if (!sameEntry(after, current.get(path) ?? null)) changes.set(path, after);
  }
  return { changes, merged, conflicts };
}
