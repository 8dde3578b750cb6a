import { basename } from 'node:path';
import type { Context } from '../context/context.js';
import type { Batch } from '../model/batchModel.js';
import type { Operation } from '../model/operationModel.js';
import type { Run } from '../model/runModel.js';
import { operationIds } from '../rollback/operationLog.js';
import { peekState } from '../state/session.js';
import { readCulprits } from './culpritShape.js';
import { storedCulprits } from '../record/storedCulprits.js';
import { dashboardData } from './dashboardData.js';
import type { FlakyScore } from '../history/flakyScores.js';
import type { DashboardBatch, DashboardData, DashboardSource } from './dashboardModel.js';

/** How many of the newest runs the page shows unless asked otherwise (`--runs`). */
export const DEFAULT_DASHBOARD_RUNS = 200;

export interface DashboardOptions {
  /** At most this many runs, the newest. */
  runs: number;
  /** Only this batch and the runs up to its own (`batch report N --format html`). */
  batch?: number;
}

function readBatches(ctx: Context): DashboardBatch[] {
  return (
    ctx.store
      .batchIds()
      .map((id) => ctx.store.readBatch<unknown>(id))
      .filter((raw): raw is Batch => raw !== null)
      // where `batch bisect` stores them; a `culprits` field in the batch file (older writers) otherwise
      .map((batch) => ({
        ...batch,
        culprits: storedCulprits(ctx.store, batch.id)?.culprits ?? readCulprits(batch),
      }))
  );
}

function readOperations(ctx: Context): Operation[] {
  return operationIds(ctx.store)
    .map((id) => ctx.store.readDocument<Operation>(`operations/${id}.json`))
    .filter((op): op is Operation => op !== null);
}

/**
 * The newest `limit` runs (only runs up to `upTo` when set), oldest first, each read when the page data
 * asks for it: the dashboard folds a run and drops it before the next is parsed.
 */
function* readRuns(ctx: Context, limit: number, upTo: number | null): Generator<Run> {
  const ids = ctx.store.runIds().filter((id) => upTo === null || id <= upTo);
  for (const id of ids.slice(Math.max(0, ids.length - limit))) {
    const run = ctx.store.readRun<Run>(id);
    if (run) yield run;
  }
}

/** The newest run of a batch: run files are read newest first, up to the first that is the batch's. */
function newestRunOf(ctx: Context, batch: number): number | null {
  const ids = ctx.store.runIds();
  for (let i = ids.length - 1; i >= 0; i--) {
    if (ctx.store.readRun<Run>(ids[i] as number)?.batchId === batch) return ids[i] as number;
  }
  return null;
}

/** `batch flaky`'s list, from the history store; null when it cannot be opened (the page scores its runs). */
async function storedFlaky(ctx: Context): Promise<FlakyScore[] | null> {
  if (!ctx.store.exists()) return null;
  try {
    const [{ withHistory }, { flakyTests }] = await Promise.all([
      import('../history/historySession.js'),
      import('../history/historyReader.js'),
    ]);
    return (await withHistory(ctx, 'dashboard', (session) => flakyTests(session))).flaky;
  } catch (error) {
    ctx.logger.debug(`dashboard: history store unavailable (${(error as Error).message})`);
    return null;
  }
}

/**
 * What `batch dashboard` and `batch report --format html` show, read from `.batch/`: batches (with
 * their culprits), the newest runs, the baseline and the rollback log. The one place that knows where
 * the data comes from, so the history store can become its source without the page changing.
 */
export async function collectDashboardSource(
  ctx: Context,
  options: DashboardOptions,
): Promise<DashboardSource> {
  let batches = readBatches(ctx);
  const state = await peekState(ctx);
  if (state && state.currentBatch.edits.length > 0) batches.push({ ...state.currentBatch, culprits: [] });
  let upTo: number | null = null;
  if (options.batch !== undefined) {
    batches = batches.filter((b) => b.id === options.batch);
    upTo = newestRunOf(ctx, options.batch) ?? batches[0]?.runId ?? null;
  }
  const baseline = ctx.store.readDocument<Run>('baseline.json');
  return {
    title: basename(ctx.ws.root),
    generatedAt: ctx.clock.now().toISOString(),
    batches,
    runs: readRuns(ctx, options.runs, upTo),
    baseline,
    operations: readOperations(ctx),
    rule: { threshold: ctx.config.slowdownThreshold, minMs: ctx.config.slowdownMinMs },
    focusBatch: options.batch ?? null,
    flaky: await storedFlaky(ctx),
    flakyMinRuns: ctx.config.flaky.minRuns,
  };
}

/** The dashboard's compact data for this worktree. */
export async function collectDashboardData(ctx: Context, options: DashboardOptions): Promise<DashboardData> {
  return dashboardData(await collectDashboardSource(ctx, options));
}
