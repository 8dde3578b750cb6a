import { rmSync } from 'node:fs';
import {
  RESULT_COLUMNS,
  RESULT_INSERT_COLUMNS,
  RUN_COLUMNS,
  RUN_INSERT_COLUMNS,
  TEST_RUN_COLUMNS,
  runWhere,
  runWhereParams,
} from './historyQueries.js';
import { runValues, toHistoryRun, toTestRunRow } from './historyRows.js';
import type {
  HistoryResult,
  HistoryRun,
  HistoryStore,
  OutcomeRow,
  RunFilter,
  TestMatch,
  TestRunRow,
} from './historyStore.js';
import { runMigrations } from './runMigrations.js';
import {
  openSqlite,
  type SqliteConnection,
  type SqliteEngineChoice,
  type SqliteEngineInfo,
  type SqliteValue as Value,
} from './sqliteConnection.js';

const CHUNK = 200;
const q = () => '?';

/**
 * The embedded history store: one SQLite file in `.batch/`. SQLite is the native libsql where its
 * prebuilt binary loads (no install script: npm picks the platform's package), else SQLite compiled
 * to WebAssembly with a file-backed VFS (node-sqlite3-wasm); both read and write the same file. The
 * WebAssembly VFS locks the file with a `<file>.lock` folder; batch opens it only under its own lock,
 * so a folder left by a killed process is stale and is removed on open.
 */
export class SqliteHistoryStore implements HistoryStore {
  readonly kind = 'embedded';
  private constructor(
    private readonly db: SqliteConnection,
    /** Which engine opened the file. */
    readonly engine: SqliteEngineInfo,
  ) {}

