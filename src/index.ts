/**
 * The programmatic API: the same operations the CLI runs, typed. Open a context for a worktree, then
 * call an operation with it. Nothing here prints or exits; errors are `BatchError`s with a hint.
 *
 *   import { openContext, recordEdits } from '@batch-tool/batch';
 *   const ctx = await openContext({ cwd: process.cwd(), env: process.env });
 *   const result = await recordEdits(ctx, { paths: ['src/app.ts'], source: 'api' });
 */
export { openContext, loadConfig, type Context, type ContextOptions } from './core/context.js';
export { BatchError, ExitCode, InterruptedError } from './core/errors.js';
export {
  defaultConfig,
  validateConfig,
  type Config,
  type HookMode,
  type ReportConfig,
} from './core/config.js';
export { initProject, type InitOptions, type InitResult } from './core/initProject.js';
export { recordEdits, recordInState, type RecordInput, type RecordResult } from './core/recordEdits.js';
export { readStatus, type StatusReport } from './core/status.js';
export { readBatchLog, readBatch, type LoggedBatch } from './core/batchLog.js';
export { resetState } from './core/resetState.js';
export { withState } from './core/session.js';
export { takeSnapshot } from './core/snapshot.js';
export type { Batch, Edit, EditKind, EditSource, SnapshotInfo } from './core/batchModel.js';
export type { Run, RunSummary, TestResult, TestStatus, ParsedReport } from './core/runModel.js';
export type { Comparison, Slowdown, TestRef } from './core/comparisonModel.js';
export type { Logger } from './core/logger.js';
export type { Clock } from './core/clock.js';
