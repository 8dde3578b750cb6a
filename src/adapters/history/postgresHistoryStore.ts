import type { Pool, PoolClient } from 'pg';
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

/** Any number that two batch processes agree on: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x6261_7463;
const DELETE_CHUNK = 500;

/** `$1, $2, …` numbering for runWhere. */
function numbered(start = 0): () => string {
  let n = start;
  return () => `$${++n}`;
}

/**
 * The team history store: the same schema in PostgreSQL, through `pg`. Writes are idempotent on the
 * run key (`ON CONFLICT DO NOTHING`), so a run sent twice, or by several CI shards at once, is stored
 * once. Migrations run under an advisory lock, so processes starting together apply each once.
 */
export class PostgresHistoryStore implements HistoryStore {
  readonly kind = 'postgres';
  private constructor(private readonly pool: Pool) {}

  /** Connects (failing fast when the server is down) and applies the migrations not yet applied. */
  static async open(url: string, options: { connectTimeoutMs: number }): Promise<PostgresHistoryStore> {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: options.connectTimeoutMs,
    });
    pool.on('error', () => undefined); // an idle client losing its server: the next query reports it
    const store = new PostgresHistoryStore(pool);
    try {
      await store.withClient(async (client) => {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await client.query(
            'CREATE TABLE IF NOT EXISTS batch_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)',
          );
          await runMigrations({
            dialect: 'postgres',
            exec: async (sql) => {
              await client.query(`BEGIN; ${sql}; COMMIT`);
            },
            applied: async () =>
              (
                await client.query<{ name: string }>('SELECT name FROM batch_migrations ORDER BY name')
              ).rows.map((r) => r.name),
            markApplied: async (name) => {
              await client.query('INSERT INTO batch_migrations VALUES ($1, now())', [name]);
            },
          });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  putRun(run: HistoryRun, results: HistoryResult[]): Promise<boolean> {
    return this.withClient(async (client) => {
      await client.query('BEGIN');
      try {
        const placeholders = RUN_INSERT_COLUMNS.split(',').map(numbered()).join(', ');
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO runs (${RUN_INSERT_COLUMNS}) VALUES (${placeholders})
           ON CONFLICT (run_key) DO NOTHING RETURNING id`,
          runValues(run, (b) => b),
        );
        const id = inserted.rows[0]?.id;
        if (id === undefined) {
          await client.query('ROLLBACK');
          return false;
        }
        // One statement over column arrays: 100,000 rows in one round trip.
        const column = <K extends keyof HistoryResult>(key: K) => results.map((r) => r[key]);
        await client.query(
          `INSERT INTO results (${RESULT_INSERT_COLUMNS})
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
                                    $8::text[], $9::float8[], $10::int[], $11::text[])`,
          [
            id,
            column('testId'),
            column('name'),
            column('suite'),
            column('file'),
            column('line'),
            column('status'),
            column('kind'),
            column('durationMs'),
            column('attempt'),
            column('messageHash'),
          ],
        );
        await client.query('COMMIT');
        return true;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async listRuns(filter: RunFilter): Promise<HistoryRun[]> {
    const next = numbered();
    const where = runWhere(filter, next);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT ${RUN_COLUMNS} FROM runs WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT ${next()}`,
      [...runWhereParams(filter, true, false), filter.limit ?? null],
    );
    return rows.map(toHistoryRun);
  }

  async testRuns(filter: RunFilter, test: TestMatch): Promise<TestRunRow[]> {
    const next = numbered(1);
    const match = test.like ? `r.test_id LIKE $1 ESCAPE '\\'` : 'r.test_id = $1';
    const where = runWhere(filter, next, 'u.');
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT ${TEST_RUN_COLUMNS} FROM results r JOIN runs u ON u.id = r.run_id
       WHERE ${match} AND ${where} ORDER BY u.started_at DESC, u.id DESC LIMIT ${next()}`,
      [test.value, ...runWhereParams(filter, true, false), filter.limit ?? null],
    );
    return rows.map(toTestRunRow);
  }

  async results(runKey: string): Promise<HistoryResult[]> {
    const { rows } = await this.pool.query<HistoryResult>(
      `SELECT ${RESULT_COLUMNS} FROM results WHERE run_id = (SELECT id FROM runs WHERE run_key = $1)`,
      [runKey],
    );
    return rows;
  }

  async outcomes(runKeys: string[]): Promise<OutcomeRow[]> {
    const { rows } = await this.pool.query<OutcomeRow>(
      `SELECT u.run_key AS "runKey", r.test_id AS "testId", r.name, r.status
       FROM results r JOIN runs u ON u.id = r.run_id WHERE u.run_key = ANY($1::text[])`,
      [runKeys],
    );
    return rows;
  }

  async deleteRuns(runKeys: string[]): Promise<number> {
    let deleted = 0;
    // Small chunks, each its own transaction: never one long lock on a shared database.
    for (let i = 0; i < runKeys.length; i += DELETE_CHUNK) {
      const keys = runKeys.slice(i, i + DELETE_CHUNK);
      const result = await this.pool.query('DELETE FROM runs WHERE run_key = ANY($1::text[])', [keys]);
      deleted += result.rowCount ?? 0;
    }
    return deleted;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
