import type { Context } from '../context/context.js';
import { withState } from '../state/session.js';
import { readHead, stageSnapshot } from '../snapshot/snapshot.js';
import type { BurstOutcome } from './recordBurst.js';
import { recordPaths } from './recordBurst.js';
import { unrecordedIn } from '../record/recordedView.js';
import { recordGitOperation } from './recordGitOperation.js';

/** The description of edits found at start-up. */
export const OFFLINE_DESCRIPTION = 'changed while batch watch was not running';

async function isAncestor(ctx: Context, older: string, newer: string): Promise<boolean> {
  const result = await ctx.git.run(['merge-base', '--is-ancestor', older, newer], { okExitCodes: [1, 128] });
  return result.exitCode === 0;
}

/**
 * Finds what changed while the watcher was not running, git-status style: stages a snapshot and diffs
 * the recorded tree against it. When HEAD was switched or reset elsewhere meanwhile (not merely moved
 * forward by commits), the files that now equal HEAD or git's index become one git marker; the rest
 * is one record call.
 */
export async function reconcileOffline(ctx: Context): Promise<BurstOutcome | null> {
  return withState(ctx, 'watch', async (state) => {
    const tree = await stageSnapshot(ctx.git, ctx.ws);
    let changed = await unrecordedIn(ctx, state, tree);
    if (changed.length === 0) return null;
    const outcome: BurstOutcome = { marker: null, record: null, unreadable: [], deferred: false };
    const before = state.lastSnapshot;
    const now = await readHead(ctx.git, ctx.ws);
    const switched =
      before !== null &&
      (before.branch !== now.branch ||
        (before.head !== now.head &&
          !(before.head !== null && now.head !== null && (await isAncestor(ctx, before.head, now.head)))));
    if (switched) {
      const from = before?.branch?.replace('refs/heads/', '') ?? before?.head?.slice(0, 10) ?? 'nothing';
      const to = now.branch?.replace('refs/heads/', '') ?? now.head?.slice(0, 10) ?? 'nothing';
      const git = await recordGitOperation(ctx, state, tree, {
        candidates: changed,
        description: `git moved HEAD from ${from} to ${to} while batch watch was not running`,
        stash: null,
      });
      outcome.marker = git.marker;
      changed = git.userPaths;
    }
    if (changed.length > 0) outcome.record = await recordPaths(ctx, state, changed, OFFLINE_DESCRIPTION);
    return outcome;
  });
}
