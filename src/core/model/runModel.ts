/** The run model of DESIGN.md: one execution of the test command and its per-test results. */

export type TestStatus = 'passed' | 'failed' | 'skipped';

/** Outcomes a runner has beyond the three statuses (DESIGN.md "JSON fields"). */
export type TestKind = 'error' | 'flaky' | 'xfail' | 'xpass';

/** One test case as a runner reported it, normalised. */
export interface TestResult {
  /** Stable across runs and machines: `file::suite > name` (file relative, `/`-separated), or `suite > name`. */
  id: string;
  name: string;
  /** Enclosing describe blocks / classes, joined with ` > `; '' when none. */
  suite: string;
  /** Test file relative to the project root, '/'-separated, or null when the format does not say. */
  file: string | null;
  /** The failing assertion's line when the stack has a frame in `file`, else the test's own line. */
  line: number | null;
  /** The test's own (declaration) line, when `line` is the assertion's and differs from it. */
  declaredAt?: number;
  status: TestStatus;
  /**
   * `error` marks a test that errored (counted as failed); `flaky` one that failed then passed on a
   * rerun; pytest's `xfail` (status skipped) and `xpass` (status passed; failed under strict).
   */
  kind?: TestKind;
  durationMs: number | null;
  message: string | null;
  stack: string | null;
}

/** Where the per-test results came from. */
export interface ResultSource {
  /** e.g. `junit`, `tap`, `vitest-json`, `jest-json`, `node-test`, `go-json`, `stdout:pytest`, `exit-code`. */
  format: string;
  /** Report file(s) read, relative to the project root when inside it; empty for stdout and exit code. */
  files: string[];
  /**
   * `test` when `tests` lists every test that ran; `summary` when the report gave counts and named only
   * some tests (a terminal summary names the failing ones). Absent in older files: read as `test`.
   */
  granularity?: 'test' | 'summary';
}

/** What a parser returns: the tests plus what the report says about the whole run. */
export interface ParsedReport {
  format: string;
  tests: TestResult[];
  /** Whole-run duration when the report gives it. */
  durationMs: number | null;
  /**
   * Counts when the format gives only a summary (terminal output); null when `tests` is complete.
   * When set, these win over counting `tests`.
   */
  counts: { passed: number; failed: number; skipped: number } | null;
  /** Things the parser wants the user to know (e.g. "bail out", "report truncated"). */
  notes: string[];
}

/** A stored run: `runs/<id>.json`, `ci_test_results.json`, `batch test --json`. */
export interface Run {
  id: number;
  batchId: number | null;
  timestamp: string;
  success: boolean;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** pytest's expected failures (within `skipped`) and unexpected passes (within `passed`); absent when none. */
  xfailed?: number;
  xpassed?: number;
  durationMs: number;
  commit: string | null;
  snapshot: string | null;
  command: string | null;
  exitCode: number | null;
  /** The working tree changed while the run ran: its results may not describe any snapshot. */
  stale: boolean;
  interrupted: boolean;
  timedOut: boolean;
  source: ResultSource;
  /** The `-p` glob the run was narrowed to (absent for a run of the whole suite). */
  pattern?: string;
  notes: string[];
  tests: TestResult[];
}

/** A run without its tests: what `status --json` shows for `lastRun` and `baseline`. */
export type RunSummary = Omit<Run, 'tests'>;

export function summarizeRun(run: Run): RunSummary {
  const { tests: _tests, ...summary } = run;
  return summary;
}
