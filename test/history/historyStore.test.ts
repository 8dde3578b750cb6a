import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryResult, HistoryRun, HistoryStore } from '../../src/adapters/history/historyStore.js';
import { PostgresHistoryStore } from '../../src/adapters/history/postgresHistoryStore.js';
import { SqliteHistoryStore } from '../../src/adapters/history/sqliteHistoryStore.js';
import { usePostgres } from '../support/postgresSuite.js';

const pg = usePostgres();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(n: number, over: Partial<HistoryRun> = {}): HistoryRun {
  return {
    runKey: `clone-a:${n}:2026-01-0${n}T00:00:00.000Z`,
    project: 'p1',
    clone: 'clone-a',
    localId: n,
    repository: null,
    branch: 'main',
    commit: `c${n}`,
    snapshot: `s${n}`,
    tree: `t${n}`,
    batchId: n,
    trigger: 'test',
    ciProvider: null,
    ciRunId: null,
    ciJob: null,
    host: 'h',
    user: 'u',
    timestamp: `2026-01-0${n}T00:00:00.000Z`,
    durationMs: 100 * n,
    total: 2,
    passed: 1,
    failed: 1,
    skipped: 0,
    exitCode: 1,
    command: 'npm test',
    success: false,
    complete: true,
    stale: false,
    ...over,
  };
}

function result(testId: string, status: string): HistoryResult {
  return {
    testId,
    name: testId.split('::').pop() ?? testId,
    suite: '',
    file: 'a.test.js',
    line: 3,
    status,
    kind: null,
    durationMs: 1.5,
    attempt: 1,
    messageHash: status === 'failed' ? 'abc' : null,
  };
}

/** A new embedded store in a temp folder, opened with one SQLite engine. */
function embeddedStore(engine: 'native' | 'wasm'): () => Promise<HistoryStore> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batch-history-'));
    dirs.push(dir);
    const store = await SqliteHistoryStore.open(join(dir, 'history.db'), { engine });
    expect(store.engine.engine).toBe(engine);
    return store;
  };
}

const stores: [string, () => Promise<HistoryStore>, string | null][] = [
  ['embedded (native SQLite, libsql)', embeddedStore('native'), null],
  ['embedded (SQLite in WebAssembly)', embeddedStore('wasm'), null],
  [
    'PostgreSQL 15',
    () => {
      const db = `h${Math.random().toString(36).slice(2, 10)}`;
      return PostgresHistoryStore.open(pg.server().createDatabase(db), { connectTimeoutMs: 5000 });
    },
    pg.skip,
  ],
];

describe.each(stores)('history store: %s', (_name, open, skip) => {
  it.skipIf(skip !== null)('stores a run once, however often it is sent', async () => {
    const store = await open();
    expect(await store.putRun(run(1), [result('a::x', 'passed'), result('a::y', 'failed')])).toBe(true);
    expect(await store.putRun(run(1), [result('a::x', 'passed')])).toBe(false);
    const runs = await store.listRuns({ project: 'p1' });
    expect(runs).toEqual([run(1)]);
    expect(await store.results(run(1).runKey)).toHaveLength(2);
    await store.close();
  });

  it.skipIf(skip !== null)('lists runs newest first, narrowed by branch, date, clone and limit', async () => {
    const store = await open();
    await store.putRun(run(1), []);
    await store.putRun(run(2, { branch: 'dev' }), []);
    await store.putRun(run(3, { clone: 'clone-b', runKey: 'clone-b:3' }), []);
    await store.putRun(run(4, { project: 'other', runKey: 'o:4' }), []);
    const ids = async (f: Parameters<HistoryStore['listRuns']>[0]) =>
      (await store.listRuns(f)).map((r) => r.localId);
    expect(await ids({ project: 'p1' })).toEqual([3, 2, 1]);
    expect(await ids({ project: 'p1', branch: 'main' })).toEqual([3, 1]);
    expect(await ids({ project: 'p1', since: '2026-01-02T00:00:00.000Z' })).toEqual([3, 2]);
    expect(await ids({ project: 'p1', clone: 'clone-a' })).toEqual([2, 1]);
    expect(await ids({ project: 'p1', limit: 1 })).toEqual([3]);
    await store.close();
  });

  it.skipIf(skip !== null)(
    "reads one test's runs by id or LIKE pattern, and a window's outcomes",
    async () => {
      const store = await open();
      await store.putRun(run(1), [
        result('a::x', 'passed'),
        result('a::y', 'failed'),
        result('b::x_1', 'passed'),
      ]);
      await store.putRun(run(2), [result('a::x', 'failed'), result('a::y', 'failed')]);
      const exact = await store.testRuns({ project: 'p1' }, { value: 'a::x', like: false });
      expect(exact.map((r) => [r.localId, r.status])).toEqual([
        [2, 'failed'],
        [1, 'passed'],
      ]);
      const like = await store.testRuns({ project: 'p1' }, { value: 'a::%', like: true });
      expect(like).toHaveLength(4);
      const underscore = await store.testRuns({ project: 'p1' }, { value: 'b::x\\_1', like: true });
      expect(underscore).toHaveLength(1);
      const outcomes = await store.outcomes([run(1).runKey, run(2).runKey]);
      expect(outcomes).toHaveLength(5);
      await store.close();
    },
  );

  it.skipIf(skip !== null)('deletes runs with their results', async () => {
    const store = await open();
    await store.putRun(run(1), [result('a::x', 'passed')]);
    await store.putRun(run(2), [result('a::x', 'passed')]);
    expect(await store.deleteRuns([run(1).runKey])).toBe(1);
    expect((await store.listRuns({ project: 'p1' })).map((r) => r.localId)).toEqual([2]);
    expect(await store.testRuns({ project: 'p1' }, { value: 'a::x', like: false })).toHaveLength(1);
    await store.close();
  });

  it.skipIf(skip !== null)('applies its migrations once: opening again keeps the data', async () => {
    const first = await open();
    await first.close();
    // a second open of the same embedded file / database runs no migration twice
    if (first instanceof SqliteHistoryStore) {
      const dir = dirs[dirs.length - 1] as string;
      const options = { engine: first.engine.engine };
      const again = await SqliteHistoryStore.open(join(dir, 'history.db'), options);
      await again.putRun(run(5), []);
      await again.close();
      const third = await SqliteHistoryStore.open(join(dir, 'history.db'), options);
      expect(await third.listRuns({ project: 'p1' })).toHaveLength(1);
      await third.close();
    }
  });
});

