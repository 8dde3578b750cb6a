import type { Context } from '../context.js';
import { applyToRecordedIndex, type IndexEntry } from '../recordedIndex.js';
import type { State } from '../state.js';
import { diffPaths, resolveCommit } from './commitRange.js';

/** The entries of `paths` in a commit's tree. */
async function treeEntries(ctx: Context, commit: string, paths: string[]): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  if (paths.length === 0) return entries;
  const records = await ctx.git.nulSeparated(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]);
  for (const record of records) {
    const tab = record.indexOf('\t');
    const [mode, , oid] = record.slice(0, tab).split(' ');
    if (mode && oid) entries.set(record.slice(tab + 1), { mode, oid });
  }
  return entries;
}

/**
 * For the first hook in a worktree without state: takes HEAD's parent as what batch last saw for the
 * paths HEAD changed, so the commit that fired the hook is recorded instead of being the starting point.
 */
export async function startFromParent(ctx: Context, state: State, head: string): Promise<void> {
  const parent = await resolveCommit(ctx.git, `${head}^1`);
  const paths = await diffPaths(ctx.git, parent, head);
  const before = parent ? await treeEntries(ctx, parent, paths) : new Map<string, IndexEntry>();
  const changes = new Map(paths.map((path) => [path, before.get(path) ?? null]));
  state.recordedTree = await applyToRecordedIndex(ctx.git, ctx.ws, state.recordedTree ?? '', changes);
  state.lastRecordedCommit = parent;
}
