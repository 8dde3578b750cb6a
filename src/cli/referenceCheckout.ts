import { join } from 'node:path';
import { acquireLock, LockHeldError } from '../adapters/lock.js';
import type { Context } from '../core/context/context.js';
import type { Run } from '../core/model/runModel.js';
import type { OpenReference } from '../core/runs/confirmSlowdowns.js';

/**
 * The reference run's tree for confirming slowdowns: its snapshot commit (the tree it ran on), or its
 * HEAD commit when it has no snapshot; null when it names neither.
 */
export function referenceTreeOf(reference: Pick<Run, 'snapshot' | 'commit'> | null): string | null {
  return reference?.snapshot ?? reference?.commit ?? null;
}

/**
 * Checks a reference tree out in the culprit search's scratch worktree (bisect's own helper, under
 * its lock, so a search running at the same time is never disturbed): the user's tree, index and
 * refs are not touched. Unavailable when the tree is not in this repository or a search holds it.
 */
export function scratchReference(ctx: Context): OpenReference {
  return async (tree) => {
    const known = await ctx.git.run(['cat-file', '-e', `${tree}^{tree}`], { okExitCodes: [1, 128] });
    if (known.exitCode !== 0)
      return { unavailable: `the reference's tree ${tree.slice(0, 12)} is not in this repository` };
    const { checkOutTree, openScratch, transientDir } = await import('../core/bisect/scratchWorktree.js');
    let release: () => void;
    try {
      release = await acquireLock(join(transientDir(ctx), 'culprit.lock'), {
        command: 'batch (confirming slowdowns)',
        timeoutMs: 0,
      });
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw error;
      return { unavailable: 'a culprit search holds the scratch worktree' };
    }
    try {
      const scratch = await openScratch(ctx);
      await checkOutTree(scratch, tree);
      return { root: scratch.dir, release };
    } catch (error) {
      release();
      throw error;
    }
  };
}
