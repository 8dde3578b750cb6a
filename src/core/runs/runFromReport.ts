/** Builds a run (DESIGN.md's model) from what a report parser returned. */
import { portableRun } from '../compare/portablePaths.js';
import type { ParsedReport, Run } from '../model/runModel.js';

export interface RunContext {
  /** Paths under it are stored relative to it (the worktree root, or the cwd outside a repository). */
  root: string;
  /** ISO time the run is dated with. */
  timestamp: string;
  /** Report files the results came from. */
  files: string[];
  id?: number;
  batchId?: number | null;
  commit?: string | null;
  snapshot?: string | null;
  command?: string | null;
  /** The test command's exit code; null when the results come from files. */
  exitCode?: number | null;
}

/**
 * Turns a parsed report into a run: counts from the tests (or from the report's summary when it names
 * only some tests), success, duration (the report's, else the sum of the tests'), and the source. A run
 * read from files outside any batch has id 0 and null batch, commit and snapshot.
 */
export function runFromReport(report: ParsedReport, context: RunContext): Run {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let summed = 0;
  for (const test of report.tests) {
    if (test.status === 'passed') passed++;
    else if (test.status === 'failed') failed++;
    else skipped++;
    if (test.durationMs !== null && Number.isFinite(test.durationMs)) summed += test.durationMs;
  }
  const xfailed = report.tests.filter((t) => t.kind === 'xfail' && t.status === 'skipped').length;
  const xpassed = report.tests.filter((t) => t.kind === 'xpass' && t.status === 'passed').length;
  const listed = report.tests.length;
  if (report.counts !== null) ({ passed, failed, skipped } = report.counts);
  const total = passed + failed + skipped;
  const exitCode = context.exitCode ?? null;
  const run: Run = {
    id: context.id ?? 0,
    batchId: context.batchId ?? null,
    timestamp: context.timestamp,
    success: failed === 0 && (exitCode === null || exitCode === 0),
    total,
    passed,
    failed,
    skipped,
    ...(xfailed > 0 ? { xfailed } : {}),
    ...(xpassed > 0 ? { xpassed } : {}),
    durationMs: report.durationMs ?? summed,
    commit: context.commit ?? null,
    snapshot: context.snapshot ?? null,
    command: context.command ?? null,
    exitCode,
    stale: false,
    interrupted: false,
    timedOut: false,
    source: { format: report.format, files: context.files, granularity: listed < total ? 'summary' : 'test' },
    notes: [...report.notes],
    tests: report.tests,
  };
  return portableRun(run, context.root);
}
