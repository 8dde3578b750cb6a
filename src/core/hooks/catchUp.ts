import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context/context.js';
import { withState } from '../state/session.js';
import { syncCommits, type SyncResult } from './syncCommits.js';

/** True when `batch hook install` ran in this repository (its manifest is in the common git dir). */
export function hooksInstalled(ctx: Context): boolean {
  return existsSync(join(ctx.ws.commonDir, 'batch-hooks', 'install.json'));
}

/**
 * Records commits the hook missed (made without it, from a GUI without node, during a sequence that
 * has ended since); `batch status` calls it. Null when the hooks are not installed here.
 */
export async function catchUpCommits(ctx: Context, tag: string): Promise<SyncResult | null> {
  if (!hooksInstalled(ctx)) return null;
  return withState(ctx, 'status', (state) => syncCommits(ctx, state, { tag }));
}
