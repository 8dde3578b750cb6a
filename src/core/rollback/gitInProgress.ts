import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';

/** git's own state files of an operation in progress, what it is called, and how to end it. */
const IN_PROGRESS: ReadonlyArray<[file: string, what: string, end: string]> = [
  ['MERGE_HEAD', 'a merge', 'git merge --continue or git merge --abort'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick', 'git cherry-pick --continue or git cherry-pick --abort'],
  ['REVERT_HEAD', 'a revert', 'git revert --continue or git revert --abort'],
  ['rebase-merge', 'a rebase', 'git rebase --continue or git rebase --abort'],
  ['rebase-apply', 'a rebase or git am', 'git rebase --continue / git am --continue, or --abort'],
  ['BISECT_LOG', 'a git bisect', 'git bisect reset'],
];

/**
 * Refuses a rollback or an undo while git is in the middle of an operation or the index holds
 * conflicts: restoring files resets the index, which would drop the conflict stages and leave git
 * thinking every conflict is resolved (a `git commit -a` would then commit the conflict markers).
 */
export async function refuseDuringGitOperation(ctx: Context, kind: string): Promise<void> {
  for (const [file, what, end] of IN_PROGRESS) {
    if (!existsSync(join(ctx.ws.gitDir, file))) continue;
    throw new BatchError(
      `${what} is in progress; the ${kind} would lose git's state of it, so nothing was written`,
      {
        hint: `finish it first (${end}), then run the same command again`,
      },
    );
  }
  // -u: unmerged entries only (conflict stages), e.g. after `git stash pop` stopped on a conflict.
  const unmerged = await ctx.git.nulSeparated(['ls-files', '-u', '-z']);
  if (unmerged.length > 0) {
    throw new BatchError(
      `the index holds unresolved conflicts; the ${kind} would drop them, so nothing was written`,
      {
        hint: 'resolve them (edit, then git add) or take them back (git checkout -m <path>), then run the same command again',
      },
    );
  }
}
