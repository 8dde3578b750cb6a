import { existsSync } from 'node:fs';
import { readBaselineFile } from './baselineFile.js';
import { compareRuns } from './compareRuns.js';
import type { Comparison, TestRef } from '../model/comparisonModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import type { Run } from '../model/runModel.js';
import type { State } from '../model/state.js';

/** A run set against the previous batch's run (what this batch broke) and against the baseline. */
export interface RunComparisons {
  previous: Comparison | null;
  baseline: Comparison | null;
}

/**
 * The latest complete run of an earlier batch than `run`'s (runs that were interrupted are skipped:
 * they say nothing about the tests, and so are runs of batches a rollback undid: after `rollback N`
 * the reference is the run before batch N). Null for a run outside any batch, or when there is none.
 */
/**
 * The tests a batch newly broke (DESIGN.md "Regressions", "Culprit and revert"): those new against the
 * previous batch's run, or against the baseline when there is no previous run. What `culprit: auto`
 * searches for, and what `batch bisect` takes as the batch's new failures.
 */
export function batchNewFailures(comparisons: RunComparisons): TestRef[] {
  return (comparisons.previous ?? comparisons.baseline)?.newFailures ?? [];
}

export function previousBatchRun(ctx: Context, run: Run): Run | null {
  if (run.batchId === null) return null;
  const rolledBack = new Set(
    ctx.store.readDocument<Pick<State, 'rolledBack'>>('state.json')?.rolledBack ?? [],
  );
  const ids = ctx.store.runIds().filter((id) => id < run.id);
  for (let i = ids.length - 1; i >= 0; i--) {
    const candidate = ctx.store.readRun<Run>(ids[i] as number);
    if (!candidate || candidate.interrupted || candidate.batchId === null) continue;
    if (rolledBack.has(candidate.batchId)) continue;
    if (candidate.batchId < run.batchId) return candidate;
  }
  return null;
}

/** The stored baseline run, or null when none is set (or it cannot be read: the warning says why). */
export async function readStoredBaseline(ctx: Context): Promise<Run | null> {
  const path = ctx.store.path('baseline.json');
  if (!existsSync(path)) return null;
  try {
    return await readBaselineFile(path, '.batch/baseline.json');
  } catch (error) {
    if (!(error instanceof BatchError)) throw error;
    ctx.logger.warn(`${error.message}; the run is not compared with it`);
    return null;
  }
}

/** Compares a run with the previous batch's run and with the baseline (DESIGN.md "Regressions"). */
export async function compareWithReferences(ctx: Context, run: Run): Promise<RunComparisons> {
  const rule = { threshold: ctx.config.slowdownThreshold, minMs: ctx.config.slowdownMinMs };
  const previousRun = previousBatchRun(ctx, run);
  const baselineRun = await readStoredBaseline(ctx);
  const previous = previousRun
    ? compareRuns(run, previousRun, {
        ...rule,
        reference: {
          kind: 'previous-batch',
          runId: previousRun.id,
          label: `batch ${previousRun.batchId ?? '?'}'s run (run ${previousRun.id})`,
        },
      })
    : null;
  const baseline = baselineRun
    ? compareRuns(run, baselineRun, {
        ...rule,
        reference: { kind: 'baseline', runId: baselineRun.id > 0 ? baselineRun.id : null, label: '' },
      })
    : null;
  return { previous, baseline };
}
