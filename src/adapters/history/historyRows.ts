import type { HistoryRun, TestRunRow } from './historyStore.js';

type Raw = Record<string, unknown>;

const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const nullableText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

/** A run row from either dialect (SQLite 0/1 booleans, PostgreSQL dates and bigint strings) as a HistoryRun. */
export function toHistoryRun(row: Raw): HistoryRun {
  return {
    runKey: String(row.runKey),
    project: String(row.project),
    clone: String(row.clone),
    localId: Number(row.localId),
    repository: nullableText(row.repository),
    branch: nullableText(row.branch),
    commit: nullableText(row.commit),
    snapshot: nullableText(row.snapshot),
    tree: nullableText(row.tree),
    batchId: nullableNumber(row.batchId),
    trigger: String(row.trigger),
    ciProvider: nullableText(row.ciProvider),
    ciRunId: nullableText(row.ciRunId),
    ciJob: nullableText(row.ciJob),
    host: nullableText(row.host),
    user: nullableText(row.user),
    timestamp: iso(row.timestamp),
    durationMs: Number(row.durationMs),
    total: Number(row.total),
    passed: Number(row.passed),
    failed: Number(row.failed),
    skipped: Number(row.skipped),
    exitCode: nullableNumber(row.exitCode),
    command: nullableText(row.command),
    success: row.success === true || row.success === 1,
    complete: row.complete === true || row.complete === 1,
    stale: row.stale === true || row.stale === 1,
  };
}

/** A `history --test` row from either dialect. */
export function toTestRunRow(row: Raw): TestRunRow {
  return {
    testId: String(row.testId),
    name: String(row.name),
    runKey: String(row.runKey),
    localId: Number(row.localId),
    status: String(row.status),
    durationMs: nullableNumber(row.durationMs),
    batchId: nullableNumber(row.batchId),
    commit: nullableText(row.commit),
    snapshot: nullableText(row.snapshot),
    timestamp: iso(row.timestamp),
    branch: nullableText(row.branch),
  };
}

/** The values of a run in RUN_INSERT_COLUMNS order; booleans as the dialect wants them. */
export function runValues(run: HistoryRun, bool: (b: boolean) => unknown): unknown[] {
  return [
    run.runKey,
    run.project,
    run.clone,
    run.localId,
    run.repository,
    run.branch,
    run.commit,
    run.snapshot,
    run.tree,
    run.batchId,
    run.trigger,
    run.ciProvider,
    run.ciRunId,
    run.ciJob,
    run.host,
    run.user,
    run.timestamp,
    run.durationMs,
    run.total,
    run.passed,
    run.failed,
    run.skipped,
    run.exitCode,
    run.command,
    bool(run.success),
    bool(run.complete),
    bool(run.stale),
  ];
}
