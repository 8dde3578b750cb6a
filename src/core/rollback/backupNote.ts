import type { SnapshotInfo } from '../model/batchModel.js';

export interface BackupResult {
  dir: string;
  snapshot: SnapshotInfo;
  /** Paths written, as they were before the batch. */
  copied: string[];
  /** Paths the batch created: they did not exist before it. */
  absent: string[];
  /** Nested repositories (gitlinks): only their commit is known, nothing to copy. */
  skipped: string[];
}

function list(paths: string[]): string {
  return paths.length ? paths.map((p) => `  ${p}`).join('\n') : '  (none)';
}

/** The text of `git_commit.txt`: which snapshot the copies come from and how to recover without batch. */
export function backupNote(batch: number, backup: BackupResult, snapshotRef: string, folder: string): string {
  const { commit, tree, head, branch, at } = backup.snapshot;
  const example = backup.copied[0] ?? backup.absent[0] ?? '<path>';
  const q = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;
  return `batch backup of batch ${batch}: the files it touched, as they were just before it.

snapshot commit (the tree before batch ${batch}): ${commit}
snapshot tree:                                  ${tree}
HEAD at that time:                              ${head ?? '(no commit yet)'}
branch at that time:                            ${branch ?? '(detached HEAD)'}
taken at:                                       ${at}
kept alive by the ref:                          ${snapshotRef}
(this file alone does not keep the commit alive; the ref above does, until \`git update-ref -d\` removes it)

copied here, as they were before batch ${batch}:
${list(backup.copied)}

created by batch ${batch} (they did not exist before it; delete them to get the before-state back):
${list(backup.absent)}

nested repositories (only their commit is recorded, nothing to copy):
${list(backup.skipped)}

To recover by hand, from the repository root, without batch:

  cp -a ${folder}/${q(example)} ${q(example)}                 # one file, from this folder
  git show ${commit}:${q(example)} > ${q(example)}      # one file's old content, from git
  git restore --source=${commit} --worktree -- ${q(example)}  # put it back, not staged
  git checkout ${commit} -- ${q(example)}               # put it back and stage it
  git diff ${commit} -- ${q(example)}                   # what changed since
  git log --oneline ${snapshotRef}                      # every snapshot batch took
${head ? `  git branch before-batch-${batch} ${head}                     # a branch at the commit HEAD was on\n` : ''}`;
}