describe('embedded history store: what goes in comes out, and an older file is brought up to date', () => {
  function embedded(): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'batch-history-'));
    dirs.push(dir);
    return { dir, file: join(dir, 'history.db') };
  }

  it('one file, both engines: what the WebAssembly SQLite wrote the native one reads and adds to, and back', async () => {
    const { file } = embedded();
    const wasm = await SqliteHistoryStore.open(file, { engine: 'wasm' });
    await wasm.putRun(run(1), [result('a::x', 'passed'), result('a::y', 'failed')]);
    wasm.setMeta('imported', 'by wasm');
    await wasm.close();
    const native = await SqliteHistoryStore.open(file, { engine: 'native' });
    expect(native.meta('imported')).toBe('by wasm');
    expect(await native.results(run(1).runKey)).toHaveLength(2);
    await native.putRun(run(2), [result('a::x', 'failed')]);
    await native.close();
    const again = await SqliteHistoryStore.open(file, { engine: 'wasm' });
    const runs = await again.testRuns({ project: 'p1' }, { value: 'a::x', like: false });
    expect(runs.map((r) => [r.localId, r.status])).toEqual([
      [2, 'failed'],
      [1, 'passed'],
    ]);
    await again.close();
  });

  it.each(['native', 'wasm'] as const)(
    'keeps quotes, unicode and odd numbers in results exactly (durations that are not finite as null): %s',
    async (engine) => {
      const store = await SqliteHistoryStore.open(embedded().file, { engine });
      const odd: HistoryResult[] = [
        {
          ...result("it's 'quoted' '' twice", 'passed'),
          name: "O'Brien's test",
          suite: "'; DROP TABLE runs; --",
        },
        { ...result('unicode ✓ 日本 🚀 é', 'passed'), suite: 'Ünïcödé', durationMs: 1e-7 },
        { ...result('big numbers', 'passed'), durationMs: 123456789.125, line: 2 ** 31 + 5, attempt: 3 },
        { ...result('not finite', 'skipped'), durationMs: Number.NaN, kind: 'todo' },
      ];
      // more than one INSERT statement's worth, in an order that is not the test ids' order
      const many = Array.from({ length: 2500 }, (_, i) =>
        result(`z::t${2500 - i}`, i % 7 ? 'passed' : 'failed'),
      );
      // a NUL would end the statement's text: it goes in as hex (both engines read text back up to a NUL)
      const nul = { ...result('nul\u0000inside', 'failed'), name: 'a\u0000b', file: null, line: null };
      expect(await store.putRun(run(1), [...odd, nul, ...many])).toBe(true);
      const back = await store.results(run(1).runKey);
      expect(back).toHaveLength(odd.length + 1 + many.length);
      expect(back.find((r) => r.testId.startsWith('nul'))).toMatchObject({
        name: 'a',
        status: 'failed',
        file: null,
      });
      const byId = new Map(back.map((r) => [r.testId, r]));
      for (const r of [...odd, ...many]) {
        expect(byId.get(r.testId)).toEqual({
          ...r,
          durationMs: Number.isFinite(r.durationMs) ? r.durationMs : null,
        });
      }
      expect(await store.listRuns({ project: 'p1' })).toHaveLength(1); // the SQL in a name ran nowhere
      await store.close();
    },
  );

  it('adds the newer migrations to a file made by the first one, keeping its runs', async () => {
    const { file } = embedded();
    const { MIGRATIONS } = await import('../../src/adapters/history/migrations.js');
    const { createRequire } = await import('node:module');
    const sqlite = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
    // the file as batch 0.1's history store left it: only 0001 applied, one run with a result
    const old = new sqlite.Database(file);
    old.exec('CREATE TABLE batch_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    old.exec(`BEGIN; ${MIGRATIONS[0]?.sqlite ?? ''}; COMMIT`);
    old.run('INSERT INTO batch_migrations VALUES (?, ?)', ['0001_runs_and_results', '2026-01-01']);
    old.run(
      `INSERT INTO runs (run_key, project, clone, local_id, trigger, started_at, duration_ms, total, passed,
         failed, skipped, success, complete, stale) VALUES ('k1', 'p1', 'c', 1, 'test', '2026-01-01', 5, 1, 0, 1, 0, 0, 1, 0)`,
    );
    old.run(
      `INSERT INTO results (run_id, test_id, name, suite, status, attempt) VALUES (1, 'a::x', 'x', '', 'failed', 1)`,
    );
    old.close();

    const store = await SqliteHistoryStore.open(file);
    expect(
      (await store.testRuns({ project: 'p1' }, { value: 'a::x', like: false })).map((r) => r.status),
    ).toEqual(['failed']);
    await store.close();
    const check = new sqlite.Database(file);
    const indexes = check.all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'results'");
    const applied = check.all('SELECT name FROM batch_migrations ORDER BY name');
    check.close();
    expect(indexes.map((r) => r.name)).toEqual(['results_run_test']);
    expect(applied.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });
});
