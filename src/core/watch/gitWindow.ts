import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Git } from '../../adapters/git.js';
import type { Workspace } from '../context/workspace.js';

/**
 * What the watcher noted when it first saw git operate (the index lock, HEAD…): paths whose first
 * event comes after `startedAt` may have been written by git, and are compared with what git has.
 */
export interface GitWindow {
  /** Monotonic ms of the first sign of git activity. */
  startedAt: number;
  /** The stash entry on top before the operation (what `git stash pop` brings back), or null. */
  stashBefore: string | null;
  /** Size of HEAD's reflog, to find the message of the operation that moved HEAD. */
  reflogSize: number;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Opens a window at `now`; `stashTop` is the last known top of the stash (read before git acted). */
export function openGitWindow(ws: Workspace, now: number, stashTop: string | null): GitWindow {
  return { startedAt: now, stashBefore: stashTop, reflogSize: fileSize(join(ws.gitDir, 'logs', 'HEAD')) };
}

/** True while git holds the worktree's index lock (checkout, reset, stash, merge in progress). */
export function gitIsOperating(ws: Workspace): boolean {
  try {
    statSync(join(ws.gitDir, 'index.lock'));
    return true;
  } catch {
    return false;
  }
}

/** The commit on top of the stash, or null when the stash is empty. */
export async function readStashTop(git: Git): Promise<string | null> {
  const top = await git.text(['rev-parse', '-q', '--verify', 'refs/stash'], { okExitCodes: [1, 128] });
  return /^[0-9a-f]{40,64}$/.test(top) ? top : null;
}

/**
 * Names the operation for the log: `stash` when the stash moved, else the message git wrote to HEAD's
 * reflog during the window (`checkout: moving from main to feature`), or a neutral description.
 */
export function describeGitOperation(ws: Workspace, window: GitWindow, stashAfter: string | null): string {
  // `git stash` resets through `git reset --hard`, so the stash is looked at before HEAD's reflog.
  if (stashAfter !== window.stashBefore) return 'git stash';
  const log = join(ws.gitDir, 'logs', 'HEAD');
  if (fileSize(log) > window.reflogSize) {
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    const message = lines[lines.length - 1]?.split('\t')[1];
    if (message) return `git ${message}`;
  }
  return 'git restored files to HEAD or the index (reset, restore or checkout --)';
}
