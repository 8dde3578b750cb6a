import { readdirSync, rmSync } from 'node:fs';
import type { Context } from '../context/context.js';
import type { Batch } from '../model/batchModel.js';
import type { State } from '../model/state.js';
import { gcPlan, type GcOptions, type RetainedRun } from './gcPlan.js';
import type { HistorySession } from './historySession.js';

export interface GcResult {
  runs: RetainedRun[];
  /** Batches whose files go: older than every batch a kept run belongs to. */
  batches: number[];
  /** Rows deleted from the team database (this clone's runs only), or null without one. */
  teamDeleted: number | null;
  dryRun: boolean;
}

/** Files a run leaves in `.batch/`: its run file, its log and its raw reports. */
function runFiles(ctx: Context, id: number): string[] {
  const raw = ctx.store.path('reports', 'raw');
  let rawFiles: string[] = [];
  try {
    rawFiles = readdirSync(raw)
      .filter((name) => name.startsWith(`run-${id}.`))
      .map((name) => `${raw}/${name}`);
  } catch {
    rawFiles = [];
  }
  return [ctx.store.path('runs', `${id}.json`), ctx.store.path('logs', `run-${id}.log`), ...rawFiles];
}

/**
 * The batches that go with the runs: each one older than the oldest batch that keeps a run, the open
 * batch, and the batches the last rollback took (so `batch undo` can bring them back). What stays is
 * every batch from that point on, so each of them can still be rolled back (rollback reads only the
 * target and the batches after it) and bisected; the snapshot chain under refs/batch/ stays whole.
 */
function doomedBatches(
  ctx: Context,
  state: State,
  keptRunIds: Set<number>,
  undoable: readonly number[],
): number[] {
  const ids = ctx.store.batchIds();
  let floor = state.currentBatch.id;
  for (const id of ids) {
    const batch = ctx.store.readBatch<Batch>(id);
    // a batch without a run, or whose run stays, is kept, and so is every batch after it
    if (!batch || batch.runId === null || keptRunIds.has(batch.runId)) {
      floor = Math.min(floor, id);
      break;
    }
  }
  for (const id of [...undoable, ...state.rolledBack]) floor = Math.min(floor, id);
  return ids.filter((id) => id < floor);
}

/** Files a batch leaves in `.batch/`: its batch file, its report and its stored culprits. */
function batchFiles(ctx: Context, id: number): string[] {
  return [
    ctx.store.path('batches', `${id}.json`),
    ctx.store.path('reports', `batch-${id}.txt`),
    ctx.store.path('culprits', `${id}.json`),
  ];
}

/**
 * Retention (lock held): plans which of this clone's runs go, then removes their files and history
 * rows, locally and (in small chunks) in the team database, and the batch files older than every run
 * kept (doomedBatches). Every batch still listed can be rolled back or bisected.
 */
export async function gcRuns(
  session: HistorySession,
  state: State,
  options: Omit<GcOptions, 'protect' | 'now'> & {
    dryRun: boolean;
    /** The batches the last rollback took (its `undoneBatches`): `batch undo` brings them back. */
    undoable: readonly number[];
  },
): Promise<GcResult> {
  const { ctx, local, origin } = session;
  const runs = await local.listRuns({ project: origin.project, clone: origin.clone });
  const protect = new Set<number>(state.lastRunId !== null ? [state.lastRunId] : []);
  const doomed = gcPlan(runs, { ...options, now: ctx.clock.now(), protect });
  const going = new Set(doomed.map((r) => r.localId));
  const kept = new Set(ctx.store.runIds().filter((id) => !going.has(id)));
  const batches = doomedBatches(ctx, state, kept, options.undoable);
  if (options.dryRun || (doomed.length === 0 && batches.length === 0))
    return { runs: doomed, batches, teamDeleted: null, dryRun: options.dryRun };
  for (const run of doomed) for (const file of runFiles(ctx, run.localId)) rmSync(file, { force: true });
  for (const id of batches) for (const file of batchFiles(ctx, id)) rmSync(file, { force: true });
  if (doomed.length === 0) return { runs: doomed, batches, teamDeleted: null, dryRun: false };
  const keys = doomed.map((r) => r.runKey);
  await local.deleteRuns(keys);
  local.vacuum();
  let teamDeleted: number | null = null;
  const team = await session.team().catch(() => null);
  if (team) teamDeleted = await team.deleteRuns(keys);
  return { runs: doomed, batches, teamDeleted, dryRun: false };
}
