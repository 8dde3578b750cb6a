/**
 * The history store's interface, shared by the embedded (SQLite in WebAssembly) and the PostgreSQL
 * implementation: every run with its per-test results, written once per run key and read back by
 * named queries. Rows carry plain values so that core can hand them to pure functions.
 */

/** One run as the history keeps it (DESIGN.md's run fields without tests, plus where it came from). */
export interface HistoryRun {
  /** Unique across clones and machines: the same run sent twice is stored once. */
  runKey: string;
  project: string;
  clone: string;
  localId: number;
  repository: string | null;
  branch: string | null;
  commit: string | null;
  snapshot: string | null;
  /** The tree the snapshot holds: runs of two clones on the same code share it. */
  tree: string | null;
  batchId: number | null;
  trigger: string;
  ciProvider: string | null;
  ciRunId: string | null;
  ciJob: string | null;
  host: string | null;
  user: string | null;
  timestamp: string;
  durationMs: number;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number | null;
  command: string | null;
  success: boolean;
  /** The whole suite ran to its end (not narrowed with -p, not interrupted, not stale). */
  complete: boolean;
  /** The tree changed while the run ran. */
  stale: boolean;
}

/** One test's result in one run; the failure text stays in the run file, only its hash is kept. */
export interface HistoryResult {
  testId: string;
  name: string;
  suite: string;
  file: string | null;
  line: number | null;
  status: string;
  kind: string | null;
  durationMs: number | null;
  attempt: number;
  messageHash: string | null;
}

/** A test's result joined with its run: what `history --test` shows. */
export interface TestRunRow {
  testId: string;
  name: string;
  runKey: string;
  localId: number;
  status: string;
  durationMs: number | null;
  batchId: number | null;
  commit: string | null;
  snapshot: string | null;
  timestamp: string;
  branch: string | null;
}

/** A result as flaky scoring needs it. */
export interface OutcomeRow {
  runKey: string;
  testId: string;
  name: string;
  status: string;
}

/** What narrows a listing of runs; every field optional. */
export interface RunFilter {
  project: string;
  /** Only this clone's runs (`--local`). */
  clone?: string;
  branch?: string;
  /** ISO timestamp: runs at or after it. */
  since?: string;
  limit?: number;
  completeOnly?: boolean;
  /** Leaves out runs whose tree changed while they ran (their results belong to no one tree). */
  freshOnly?: boolean;
}

/** A test id, exact or as a SQL LIKE pattern (from a glob). */
export interface TestMatch {
  value: string;
  like: boolean;
}

/** The store itself: embedded or PostgreSQL, one suite of tests for both. */
export interface HistoryStore {
  readonly kind: 'embedded' | 'postgres';
  /** Stores a run and its results in one transaction; false when its run key was already stored. */
  putRun(run: HistoryRun, results: HistoryResult[]): Promise<boolean>;
  /** Runs newest first. */
  listRuns(filter: RunFilter): Promise<HistoryRun[]>;
  /** One test's (or a glob's) results, newest first. */
  testRuns(filter: RunFilter, test: TestMatch): Promise<TestRunRow[]>;
  /** Every result of one run (for a baseline taken from the history, or to send a run on). */
  results(runKey: string): Promise<HistoryResult[]>;
  /** The results of the given runs (flaky scoring reads a bounded window). */
  outcomes(runKeys: string[]): Promise<OutcomeRow[]>;
  /** Deletes runs and their results, a small chunk per transaction; returns how many went. */
  deleteRuns(runKeys: string[]): Promise<number>;
  close(): Promise<void>;
}
