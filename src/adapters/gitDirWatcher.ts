import { watch, statSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * The entries of a git dir that change when git operates on the working tree: the index lock (held
 * while checkout, reset, stash, merge… write files), HEAD and the files of multi-step operations.
 */
export const GIT_ACTIVITY_NAMES = new Set([
  'index.lock',
  'HEAD',
  'HEAD.lock',
  'ORIG_HEAD',
  'MERGE_HEAD',
  'CHERRY_PICK_HEAD',
  'REVERT_HEAD',
  'AUTO_MERGE',
  'rebase-merge',
  'rebase-apply',
]);

export interface GitDirWatcherOptions {
  gitDir: string;
  polling: boolean;
  intervalMs: number;
  /** One of GIT_ACTIVITY_NAMES appeared, changed or went away. */
  onActivity: (name: string) => void;
  onError: (error: NodeJS.ErrnoException) => void;
}

export interface GitDirWatcher {
  close(): void;
}

function fingerprint(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'absent';
  }
}

/** Polls the activity entries of the git dir (when native watching is not available). */
function pollGitDir(options: GitDirWatcherOptions): GitDirWatcher {
  const seen = new Map<string, string>();
  for (const name of GIT_ACTIVITY_NAMES) seen.set(name, fingerprint(join(options.gitDir, name)));
  const timer = setInterval(() => {
    for (const name of GIT_ACTIVITY_NAMES) {
      const now = fingerprint(join(options.gitDir, name));
      if (seen.get(name) === now) continue;
      seen.set(name, now);
      options.onActivity(name);
    }
  }, options.intervalMs);
  return { close: () => clearInterval(timer) };
}

/**
 * Watches the git dir itself, not recursively (one watch: objects/ and refs/ are not looked at), so a
 * checkout shows up as git activity rather than as hundreds of user edits.
 */
export function watchGitDir(options: GitDirWatcherOptions): GitDirWatcher {
  if (options.polling) return pollGitDir(options);
  let watcher: FSWatcher;
  try {
    watcher = watch(options.gitDir, { persistent: true }, (_event, name) => {
      if (name && GIT_ACTIVITY_NAMES.has(name)) options.onActivity(name);
    });
  } catch (error) {
    options.onError(error as NodeJS.ErrnoException);
    return pollGitDir(options);
  }
  watcher.on('error', (error) => options.onError(error));
  return { close: () => watcher.close() };
}
