import type { HistoryRun } from '../../adapters/history/historyStore.js';
import type { RunSummary } from '../model/runModel.js';

/** The run-summary fields of a stored history run, as `runs/<id>.json` names them (DESIGN.md "run"). */
export function historyRunSummary(
  run: HistoryRun,
): Pick<
  RunSummary,
  | 'id'
  | 'batchId'
  | 'timestamp'
  | 'success'
  | 'total'
  | 'passed'
  | 'failed'
  | 'skipped'
  | 'durationMs'
  | 'commit'
  | 'snapshot'
  | 'command'
  | 'exitCode'
> {
  return {
    id: run.localId,
    batchId: run.batchId,
    timestamp: run.timestamp,
    success: run.success,
    total: run.total,
    passed: run.passed,
    failed: run.failed,
    skipped: run.skipped,
    durationMs: run.durationMs,
    commit: run.commit,
    snapshot: run.snapshot,
    command: run.command,
    exitCode: run.exitCode,
  };
}
