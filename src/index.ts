/**
 * The programmatic API: the same operations the CLI runs, typed. Open a context for a worktree, then
 * call an operation with it. Nothing here prints or exits; errors are `BatchError`s with a hint.
 *
 *   import { openContext, recordEdits } from '@batch-tool/batch';
 *   const ctx = await openContext({ cwd: process.cwd(), env: process.env });
 *   const result = await recordEdits(ctx, { paths: ['src/app.ts'], source: 'api' });
 */
import { provideRollbackRecovery } from './core/rollback/rollbackRecoveryProvider.js';
import { provideRunHistory } from './core/history/runHistoryProvider.js';

// an API caller's commands repair a rollback a killed process left half-done, as the CLI's do
provideRollbackRecovery();
// and the runs they store go into the history store, as the CLI's do
provideRunHistory('test');

export { openContext, loadConfig, type Context, type ContextOptions } from './core/context/context.js';
export { BatchError, ExitCode, InterruptedError } from './core/context/errors.js';
export {
  defaultConfig,
  validateConfig,
  type Config,
  type HookMode,
  type ReportConfig,
  type CulpritConfig,
} from './core/model/config.js';
export { initProject, type InitOptions, type InitResult } from './core/state/initProject.js';
export {
  recordEdits,
  recordInState,
  type RecordInput,
  type RecordResult,
} from './core/record/recordEdits.js';
export { readStatus, type StatusReport } from './core/record/status.js';
export { readBatchLog, readBatch, type LoggedBatch } from './core/record/batchLog.js';
export { resetState } from './core/state/resetState.js';
export { withState } from './core/state/session.js';
export { takeSnapshot } from './core/snapshot/snapshot.js';
export type { Batch, Edit, EditKind, EditOrigin, EditSource, SnapshotInfo } from './core/model/batchModel.js';
export type { Run, RunSummary, TestResult, TestStatus, ParsedReport } from './core/model/runModel.js';
export type { Comparison, Slowdown, TestRef } from './core/model/comparisonModel.js';
export type { Logger } from './core/context/logger.js';
export type { Clock } from './core/context/clock.js';
export { findCulprits, type FindCulpritsOptions } from './core/bisect/findCulprits.js';
export { probeCurrentTree, type ProbeCurrentOutcome } from './core/bisect/probeCurrentTree.js';
export type { BisectResult, CulpritEdit, CulpritTest } from './core/model/culpritModel.js';
export { applyRevert, previewRevert, type RevertOutcome } from './core/revert/revertApply.js';
export { planRevert, revertRefusal, type RevertPlan } from './core/revert/revertPlan.js';
export { storedCulprits } from './core/record/storedCulprits.js';
export { withHistory, type HistorySession } from './core/history/historySession.js';
export {
  recentRuns,
  testHistory,
  flakyTests,
  type HistoryQuery,
  type TestHistory,
} from './core/history/historyReader.js';
export {
  flakyScores,
  type FlakyScore,
  type FlakyReport,
  type ScoredRun,
} from './core/history/flakyScores.js';