  /** Opens (creating) the file and applies the migrations not yet applied. Call under batch's lock. */
  static async open(
    file: string,
    options: { engine?: SqliteEngineChoice } = {},
  ): Promise<SqliteHistoryStore> {
    rmSync(`${file}.lock`, { recursive: true, force: true });
    const { connection: db, info } = await openSqlite(file, options.engine ?? 'auto');
    db.exec('PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS batch_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const store = new SqliteHistoryStore(db, info);
    await runMigrations({
      dialect: 'sqlite',
      exec: (sql) => Promise.resolve(db.exec(`BEGIN; ${sql}; COMMIT`)),
      applied: () =>
        Promise.resolve(
          db.all('SELECT name FROM batch_migrations ORDER BY name').map((r) => r.name as string),
        ),
      markApplied: (name) =>
        Promise.resolve(
          void db.run('INSERT INTO batch_migrations VALUES (?, ?)', [name, new Date().toISOString()]),
        ),
    });
    return store;
  }

  putRun(run: HistoryRun, results: HistoryResult[]): Promise<boolean> {
    const { db } = this;
    const placeholders = RUN_INSERT_COLUMNS.split(',').map(q).join(', ');
    db.exec('BEGIN IMMEDIATE');
    try {
      const inserted = db.run(
        `INSERT INTO runs (${RUN_INSERT_COLUMNS}) VALUES (${placeholders}) ON CONFLICT (run_key) DO NOTHING`,
        runValues(run, (b) => (b ? 1 : 0)) as Value[],
      );
      if (inserted.changes === 0) {
        db.exec('ROLLBACK');
        return Promise.resolve(false);
      }
      for (const statement of resultInserts(inserted.lastInsertRowid, results)) db.exec(statement);
      db.exec('COMMIT');
      return Promise.resolve(true);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  listRuns(filter: RunFilter): Promise<HistoryRun[]> {
    const rows = this.db.all(
      `SELECT ${RUN_COLUMNS} FROM runs WHERE ${runWhere(filter, q)}
       ORDER BY started_at DESC, id DESC LIMIT ?`,
      [...runWhereParams(filter, 1, 0), filter.limit ?? -1] as Value[],
    );
    return Promise.resolve(rows.map((r) => toHistoryRun(r)));
  }

  testRuns(filter: RunFilter, test: TestMatch): Promise<TestRunRow[]> {
    const match = test.like ? `r.test_id LIKE ? ESCAPE '\\'` : 'r.test_id = ?';
    const rows = this.db.all(
      `SELECT ${TEST_RUN_COLUMNS} FROM results r JOIN runs u ON u.id = r.run_id
       WHERE ${match} AND ${runWhere(filter, q, 'u.')}
       ORDER BY u.started_at DESC, u.id DESC LIMIT ?`,
      [test.value, ...runWhereParams(filter, 1, 0), filter.limit ?? -1] as Value[],
    );
    return Promise.resolve(rows.map((r) => toTestRunRow(r)));
  }

  outcomes(runKeys: string[]): Promise<OutcomeRow[]> {
    const rows: OutcomeRow[] = [];
    for (let i = 0; i < runKeys.length; i += CHUNK) {
      const keys = runKeys.slice(i, i + CHUNK);
      // One JSON string per chunk: reading 30,000 rows cell by cell across the WebAssembly boundary
      // costs ten times as much as parsing them.
      const found = this.db.get(
        `SELECT json_group_array(json_array(u.run_key, r.test_id, r.name, r.status)) AS rows
         FROM results r JOIN runs u ON u.id = r.run_id WHERE u.run_key IN (${keys.map(q).join(', ')})`,
        keys,
      );
      const tuples = JSON.parse((found?.rows as string | undefined) ?? '[]') as [
        string,
        string,
        string,
        string,
      ][];
      for (const [runKey, testId, name, status] of tuples) rows.push({ runKey, testId, name, status });
    }
    return Promise.resolve(rows);
  }

  deleteRuns(runKeys: string[]): Promise<number> {
    let deleted = 0;
    for (let i = 0; i < runKeys.length; i += CHUNK) {
      const keys = runKeys.slice(i, i + CHUNK);
      const list = keys.map(q).join(', ');
      this.db.exec('BEGIN IMMEDIATE');
      this.db.run(
        `DELETE FROM results WHERE run_id IN (SELECT id FROM runs WHERE run_key IN (${list}))`,
        keys,
      );
      deleted += this.db.run(`DELETE FROM runs WHERE run_key IN (${list})`, keys).changes;
      this.db.run(`DELETE FROM pushed WHERE run_key IN (${list})`, keys);
      this.db.exec('COMMIT');
    }
    return Promise.resolve(deleted);
  }

  /** Local runs the team database does not have yet, oldest first. */
  unpushed(project: string): Promise<HistoryRun[]> {
    const rows = this.db.all(
      `SELECT ${RUN_COLUMNS} FROM runs WHERE project = ? AND run_key NOT IN (SELECT run_key FROM pushed)
       ORDER BY started_at, id`,
      [project],
    );
    return Promise.resolve(rows.map((r) => toHistoryRun(r)));
  }

  results(runKey: string): Promise<HistoryResult[]> {
    const rows = this.db.all(
      `SELECT ${RESULT_COLUMNS} FROM results WHERE run_id = (SELECT id FROM runs WHERE run_key = ?)`,
      [runKey],
    );
    return Promise.resolve(rows as unknown as HistoryResult[]);
  }

  /** Notes that the team database holds these runs. */
  markPushed(runKeys: string[]): Promise<void> {
    for (const key of runKeys) this.db.run('INSERT OR IGNORE INTO pushed VALUES (?)', [key]);
    return Promise.resolve();
  }

  /** A value kept beside the data (the import of `.batch/runs/`, the project's id). */
  meta(key: string): string | null {
    const row = this.db.get('SELECT value FROM meta WHERE key = ?', [key]);
    return row ? (row.value as string) : null;
  }

  setMeta(key: string, value: string): void {
    this.db.run('INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      value,
    ]);
  }

  /** Gives the space of deleted rows back to the file system (after `batch gc`). */
  vacuum(): void {
    this.db.exec('VACUUM');
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

const ROWS_PER_INSERT = 1000;

/**
 * A run's results as INSERT statements of literal rows, ROWS_PER_INSERT each, sorted by test id so
 * that the (run_id, test_id) index only grows at its end. Literals, because every other way costs
 * more per value: in WebAssembly a bound parameter is a call across the boundary, and a JSON array
 * read with `json_each` is parsed again for every column taken out of each row (0.9 s for 100,000
 * rows, against 0.4 s for literals); libsql's bound parameters, one call per row, were slower too
 * (540 against 510 ms).
 */
function* resultInserts(runId: number | bigint, results: HistoryResult[]): Generator<string> {
  const sorted = [...results].sort((a, b) => (a.testId < b.testId ? -1 : a.testId > b.testId ? 1 : 0));
  for (let i = 0; i < sorted.length; i += ROWS_PER_INSERT) {
    const rows = sorted
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => `(${String(runId)},${resultTuple(r).map(sqlLiteral).join(',')})`);
    yield `INSERT INTO results (${RESULT_INSERT_COLUMNS}) VALUES ${rows.join(',')}`;
  }
}

/**
 * One value as an SQL literal. Text is quoted with its quotes doubled; text holding a NUL (which
 * would end the statement's C string) goes in as hex, cast back to text; a number that is not
 * finite is NULL, as JSON would have stored it.
 */
function sqlLiteral(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (value.includes('\0')) return `CAST(X'${Buffer.from(value, 'utf8').toString('hex')}' AS TEXT)`;
  return `'${value.replaceAll("'", "''")}'`;
}

/** A result's values in RESULT_INSERT_COLUMNS order, after run_id. */
function resultTuple(r: HistoryResult): Value[] {
  return [
    r.testId,
    r.name,
    r.suite,
    r.file,
    r.line,
    r.status,
    r.kind,
    r.durationMs,
    r.attempt,
    r.messageHash,
  ];
}
