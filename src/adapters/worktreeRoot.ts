/** Finds the git worktree a directory belongs to, if any. */
import { execa } from 'execa';

/** The worktree root (`git rev-parse --show-toplevel`), or null outside a repository or without git. */
export async function findWorktreeRoot(cwd: string): Promise<string | null> {
  // --show-toplevel: the root of the worktree holding cwd (a linked worktree's own root, not the main one).
  const result = await execa('git', ['rev-parse', '--show-toplevel'], {
    cwd,
    reject: false,
    stdin: 'ignore',
  });
  if (result.failed || typeof result.stdout !== 'string' || result.stdout === '') return null;
  return result.stdout.trim();
}
