/**
 * The named queries of the history store, one text per dialect where they differ. `$n` parameters
 * for PostgreSQL, `?` for SQLite; the column lists match HistoryRun and TestRunRow by alias.
 */

export const RUN_COLUMNS = `run_key AS "runKey", project, clone, local_id AS "localId", repository, branch,
  commit_sha AS "commit", snapshot, tree, batch_id AS "batchId", trigger, ci_provider AS "ciProvider",
  ci_run_id AS "ciRunId", ci_job AS "ciJob", host, user_name AS "user", started_at AS "timestamp",
  duration_ms AS "durationMs", total, passed, failed, skipped, exit_code AS "exitCode", command,
  success, complete, stale`;

export const RUN_INSERT_COLUMNS = `run_key, project, clone, local_id, repository, branch, commit_sha,
  snapshot, tree, batch_id, trigger, ci_provider, ci_run_id, ci_job, host, user_name, started_at, duration_ms,
  total, passed, failed, skipped, exit_code, command, success, complete, stale`;

export const RESULT_INSERT_COLUMNS = `run_id, test_id, name, suite, file, line, status, kind,
  duration_ms, attempt, message_hash`;

export const RESULT_COLUMNS = `test_id AS "testId", name, suite, file, line, status, kind,
  duration_ms AS "durationMs", attempt, message_hash AS "messageHash"`;

export const TEST_RUN_COLUMNS = `r.test_id AS "testId", r.name, u.run_key AS "runKey", u.local_id AS "localId",
  r.status, r.duration_ms AS "durationMs", u.batch_id AS "batchId", u.commit_sha AS "commit",
  u.snapshot, u.started_at AS "timestamp", u.branch`;

/** The WHERE clause of a run listing, with `next()` giving each dialect's placeholder in turn. */
export function runWhere(
  filter: { clone?: string; branch?: string; since?: string; completeOnly?: boolean; freshOnly?: boolean },
  next: () => string,
  alias = '',
): string {
  const col = (name: string) => `${alias}${name}`;
  const parts = [`${col('project')} = ${next()}`];
  if (filter.clone !== undefined) parts.push(`${col('clone')} = ${next()}`);
  if (filter.branch !== undefined) parts.push(`${col('branch')} = ${next()}`);
  if (filter.since !== undefined) parts.push(`${col('started_at')} >= ${next()}`);
  if (filter.completeOnly) parts.push(`${col('complete')} = ${next()}`);
  if (filter.freshOnly) parts.push(`${col('stale')} = ${next()}`);
  return parts.join(' AND ');
}

/** The parameters for runWhere, in the same order. */
export function runWhereParams(
  filter: {
    project: string;
    clone?: string;
    branch?: string;
    since?: string;
    completeOnly?: boolean;
    freshOnly?: boolean;
  },
  yes: unknown,
  no: unknown,
): unknown[] {
  const params: unknown[] = [filter.project];
  if (filter.clone !== undefined) params.push(filter.clone);
  if (filter.branch !== undefined) params.push(filter.branch);
  if (filter.since !== undefined) params.push(filter.since);
  if (filter.completeOnly) params.push(yes);
  if (filter.freshOnly) params.push(no);
  return params;
}
