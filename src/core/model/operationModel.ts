import type { UnrecordedPath } from './treeModel.js';
import type { Edit, SnapshotInfo } from './batchModel.js';

/** A branch moved by a rollback or an undo: compare-and-swap from `from` to `to`. */
export interface BranchMove {
  /** `refs/heads/<name>`. */
  ref: string;
  from: string;
  to: string;
  /** Where the old tip is kept when the move drops commits from the branch (null when it drops none). */
  kept: string | null;
  /** How many commits the move takes off the branch (0 for a move forward). */
  dropped: number;
}

export type OperationKind = 'rollback' | 'undo' | 'revert';

/**
 * One rollback or undo, as `.batch/operations/<id>.json` keeps it (written once). `batch undo` reads
 * the newest one and restores its `pre` snapshot; an undo is itself an operation, so it can be undone.
 */
export interface Operation {
  id: number;
  kind: OperationKind;
  startedAt: string;
  /** rollback: the batch whose before-state was restored. */
  batch: number | null;
  /** undo: the operation it undid. */
  undoes: number | null;
  /** The tree as it was just before this operation: what undoing it brings back. */
  pre: SnapshotInfo;
  /** The snapshot this operation restored. */
  target: SnapshotInfo;
  /** The snapshot taken once it finished (null until then). */
  post: SnapshotInfo | null;
  /** The branch move it made, or null when HEAD stayed. */
  branch: BranchMove | null;
  /** The user's index before a branch move (as a tree), so undoing the move puts it back. */
  userIndexTree: string | null;
  /** Batches this operation rolled back. */
  undoneBatches: number[];
  /** Batches this operation brought back (an undo of a rollback). */
  restoredBatches: number[];
  /** The open batch it closed because the operation undid its edits (null when it had none). */
  closedBatch: number | null;
  /** The id of the open batch after it. */
  nextBatch: number;
  /** Bookkeeping before the operation, restored by undoing it. */
  before: OperationBookkeeping;
  /** Bookkeeping after the operation. */
  after: OperationBookkeeping;
  /** revert: the edits it records (source `revert`) in the batch it opens, from its `pre` snapshot. */
  revertEdits?: Edit[];
  /** revert: the edits it took back. */
  reverted?: number[];
}

/** What an operation sets besides the files: the recorded tree and the rolled-back batches. */
export interface OperationBookkeeping {
  /** The recorded tree (absent in operations written by batch 0.1, which kept `unrecorded`). */
  recordedTree?: string;
  /** batch 0.1: the unrecorded paths instead of a recorded tree. */
  unrecorded?: UnrecordedPath[];
  rolledBack: number[];
}

/** The kind of `state.pending` a rollback (or undo) in progress writes. */
export const ROLLBACK_PENDING = 'rollback';
