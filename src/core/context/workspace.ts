import { statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Git, GitError } from '../../adapters/git.js';
import { BatchError } from './errors.js';

/** Where things are for one worktree: its root, git's folders, and `.batch/`. */
export interface Workspace {
  root: string;
  gitDir: string;
  commonDir: string;
  batchDir: string;
  /**
   * `$(git rev-parse --git-path batch)`: this worktree's transient files (the lock, temp indexes, the
   * private index, the hook queue, scratch worktrees), kept out of the working tree where runners walk.
   */
  transientDir: string;
  /** `main` for the main worktree, `wt-<name>` for a linked one: names this worktree's refs. */
  worktreeId: string;
  /** refs/batch/<worktreeId>/snapshots: keeps the snapshot chain alive through `git gc`. */
  snapshotRef: string;
}

/** Refuses a working folder that does not exist or is not a folder (git would only say it cannot start). */
function checkFolder(cwd: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(cwd).isDirectory();
  } catch {
    throw new BatchError(`${cwd} does not exist`, { hint: 'check the path given to --cwd' });
  }
  if (!isDirectory) {
    throw new BatchError(`${cwd} is not a folder`, {
      hint: 'give --cwd a folder inside the repository, not a file',
    });
  }
}

/** Finds the git worktree containing cwd, or throws the "not a git repository" error with its hint. */
export async function findWorkspace(cwd: string, env: NodeJS.ProcessEnv): Promise<Workspace> {
  checkFolder(cwd);
  const git = new Git(cwd, env);
  let lines: string[];
  try {
    lines = (
      await git.text([
        'rev-parse',
        '--path-format=absolute',
        '--show-toplevel',
        '--absolute-git-dir',
        '--git-common-dir',
        '--git-path',
        'batch',
      ])
    ).split('\n');
  } catch (error) {
    if (error instanceof GitError) {
      if (error.exitCode === null) {
        throw new BatchError('git was not found', {
          hint: 'install git 2.30 or newer and make sure it is on PATH',
        });
      }
      if (/not a git repository/i.test(error.stderr)) {
        throw new BatchError(`not a git repository: ${cwd}`, {
          hint: 'run batch inside a git repository (or create one with `git init`)',
        });
      }
      if (/this operation must be run in a work tree/i.test(error.stderr)) {
        throw new BatchError(`${cwd} is inside a bare repository or a .git folder`, {
          hint: 'run batch in a working tree, not inside .git',
        });
      }
    }
    throw error;
  }
  const [root, gitDir, commonDir, transientDir] = lines;
  if (!root || !gitDir || !commonDir || !transientDir) {
    throw new BatchError(`${cwd} is not inside a git working tree`, {
      hint: 'run batch in a working tree, not inside .git',
    });
  }
  const linked = resolve(gitDir) !== resolve(commonDir);
  const worktreeId = linked ? `wt-${basename(gitDir).replace(/[^A-Za-z0-9._-]/g, '_')}` : 'main';
  return {
    root,
    gitDir,
    commonDir,
    batchDir: join(root, '.batch'),
    transientDir,
    worktreeId,
    snapshotRef: `refs/batch/${worktreeId}/snapshots`,
  };
}
