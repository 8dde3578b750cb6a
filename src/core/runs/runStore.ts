import type { Context } from '../context/context.js';
import { summarizeRun, type Run, type RunSummary } from '../model/runModel.js';

/** The stored run with this id, or null. */
export function readRun(ctx: Context, id: number | null): Run | null {
  return id === null ? null : ctx.store.readRun<Run>(id);
}

/** The baseline as a run summary, or null when none is set. */
export function readBaselineSummary(ctx: Context): RunSummary | null {
  const baseline = ctx.store.readDocument<Run & { schemaVersion?: number }>('baseline.json');
  if (!baseline) return null;
  const { schemaVersion: _version, ...run } = baseline;
  return summarizeRun(run);
}

/**
 * The newest stored run of the whole suite that finished (not narrowed with -p, not interrupted):
 * what `batch baseline` takes. Looks back a bounded number of runs.
 */
export function lastFullRun(ctx: Context): Run | null {
  for (const id of ctx.store.runIds().slice(-50).reverse()) {
    const run = ctx.store.readRun<Run>(id);
    if (run && !run.interrupted && !run.pattern) return run;
  }
  return null;
}
