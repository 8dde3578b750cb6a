import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Batch } from '../model/batchModel.js';
import { backupNote, type BackupResult } from './backupNote.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { withState } from '../state/session.js';
import type { State } from '../model/state.js';

function findBatch(ctx: Context, state: State, id: number): Batch {
  const batch = id === state.currentBatch.id ? state.currentBatch : ctx.store.readBatch<Batch>(id);
  if (batch) return batch;
  throw new BatchError(`there is no batch ${id}`, { hint: '`batch log` lists the batches there are' });
}

/** Entries of `paths` in a commit's tree: "<mode> <type> <oid>\t<path>" records by path. */
async function treeEntries(ctx: Context, commit: string, paths: string[]): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  // -r: into folders; -z: exact names; --full-tree: paths from the root whatever the cwd.
  const records = await ctx.git.nulSeparated(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]);
  for (const record of records) entries.set(record.slice(record.indexOf('\t') + 1), record);
  return entries;
}

/** Writes the entries into `dir` through git (a private index and checkout-index): modes and symlinks kept. */
async function writeEntries(ctx: Context, dir: string, records: string[]): Promise<void> {
  if (records.length === 0) return;
  const index = join(ctx.ws.transientDir, 'backup.index');
  rmSync(index, { force: true });
  const env = { GIT_INDEX_FILE: index };
  // ls-tree's "<mode> <type> <oid>\t<path>" is one of the forms --index-info reads.
  await ctx.git.run(['update-index', '-z', '--index-info'], { env, input: `${records.join('\0')}\0` });
  // -a: every entry of that small index; --prefix: under the backup folder instead of the worktree.
  await ctx.git.run(['checkout-index', '-a', `--prefix=${dir}/`], { env });
  rmSync(index, { force: true });
}

function prepareDir(
  ctx: Context,
  id: number,
  requested: string | undefined,
): { final: string; work: string } {
  if (requested) {
    const final = resolve(ctx.cwd, requested);
    if (existsSync(final) && readdirSync(final).length > 0) {
      throw new BatchError(`${requested} exists and is not empty`, {
        hint: 'name a new or empty folder with --dir, or leave --dir out to use .batch/backups/',
      });
    }
    mkdirSync(final, { recursive: true });
    return { final, work: final };
  }
  const final = ctx.store.path('backups', `batch_${id}`);
  const work = `${final}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  return { final, work };
}

/**
 * `batch backup N`: plain copies of the files batch N touched, as they were before it (from its
 * before-snapshot, written by git, so never through a symlinked folder), plus `git_commit.txt` naming
 * the snapshot and the commands to recover by hand. Into `.batch/backups/batch_N/` unless `dir` is given.
 */
export async function backupBatch(ctx: Context, id: number, dir?: string): Promise<BackupResult> {
  return withState(ctx, 'backup', async (state) => {
    const batch = findBatch(ctx, state, id);
    const paths = [...new Set(batch.edits.map((e) => e.path))].sort();
    const entries = paths.length
      ? await treeEntries(ctx, batch.before.commit, paths)
      : new Map<string, string>();
    const skipped = paths.filter((p) => entries.get(p)?.startsWith('160000 '));
    const copied = paths.filter((p) => entries.has(p) && !skipped.includes(p));
    const absent = paths.filter((p) => !entries.has(p));
    const { final, work } = prepareDir(ctx, id, dir);
    await writeEntries(
      ctx,
      work,
      copied.map((p) => entries.get(p) ?? ''),
    );
    const result = { dir: final, snapshot: batch.before, copied, absent, skipped };
    writeFileSync(
      join(work, 'git_commit.txt'),
      backupNote(batch.id, result, ctx.ws.snapshotRef, relative(ctx.ws.root, final)),
    );
    if (work !== final) {
      rmSync(final, { recursive: true, force: true });
      renameSync(work, final);
    }
    return result;
  });
}
