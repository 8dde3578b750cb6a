import type { Config } from './config.js';
import type { Batch, SnapshotInfo } from './batchModel.js';
import type { UnrecordedPath } from './treeModel.js';

export const STATE_SCHEMA_VERSION = 2;

/**
 * `.batch/state.json`: small and bounded. History lives in `batches/<id>.json` and `runs/<id>.json`,
 * written once each; this holds only what the next command needs.
 */
export interface State {
  schemaVersion: number;
  /** The config in force when state was last written (what `status` shows). */
  config: Config;
  /** The ref that keeps this worktree's snapshot chain alive. */
  snapshotRef: string;
  lastSnapshot: SnapshotInfo | null;
  /** Paths whose snapshot content differs from what was last recorded for them (see unrecorded.ts). */
  unrecorded: UnrecordedPath[];
  nextSeq: number;
  nextRunId: number;
  currentBatch: Batch;
  completedBatches: number;
  lastRunId: number | null;
  /** Commits the hook has recorded up to (for catching up on commits made without it). */
  lastRecordedCommit: string | null;
  /** Ids of batches undone by a rollback (until undone themselves). */
  rolledBack: number[];
  /** An operation that must finish or be reverted before anything else (crash recovery). */
  pending: PendingOperation | null;
  /** A completed batch whose file is not yet written (written by the next command if a crash intervened). */
  unwrittenBatch: Batch | null;
}

/** A journal entry for a multi-step operation, so a process killed half-way can be repaired. */
export interface PendingOperation {
  kind: string;
  startedAt: string;
  data: Record<string, unknown>;
}
