/**
 * The history schema as versioned, forward-only migrations, one SQL text per dialect, applied in order
 * by umzug (runMigrations.ts). A released migration is never edited: a change is a new entry.
 */
export interface Migration {
  name: string;
  /** The change in this dialect; null when it has none (the migration is recorded as applied). */
  sqlite: string | null;
  postgres: string | null;
}

const runsColumns = (id: string, time: string, bool: string) => `
  id ${id},
  run_key TEXT NOT NULL UNIQUE,
  project TEXT NOT NULL,
  clone TEXT NOT NULL,
  local_id INTEGER NOT NULL,
  repository TEXT,
  branch TEXT,
  commit_sha TEXT,
  snapshot TEXT,
  tree TEXT,
  batch_id INTEGER,
  trigger TEXT NOT NULL,
  ci_provider TEXT,
  ci_run_id TEXT,
  ci_job TEXT,
  host TEXT,
  user_name TEXT,
  started_at ${time} NOT NULL,
  duration_ms BIGINT NOT NULL,
  total INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  exit_code INTEGER,
  command TEXT,
  success ${bool} NOT NULL,
  complete ${bool} NOT NULL,
  stale ${bool} NOT NULL`;

const resultsColumns = (runRef: string) => `
  run_id ${runRef},
  test_id TEXT NOT NULL,
  name TEXT NOT NULL,
  suite TEXT NOT NULL,
  file TEXT,
  line INTEGER,
  status TEXT NOT NULL,
  kind TEXT,
  duration_ms DOUBLE PRECISION,
  attempt INTEGER NOT NULL,
  message_hash TEXT`;

const indexes = `
CREATE INDEX runs_project_started ON runs (project, started_at);
CREATE INDEX results_test ON results (test_id, run_id);
CREATE INDEX results_run ON results (run_id);`;

export const MIGRATIONS: Migration[] = [
  {
    name: '0001_runs_and_results',
    sqlite: `
CREATE TABLE runs (${runsColumns('INTEGER PRIMARY KEY', 'TEXT', 'INTEGER')});
CREATE TABLE results (${resultsColumns('INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE')});
${indexes}
-- which local runs the team database has (embedded store only)
CREATE TABLE pushed (run_key TEXT PRIMARY KEY);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
    postgres: `
CREATE TABLE runs (${runsColumns('BIGSERIAL PRIMARY KEY', 'TIMESTAMPTZ', 'BOOLEAN')});
CREATE TABLE results (${resultsColumns('BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE')});
${indexes}`,
  },
  {
    // Every run adds one row per test. Keyed by test first, the index took one entry in every one of
    // its pages per run (the whole index rewritten and journaled: 0.5 s of a 100,000-test run). Keyed
    // by run first, a run's entries are appended at its end; a test's history is one seek per run.
    name: '0002_results_by_run',
    sqlite: `
DROP INDEX results_test;
DROP INDEX results_run;
CREATE INDEX results_run_test ON results (run_id, test_id);`,
    // PostgreSQL's 100,000-test write is within its target with its indexes as they are.
    postgres: null,
  },
];
