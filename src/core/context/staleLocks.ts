import { existsSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Workspace } from './workspace.js';

function lockFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...lockFilesUnder(path));
    else if (entry.name.endsWith('.lock')) found.push(path);
  }
  return found;
}

/**
 * Removes `<ref>.lock` files under this worktree's `refs/batch/` left by a git process killed while it
 * moved one of batch's refs (they would make every later snapshot fail). Only called while batch's own
 * lock is held: no live batch process can be moving those refs.
 */
export function clearStaleBatchRefLocks(ws: Workspace): string[] {
  const locks = lockFilesUnder(join(ws.commonDir, 'refs', 'batch', ws.worktreeId));
  for (const lock of locks) unlinkSync(lock);
  return locks;
}

/**
 * Removes a git lock file (`.git/index.lock`, `refs/heads/x.lock`) that a killed batch operation left:
 * only one created after the operation started and still there after `waitMs` (a live git process
 * finishes and removes its own lock long before that). Returns true when it removed one.
 */
export async function clearLockLeftBehind(path: string, since: Date, waitMs = 1500): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (existsSync(path)) {
    let created: number;
    try {
      created = statSync(path).mtimeMs;
    } catch {
      return false; // gone while we looked
    }
    if (created < since.getTime() - 1000) return false; // older than the operation: not ours
    if (Date.now() >= deadline) {
      unlinkSync(path);
      return true;
    }
    await sleep(100);
  }
  return false;
}
