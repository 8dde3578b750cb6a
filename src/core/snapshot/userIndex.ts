import { copyFileSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { GitError, type Git } from '../../adapters/git.js';
import type { Workspace } from '../context/workspace.js';

/**
 * The user's index (`.git/index`) as a tree, read from a copy so the user's file and its lock are
 * never touched; null when there is no index or it holds unresolved conflicts.
 */
export async function readUserIndexTree(git: Git, ws: Workspace): Promise<string | null> {
  const userIndex = join(ws.gitDir, 'index');
  if (!existsSync(userIndex)) return null;
  const copy = join(ws.transientDir, 'user-copy.index');
  copyFileSync(userIndex, copy);
  try {
    return await git.text(['write-tree'], { env: { GIT_INDEX_FILE: copy } });
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  } finally {
    unlinkSync(copy);
  }
}

/**
 * Points the user's index at `tree` after a branch move, as `git reset --mixed` would: the working
 * tree is not touched, entries whose content matches keep their stat data (`--reset` = `-m` that
 * also drops unresolved conflicts).
 */
export async function resetUserIndex(git: Git, tree: string): Promise<void> {
  await git.run(['read-tree', '--reset', tree]);
}
