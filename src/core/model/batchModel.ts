/** Edits, snapshots and batches: what `batch log --json` and `.batch/batches/<id>.json` hold. */

export type EditKind = 'added' | 'modified' | 'deleted' | 'mode' | 'typechange';
/**
 * Who made an edit: a person naming paths (`manual`), the post-commit hook (`hook`), `batch watch`,
 * the programmatic API, `batch revert`, a coding agent's file tool (`agent`) or a shell command an
 * agent ran (`shell`).
 */
export type EditSource = 'manual' | 'hook' | 'watch' | 'api' | 'revert' | 'agent' | 'shell';

/** The agent tool call an edit came from (absent on edits recorded any other way, and in old files). */
export interface EditOrigin {
  /** e.g. `claude`, or the `source` a `record --stdin-json` payload named. */
  agent: string;
  session: string | null;
  toolUse: string | null;
  /** The tool that made the change (`Edit`, `Write`, `Bash`…). */
  tool: string | null;
  /** For a shell tool: the command, cut to a line. */
  command?: string;
}

/** One path whose content (or mode, or link target, or existence) changed since batch last saw it. */
export interface Edit {
  seq: number;
  path: string;
  kind: EditKind;
  /** Git blob id of the new content; null for a deletion. */
  hash: string | null;
  previousHash: string | null;
  /** Git file mode (100644, 100755, 120000 for a symlink); null when absent. */
  mode: string | null;
  previousMode: string | null;
  at: string;
  description: string | null;
  source: EditSource;
  /** The commit the edit came from, for `--from-commit` and the post-commit hook. */
  commit: string | null;
  /** The snapshot commit the record call that made this edit ended in (absent in batch 0.1's files). */
  snapshot?: string;
  /** Set for agent edits: which session and tool call made it. */
  origin?: EditOrigin;
}

/** A snapshot commit under refs/batch/ and what it captured. */
export interface SnapshotInfo {
  commit: string;
  tree: string;
  /** HEAD when it was taken (null on an unborn branch). */
  head: string | null;
  /** `refs/heads/x`, or null when HEAD was detached. */
  branch: string | null;
  at: string;
}

export type BatchStatus = 'open' | 'complete';

export interface Batch {
  id: number;
  status: BatchStatus;
  edits: Edit[];
  /** Paths that changed in the tree during this batch without being recorded (captured in snapshots). */
  unrecorded: string[];
  /** How many unrecorded paths there were when the list was cut short. */
  unrecordedCount: number;
  before: SnapshotInfo;
  after: SnapshotInfo | null;
  startedAt: string;
  completedAt: string | null;
  /** The run of this batch's tests (reserved when the batch completes); null when none was started. */
  runId: number | null;
  /**
   * The recorded tree just before this batch's first edit: what a rollback of this batch puts back as
   * recorded (absent until the first edit, and in batch 0.1's files).
   */
  recordedBefore?: string;
  /** Things that happened to the tree during this batch without being edits (a git checkout seen by watch). */
  markers?: BatchMarker[];
}

/**
 * A change to many paths that was not the user's editing: `batch watch` saw git operate (checkout,
 * reset, stash, merge…) and did not make the files git wrote edits, one entry instead of one edit per
 * file. They stay unrecorded (only recording moves what is recorded): a commit of them recorded by the
 * hook, or a `batch record`, still counts them. They are in the snapshot it names.
 */
export interface BatchMarker {
  kind: 'git';
  at: string;
  /** e.g. `git checkout: moving from main to feature`. */
  description: string;
  /** How many paths git changed. */
  files: number;
  /** The first of those paths (at most MAX_UNRECORDED_LISTED). */
  paths: string[];
  /** The seq of the last edit recorded before the marker (null when none yet). */
  afterSeq: number | null;
  /** Snapshot commit taken with the marker. */
  snapshot: string;
  head: string | null;
  branch: string | null;
}

/** At most this many unrecorded paths are listed per batch; the count says how many there were. */
export const MAX_UNRECORDED_LISTED = 200;
