import type { Config } from './config.js';
import type { Batch, SnapshotInfo } from './batchModel.js';

export const STATE_SCHEMA_VERSION = 3;

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
  /**
   * The recorded tree: what batch has recorded for every path (a git tree id, kept alive by the
   * snapshot chain). Only recording moves it (DESIGN.md invariant 6); rollback and undo put back the
   * value recording gave it before. Unrecorded = where a snapshot differs from it (unrecorded.ts).
   */
  recordedTree: string;
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
