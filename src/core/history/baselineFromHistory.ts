import type { HistoryResult, HistoryRun, HistoryStore } from '../../adapters/history/historyStore.js';
import { BatchError } from '../context/errors.js';
import type { Run, TestStatus } from '../model/runModel.js';
import { historyMessages } from './historyMessages.js';
import { readStore } from './historyReader.js';
import type { HistorySession } from './historySession.js';
import { historyRunSummary } from './historyRunSummary.js';

const LOOK_BACK = 100;

const failing = (results: HistoryResult[]) =>
  new Set(results.filter((r) => r.status === 'failed').map((r) => r.testId));

/** A history run with its results as a Run (messages and stacks stay in the run files they came from). */
export function runFromHistory(run: HistoryRun, results: HistoryResult[]): Run {
  return {
    ...historyRunSummary(run),
    stale: false,
    interrupted: false,
    timedOut: false,
    source: { format: 'history', files: [] },
    notes: [`from the history: run ${run.localId} of ${run.host ?? 'a clone'} at ${run.timestamp}`],
    tests: results.map((r) => ({
      id: r.testId,
      name: r.name,
      suite: r.suite,
      file: r.file,
      line: r.line,
      status: r.status as TestStatus,
      ...(r.kind === 'error' || r.kind === 'flaky' ? { kind: r.kind } : {}),
      durationMs: r.durationMs,
      message: null,
      stack: null,
    })),
  };
}

/**
 * The newest complete run of the branch with no new failures: every test failing in it also failed in
 * the complete run before it (the branch's first run has none to be new against). What `baseline --from-history` stores, so CI needs no cached file.
 */
export async function baselineFromHistory(session: HistorySession, branch: string | null): Promise<Run> {
  const store: HistoryStore = await readStore(session);
  const runs = await store.listRuns({
    project: session.origin.project,
    ...(branch !== null ? { branch } : {}),
    completeOnly: true,
    limit: LOOK_BACK,
  });
  let newer: { run: HistoryRun; results: HistoryResult[] } | null = null;
  for (const run of runs) {
    const results = await store.results(run.runKey);
    if (newer) {
      const before = failing(results);
      const newFailures = [...failing(newer.results)].filter((id) => !before.has(id));
      if (newFailures.length === 0) return runFromHistory(newer.run, newer.results);
    }
    if (run.failed === 0) return runFromHistory(run, results);
    newer = { run, results };
  }
  // the oldest run there is: no earlier run, so none of its failures is new
  if (newer && runs.length < LOOK_BACK) return runFromHistory(newer.run, newer.results);
  throw new BatchError(historyMessages.noBaselineRun(branch), { hint: historyMessages.noBaselineRunHint });
}
