import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from '../../adapters/hookProcess.js';
import type { Workspace } from '../context/workspace.js';

/** Whether `.batch/lock` (batch 0.1's lock) still belongs to a running process. */
function legacyLockHeld(file: string): boolean {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown };
    return typeof owner.pid === 'number' && isProcessAlive(owner.pid);
  } catch {
    return false;
  }
}

/**
 * Moves out of `.batch/` the transient files batch 0.1 kept there (DESIGN.md: they live under
 * `$(git rev-parse --git-path batch)`): the private index moves (its stat cache spares a re-hash),
 * temp indexes, index locks, temp files and a dead process's lock go. Called with the lock held.
 * The hook queue of 0.1 shims is read where they write it (hookQueue.ts), so it is left alone.
 */
export function tidyLegacyTransientFiles(ws: Workspace): void {
  if (!existsSync(ws.batchDir)) return;
  for (const name of readdirSync(ws.batchDir)) {
    const file = join(ws.batchDir, name);
    try {
      if (name === 'snapshot.index' && !existsSync(join(ws.transientDir, name))) {
        renameSync(file, join(ws.transientDir, name));
      } else if (name.endsWith('.index') || name.endsWith('.index.lock') || name.endsWith('.tmp')) {
        unlinkSync(file);
      } else if (name === 'lock' && !legacyLockHeld(file)) {
        unlinkSync(file);
      }
    } catch {
      // gone meanwhile, or a folder of that name: not batch's to remove
    }
  }
}
