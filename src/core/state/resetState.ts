import { existsSync, mkdirSync, renameSync } from 'node:fs';
import type { Context } from '../context/context.js';
import { withState } from './session.js';

/** What `reset` moves aside: the history of batches, runs and their culprits (the baseline and the probe cache, keyed by tree, stay). */
const FORGOTTEN = [
  'state.json',
  'batches',
  'runs',
  'reports',
  'operations',
  'culprits',
  'regressions.json',
  'ci_test_results.json',
];

/**
 * `batch reset`: forgets batches and runs by moving their files into `.batch/archive/<time>/` (snapshots
 * stay reachable under refs/batch/). The next command starts batch 1 from the tree as it is.
 */
export async function resetState(ctx: Context): Promise<string> {
  return withState(ctx, 'reset', () => {
    const stamp = ctx.clock.now().toISOString().replace(/[:.]/g, '-');
    const archive = ctx.store.path('archive', stamp);
    mkdirSync(archive, { recursive: true });
    for (const name of FORGOTTEN) {
      const from = ctx.store.path(name);
      if (existsSync(from)) renameSync(from, `${archive}/${name}`);
    }
    ctx.store.ensureDirs();
    return Promise.resolve(archive);
  });
}
