// The history store against the numbers: a 100,000-test run written to the embedded store
// (≤ 1 s, with either SQLite engine) and to PostgreSQL (≤ 2 s), each beside the reference of writing the same run as its JSON
// run file; then 1,000 runs × 1,000 tests in the embedded store: `batch history --test ID` (< 200 ms)
// and `batch flaky` (< 1 s), beside `batch status` (the CLI's own start-up) and the floor of the query
// (load SQLite, open, query) and of node itself measured in the same run; `batch record` there against
// a fresh repository.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PostgresHistoryStore } from '../dist/adapters/history/postgresHistoryStore.js';
import { SqliteHistoryStore } from '../dist/adapters/history/sqliteHistoryStore.js';
import { postgresMissing, startPostgres } from '../scripts/testPostgres.js';
import { hermeticEnv, medianMs, printTable, run } from './lib.js';

const BIN = new URL('../bin/batch.js', import.meta.url).pathname;
const base = mkdtempSync(join(tmpdir(), 'batch-bench-history-'));

function historyRun(n, tests, project = 'bench') {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  return {
    runKey: `bench:${n}:${at}`,
    project,
    clone: 'bench',
    localId: n,
    repository: null,
    branch: 'main',
    commit: `c${n}`,
    snapshot: `s${n % 50}`,
    tree: `t${n % 50}`,
    batchId: n,
    trigger: 'test',
    ciProvider: null,
    ciRunId: null,
    ciJob: null,
    host: 'bench',
    user: 'bench',
    timestamp: at,
    durationMs: 1000,
    total: tests,
    passed: tests,
    failed: 0,
    skipped: 0,
    exitCode: 0,
    command: 'npm test',
    success: true,
    complete: true,
    stale: false,
  };
}

function results(count, n) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const failed = i % 97 === n % 97 && i % 3 === 0; // a few tests flip now and then
    out.push({
      testId: `src/module${i % 100}.test.ts::suite ${i % 10} > test ${i}`,
      name: `test ${i}`,
      suite: `suite ${i % 10}`,
      file: `src/module${i % 100}.test.ts`,
      line: i % 400,
      status: failed ? 'failed' : 'passed',
      kind: null,
      durationMs: (i % 50) + 0.5,
      attempt: 1,
      messageHash: failed ? 'deadbeefdeadbeef' : null,
    });
  }
  return out;
}

