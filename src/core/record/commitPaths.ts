import type { Git } from '../../adapters/git.js';
import { GitError } from '../../adapters/git.js';
import { BatchError } from '../context/errors.js';

export interface CommitPaths {
  commit: string;
  subject: string;
  paths: string[];
}

/**
 * The paths a commit changed against its first parent (a root commit against the empty tree),
 * renames as their old and new paths, and its subject as the edits' description.
 */
export async function commitPaths(git: Git, rev: string): Promise<CommitPaths> {
  let header: string;
  try {
    header = await git.text(['show', '-s', '--format=%H%x00%s', '--end-of-options', `${rev}^{commit}`]);
  } catch (error) {
    if (error instanceof GitError) {
      throw new BatchError(`${rev} is not a commit in this repository`, {
        hint: 'pass a commit id, branch or HEAD~N',
      });
    }
    throw error;
  }
  const [commit = '', subject = ''] = header.split('\0');
  // -r: files, not trees; -z: exact names; --root: a root commit against the empty tree;
  // -M: a rename is one old and one new path; --diff-merges=first-parent: a merge by what it brought in.
  const fields = await git.nulSeparated([
    'diff-tree',
    '-r',
    '-z',
    '--root',
    '-M',
    '--no-commit-id',
    '--name-status',
    '--diff-merges=first-parent',
    commit,
  ]);
  return { commit, subject, paths: pathsOfNameStatus(fields) };
}

/**
 * The paths of `diff-tree -z --name-status` output: a rename changes both its paths, a copy only
 * creates its new one.
 */
export function pathsOfNameStatus(fields: readonly string[]): string[] {
  const paths = new Set<string>();
  for (let i = 0; i < fields.length;) {
    const status = fields[i++] ?? '';
    const names = /^[RC]/.test(status) ? [fields[i++], fields[i++]] : [fields[i++]];
    if (status.startsWith('C')) names.shift();
    for (const path of names) if (path !== undefined) paths.add(path);
  }
  return [...paths];
}
