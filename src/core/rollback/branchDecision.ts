import type { Git } from '../../adapters/git.js';
import type { BranchMove } from '../model/operationModel.js';

/** Why HEAD stays where it is. */
export type BranchStayReason =
  | 'files-only'
  | 'same-commit'
  | 'unborn'
  | 'detached'
  | 'other-branch'
  | 'not-ancestor'
  | 'pushed'
  | 'moved-since'
  | 'not-moved';

export type BranchDecision =
  | { move: true; ref: string; from: string; to: string; dropped: number }
  | {
      move: false;
      reason: BranchStayReason;
      head: string | null;
      /** Commits on HEAD since the restored snapshot's HEAD (0 when unknown or none). */
      commitsSince: number;
      /** How many of them are on the upstream (for `pushed`). */
      pushed: number;
      upstream: string | null;
    };

export interface HeadState {
  head: string | null;
  branch: string | null;
}

async function count(git: Git, args: string[]): Promise<number> {
  return Number(await git.text(['rev-list', '--count', ...args]));
}

async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  // Exit 0: it is; exit 1: it is not.
  const result = await git.run(['merge-base', '--is-ancestor', ancestor, descendant], { okExitCodes: [1] });
  return result.exitCode === 0;
}

/** The branch's upstream ref when it has one that resolves (none set: nothing counts as pushed). */
async function upstreamOf(git: Git, branchRef: string): Promise<string | null> {
  const upstream = await git.text(['for-each-ref', '--format=%(upstream)', branchRef]);
  if (!upstream) return null;
  const resolved = await git.text(['rev-parse', '-q', '--verify', `${upstream}^{commit}`], {
    okExitCodes: [1, 128],
  });
  return resolved ? upstream : null;
}

/**
 * Moving `ref` from `from` to `to`: allowed when none of the commits it takes off the branch is on the
 * branch's upstream (they were pushed: moving away from them would rewrite shared history).
 */
async function decideMove(git: Git, ref: string, from: string, to: string): Promise<BranchDecision> {
  const dropped = await count(git, [`${to}..${from}`]);
  if (dropped > 0) {
    const upstream = await upstreamOf(git, ref);
    const pushed = upstream ? dropped - (await count(git, [`${to}..${from}`, `^${upstream}`])) : 0;
    if (pushed > 0)
      return { move: false, reason: 'pushed', head: from, commitsSince: dropped, pushed, upstream };
  }
  return { move: true, ref, from, to, dropped };
}

function stay(reason: BranchStayReason, head: string | null, commitsSince = 0): BranchDecision {
  return { move: false, reason, head, commitsSince, pushed: 0, upstream: null };
}

/**
 * DESIGN.md "Rollback": the branch moves back to the snapshot's HEAD only when HEAD is still on the
 * same branch, the commits since descend from that HEAD, and none of them is on the upstream.
 * Otherwise (or with --files-only) HEAD stays and the restore shows as uncommitted changes.
 */
export async function decideRollbackBranch(
  git: Git,
  current: HeadState,
  target: HeadState,
  filesOnly: boolean,
): Promise<BranchDecision> {
  if (current.head === target.head) return stay('same-commit', current.head);
  if (!current.head || !target.head) return stay('unborn', current.head);
  const since = (await isAncestor(git, target.head, current.head))
    ? await count(git, [`${target.head}..${current.head}`])
    : 0;
  if (filesOnly) return stay('files-only', current.head, since);
  if (!current.branch) return stay('detached', current.head, since);
  if (current.branch !== target.branch) return stay('other-branch', current.head, since);
  if (since === 0) return stay('not-ancestor', current.head);
  return decideMove(git, current.branch, current.head, target.head);
}

/**
 * Undoing an operation puts its branch move back, compare-and-swap: only when the branch is still
 * where the operation left it. A move back that would take pushed commits off the branch is refused.
 */
export async function decideUndoBranch(
  git: Git,
  current: HeadState,
  move: BranchMove | null,
  preHead: string | null,
): Promise<BranchDecision> {
  if (!move) return stay(current.head === preHead ? 'same-commit' : 'not-moved', current.head);
  if (current.branch !== move.ref) return stay('other-branch', current.head);
  if (current.head !== move.to) return stay('moved-since', current.head);
  return decideMove(git, move.ref, move.to, move.from);
}
