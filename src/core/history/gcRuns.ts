import { readdirSync, rmSync } from 'node:fs';
import type { Context } from '../context/context.js';
import type { State } from '../model/state.js';
import { gcPlan, type GcOptions, type RetainedRun } from './gcPlan.js';
import type { HistorySession } from './historySession.js';

export interface GcResult {
  runs: RetainedRun[];
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
 * Retention (lock held): plans which of this clone's runs go, then removes their files and history
 * rows, locally and (in small chunks) in the team database. Batches and their snapshot refs are kept,
 * so every batch still listed can be rolled back or bisected.
 */
export async function gcRuns(
  session: HistorySession,
  state: State,
  options: Omit<GcOptions, 'protect' | 'now'> & { dryRun: boolean },
): Promise<GcResult> {
  const { ctx, local, origin } = session;
  const runs = await local.listRuns({ project: origin.project, clone: origin.clone });
  const protect = new Set<number>(state.lastRunId !== null ? [state.lastRunId] : []);
  const doomed = gcPlan(runs, { ...options, now: ctx.clock.now(), protect });
  if (options.dryRun || doomed.length === 0)
    return { runs: doomed, teamDeleted: null, dryRun: options.dryRun };
  for (const run of doomed) for (const file of runFiles(ctx, run.localId)) rmSync(file, { force: true });
  const keys = doomed.map((r) => r.runKey);
  await local.deleteRuns(keys);
  local.vacuum();
  let teamDeleted: number | null = null;
  const team = await session.team().catch(() => null);
  if (team) teamDeleted = await team.deleteRuns(keys);
  return { runs: doomed, teamDeleted, dryRun: false };
}
