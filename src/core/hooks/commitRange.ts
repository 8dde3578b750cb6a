import { pathsOfNameStatus } from '../record/commitPaths.js';
import type { Git } from '../../adapters/git.js';

/** The commit `rev` names, or null when it names none (unborn HEAD, a pruned commit). */
export async function resolveCommit(git: Git, rev: string): Promise<string | null> {
  const out = await git.text(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`], {
    okExitCodes: [1, 128],
  });
  return /^[0-9a-f]{40,64}$/.test(out) ? out : null;
}

/** True when `ancestor` is reachable from `commit` (history was extended, not rewritten). */
export async function isAncestor(git: Git, ancestor: string, commit: string): Promise<boolean> {
  const result = await git.run(['merge-base', '--is-ancestor', ancestor, commit], { okExitCodes: [1] });
  return result.exitCode === 0;
}

/** Commits from `from` (exclusive; null: from the root) to `to`, oldest first, along first parents. */
export async function firstParentCommits(git: Git, from: string | null, to: string): Promise<string[]> {
  // --first-parent: a merged branch counts as its merge commit, as the merge's first-parent diff records it.
  const range = from ? [`${from}..${to}`] : [to];
  const out = await git.text(['rev-list', '--first-parent', '--reverse', ...range]);
  return out ? out.split('\n') : [];
}

/** A commit's subject line. */
export async function commitSubject(git: Git, commit: string): Promise<string> {
  return git.text(['show', '-s', '--format=%s', commit]);
}

/**
 * Paths whose content differs between two commits (`from` null: the empty tree), renames as both their
 * paths: what an amend (`HEAD@{1}..HEAD`) or a rewritten history changed.
 */
export async function diffPaths(git: Git, from: string | null, to: string): Promise<string[]> {
  // The empty tree's id depends on the hash function: ask git rather than hard-coding SHA-1's.
  const base = from ?? (await git.text(['hash-object', '-t', 'tree', '/dev/null']));
  // -r: files; -z: exact names; -M: a rename is its old and new path.
  const fields = await git.nulSeparated(['diff-tree', '-r', '-z', '-M', '--name-status', base, to]);
  return pathsOfNameStatus(fields);
}
