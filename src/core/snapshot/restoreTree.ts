import { GitError, type Git } from '../../adapters/git.js';
import { BatchError } from '../context/errors.js';
import { snapshotIndexPath } from './snapshot.js';
import type { Workspace } from '../context/workspace.js';

function quotedPaths(stderr: string, pattern: RegExp): string[] {
  return [...stderr.matchAll(pattern)].map((m) => m[1] ?? '').filter(Boolean);
}

/**
 * Makes the working tree go from tree `from` (what the private index holds, just staged) to tree `to`
 * with `git read-tree -m -u`: only paths that differ are written, deleted or created, with their mode
 * and symlinks, and git refuses (writing nothing) when a file changed after `from` was staged or an
 * untracked file is in the way. Never touches the user's index or HEAD.
 */
export async function restoreTree(git: Git, ws: Workspace, from: string, to: string): Promise<void> {
  if (from === to) return;
  try {
    // -m: two-tree merge from `from` to `to` (checks the index matches `from`); -u: update the files.
    await git.run(['read-tree', '-m', '-u', from, to], { env: { GIT_INDEX_FILE: snapshotIndexPath(ws) } });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const changed = quotedPaths(error.stderr, /Entry '(.+?)' not uptodate/g);
    if (changed.length > 0) {
      throw new BatchError(
        `${changed.join(', ')} changed after the pre-rollback snapshot; nothing was written`,
        {
          hint: 'something is still writing files (an editor, a watcher, an agent): wait until it stops, then run the same command again',
        },
      );
    }
    const untracked = error.stderr
      .split('\n')
      .filter((line) => /^\t/.test(line))
      .map((line) => line.trim());
    if (/would be (overwritten|removed)/.test(error.stderr)) {
      throw new BatchError(
        `files appeared where the rollback writes${untracked.length ? `: ${untracked.join(', ')}` : ''}; nothing was written`,
        { hint: 'move them out of the way (or commit them), then run the same command again' },
      );
    }
    throw error;
  }
}
