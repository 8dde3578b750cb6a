import { hostname } from 'node:os';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_POLL_MS = 25;

/** What a lock file holds: who took it, so a dead holder can be recognised and a live one named. */
export interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class LockHeldError extends Error {
  readonly owner: LockOwner | null;
  constructor(owner: LockOwner | null) {
    super('lock held');
    this.name = 'LockHeldError';
    this.owner = owner;
  }
}

export interface LockOptions {
  command: string;
  timeoutMs: number;
  /** Told when a lock left by a process that no longer runs is taken over. */
  onTakeover?: (owner: LockOwner | null) => void;
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return parsed as LockOwner;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A cross-process lock: a file created atomically (link(2) of a fully written temp file, so it never
 * exists half-written) holding the owner's pid. A lock whose owner is dead on this host is taken over.
 * A lock file without a readable owner cannot be created by this code and is treated as left by a crash.
 */
export async function acquireLock(path: string, options: LockOptions): Promise<() => void> {
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    since: new Date().toISOString(),
  };
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(me));
  const deadline = Date.now() + options.timeoutMs;
  let wait = 5;
  try {
    for (;;) {
      try {
        linkSync(temp, path);
        return () => {
          const owner = readOwner(path);
          if (owner?.pid === me.pid && owner.host === me.host) unlinkSync(path);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(path);
      if (owner === null || (owner.host === me.host && !isAlive(owner.pid))) {
        // Re-check right before removing: another process may have taken over in between.
        const again = readOwner(path);
        if (again?.pid === owner?.pid) {
          try {
            unlinkSync(path);
            options.onTakeover?.(owner);
          } catch {
            // Someone else removed it first; loop and try to link again.
          }
        }
        continue;
      }
      if (Date.now() >= deadline) throw new LockHeldError(owner);
      await sleep(wait);
      // A holder keeps the lock for a few hundred milliseconds (one record): polling at most every
      // 25 ms lets the next writer in soon after it is released. A poll is a link(2) and a small read.
      wait = Math.min(wait * 2, MAX_POLL_MS);
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
}