async function timeOnce(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const rows = [];
const big = results(100_000, 1);
const jsonMs = await medianMs(
  () => writeFileSync(join(base, 'run.json'), JSON.stringify({ ...historyRun(1, 100_000), tests: big })),
  { runs: 3, warmup: 1 },
);

// the embedded store with each engine batch can use: native SQLite (libsql, where its prebuilt binary
// loads) and the WebAssembly build it falls back to
let n = 0;
for (const [engine, label] of [
  ['native', 'native SQLite'],
  ['wasm', 'SQLite in WebAssembly'],
]) {
  const embedded = await SqliteHistoryStore.open(join(base, `write-${engine}.db`), { engine });
  const embeddedMs = await medianMs(() => embedded.putRun(historyRun(++n, 100_000), big), {
    runs: 3,
    warmup: 1,
  });
  await embedded.close();
  rows.push({
    name: `100,000-test run → embedded, ${label}`,
    ms: embeddedMs,
    refName: 'JSON run file',
    refMs: jsonMs,
    target: '≤ 1000 ms',
  });
}

const missing = postgresMissing();
if (missing) console.log(`PostgreSQL bench skipped: ${missing}`);
else {
  const server = await startPostgres();
  try {
    const store = await PostgresHistoryStore.open(server.createDatabase('bench'), { connectTimeoutMs: 5000 });
    const pgMs = await medianMs(() => store.putRun(historyRun(++n, 100_000), big), { runs: 3, warmup: 1 });
    await store.close();
    rows.push({
      name: '100,000-test run → PostgreSQL',
      ms: pgMs,
      refName: 'JSON run file',
      refMs: jsonMs,
      target: '≤ 2000 ms',
    });
  } finally {
    server.destroy();
  }
}

// 1,000 runs × 1,000 tests in the embedded store of a real repository, beside a fresh one
const home = join(base, 'home');
mkdirSync(home);
const env = hermeticEnv(home);
function makeRepo(name) {
  const dir = join(base, name);
  mkdirSync(dir);
  run('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  writeFileSync(
    join(dir, '.batchrc'),
    JSON.stringify({ testCommand: 'true', batchSize: 1000, history: { project: 'bench' } }),
  );
  run('git', ['add', '-A'], { cwd: dir, env });
  run('git', ['commit', '-qm', 'bench'], { cwd: dir, env });
  run(process.execPath, [BIN, 'init'], { cwd: dir, env });
  return dir;
}
const repo = makeRepo('repo');
const freshRepo = makeRepo('fresh');
const fill = await SqliteHistoryStore.open(join(repo, '.batch', 'history.db'));
fill.setMeta('imported', 'bench');
fill.setMeta('repository', '');
const fillMs = await timeOnce(async () => {
  for (let i = 1; i <= 1000; i++) await fill.putRun(historyRun(i, 1000), results(1000, i));
});
await fill.close();
console.log(`filled 1,000 runs × 1,000 tests in ${(fillMs / 1000).toFixed(1)} s`);

const cli = (args) => () => run(process.execPath, [BIN, ...args], { cwd: repo, env });
/**
 * `batch record` of one file whose content changes before every call (the batch never completes), in
 * the filled repository and the fresh one by turns, so a machine that slows down meanwhile slows both.
 */
function recordBoth(runs = 15) {
  const times = { filled: [], fresh: [] };
  for (let i = 0; i <= runs; i++) {
    for (const [name, dir] of [
      ['filled', repo],
      ['fresh', freshRepo],
    ]) {
      writeFileSync(join(dir, 'edited.txt'), `edit ${i}\n`);
      const start = performance.now();
      run(process.execPath, [BIN, 'record', 'edited.txt'], { cwd: dir, env });
      if (i > 0) times[name].push(performance.now() - start); // the first call of each warms up
    }
  }
  const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { recordMs: median(times.filled), freshRecordMs: median(times.fresh) };
}
const { recordMs, freshRecordMs } = recordBoth();
const stateBytes = (dir) => statSync(join(dir, '.batch', 'state.json')).size;
// The floor of `history --test` with this store: a node process that only loads SQLite the way batch
// does (the native module, or the WebAssembly build compiled as batch compiles it for reading
// commands), opens the file and runs the same query; and the floor of any node command, a process that
// runs nothing.
const connection = new URL('../dist/adapters/history/sqliteConnection.js', import.meta.url).href;
const floorScript = (engine) => `
import { openSqlite, prepareSqlite } from ${JSON.stringify(connection)};
prepareSqlite('${engine}');
const { connection } = await openSqlite('.batch/history.db', '${engine}');
connection.all(\`SELECT r.status, r.duration_ms, u.run_key FROM results r JOIN runs u ON u.id = r.run_id
  WHERE r.test_id = ? AND u.project = ? ORDER BY u.started_at DESC LIMIT 20\`, ['src/module7.test.ts::suite 7 > test 507', 'bench']);
connection.close();`;
const floor = (engine) =>
  medianMs(
    () => run(process.execPath, ['--input-type=module', '-e', floorScript(engine)], { cwd: repo, env }),
    {
      runs: 5,
      warmup: 1,
    },
  );
const floorMs = await floor('native');
const wasmFloorMs = await floor('wasm');
const nodeMs = await medianMs(() => run(process.execPath, ['-e', ''], { cwd: repo, env }), {
  runs: 5,
  warmup: 1,
});
const statusMs = await medianMs(cli(['status']), { runs: 5, warmup: 1 });
const testArgs = ['history', '--test', 'src/module7.test.ts::suite 7 > test 507'];
const testMs = await medianMs(cli(testArgs), { runs: 5, warmup: 1 });
const wasmTestMs = await medianMs(
  () => run(process.execPath, [BIN, ...testArgs], { cwd: repo, env: { ...env, BATCH_SQLITE: 'wasm' } }),
  { runs: 5, warmup: 1 },
);
const flakyMs = await medianMs(cli(['flaky', '--json']), { runs: 5, warmup: 1 });
rows.push({
  name: 'history --test ID (1,000 × 1,000)',
  ms: testMs,
  refName: 'batch status',
  refMs: statusMs,
  target: '< 200 ms',
});
rows.push({
  name: 'history --test ID (1,000 × 1,000)',
  ms: testMs,
  refName: 'floor: native SQLite, open + query only',
  refMs: floorMs,
  target: '',
});
rows.push({
  name: 'history --test ID, BATCH_SQLITE=wasm',
  ms: wasmTestMs,
  refName: 'floor: SQLite in WebAssembly, open + query',
  refMs: wasmFloorMs,
  target: '',
});
rows.push({
  name: 'history --test ID (1,000 × 1,000)',
  ms: testMs,
  refName: 'node -e "" (no batch at all)',
  refMs: nodeMs,
  target: '',
});
rows.push({
  name: 'flaky (1,000 × 1,000)',
  ms: flakyMs,
  refName: 'batch status',
  refMs: statusMs,
  target: '< 1000 ms',
});
rows.push({
  name: 'record, 1,000 runs in the store',
  ms: recordMs,
  refName: 'fresh repo',
  refMs: freshRecordMs,
  target: '≤ 1.05x',
});
printTable('history store', rows);
console.log(
  `.batch/state.json: ${stateBytes(repo)} bytes with 1,000 runs stored, ${stateBytes(freshRepo)} bytes fresh (target: no bigger)`,
);
if (process.env.NODE_EXTRA_CA_CERTS) {
  const { NODE_EXTRA_CA_CERTS: _certs, ...without } = env;
  const bareMs = await medianMs(() => run(process.execPath, ['-e', ''], { cwd: repo, env: without }), {
    runs: 5,
    warmup: 1,
  });
  console.log(
    `NODE_EXTRA_CA_CERTS is set here: node reads those certificates as every process starts (node -e "" ${nodeMs.toFixed(0)} ms with it, ${bareMs.toFixed(0)} ms without)`,
  );
}
rmSync(base, { recursive: true, force: true });
