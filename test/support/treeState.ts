import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TempRepo } from './repo.js';

function git(repo: TempRepo, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync('git', args, { cwd: repo.dir, env: { ...repo.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}

/**
 * The working tree as git sees it (tracked files and untracked ones git does not ignore), as a tree
 * id, staged into a throwaway index so neither the user's index nor batch's is touched.
 */
export function worktreeTree(repo: TempRepo): string {
  const index = join(repo.home, `probe-${randomBytes(4).toString('hex')}.index`);
  try {
    git(repo, ['add', '-A'], { GIT_INDEX_FILE: index });
    return git(repo, ['write-tree'], { GIT_INDEX_FILE: index });
  } finally {
    rmSync(index, { force: true });
  }
}

/** Everything a rollback and an undo must put back: files, HEAD, branch, the user's index, git status. */
export interface RepoState {
  tree: string;
  head: string;
  branch: string;
  index: string;
  status: string;
}

export function repoState(repo: TempRepo): RepoState {
  return {
    tree: worktreeTree(repo),
    head: git(repo, ['rev-parse', 'HEAD']),
    branch: git(repo, ['symbolic-ref', '-q', 'HEAD']),
    index: git(repo, ['ls-files', '-s']),
    status: git(repo, ['status', '--porcelain', '-uall']),
  };
}
