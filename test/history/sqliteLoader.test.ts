import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Each case runs in a fresh node process: which compiler flags are set, and whether SQLite is loaded,
// is the state of one process.
const LOADER = new URL('../../dist/adapters/history/sqliteLoader.js', import.meta.url).href;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function inFreshNode(prelude: string): { from: string; rows: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'batch-sqlite-loader-'));
  dirs.push(dir);
  const script = `
    import { compileSqliteEarly, loadSqlite, sqliteLoadedFrom } from ${JSON.stringify(LOADER)};
    ${prelude}
    const sqlite = await loadSqlite();
    if ((await loadSqlite()) !== sqlite) throw new Error('loaded twice');
    const db = new sqlite.Database(${JSON.stringify(join(dir, 'h.db'))});
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('é''b')");
    // a SQL function defined in JavaScript goes through the library's own small wasm modules
    db.function('twice', (s) => s + s);
    const rows = db.all('SELECT id, twice(name) AS name FROM t ORDER BY id');
    db.close();
    process.stdout.write(JSON.stringify({ from: sqliteLoadedFrom(), rows }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node exited ${String(result.status)}: ${result.stderr}`);
  return JSON.parse(result.stdout) as { from: string; rows: unknown };
}

const ROWS = [
  { id: 1, name: 'aa' },
  { id: 2, name: "é'bé'b" },
];

describe('loading SQLite (WebAssembly) for the history store', () => {
  it('uses the module compiled in the background once compileSqliteEarly has started it', () => {
    expect(inFreshNode('compileSqliteEarly();')).toEqual({ from: 'background', rows: ROWS });
  });

  it('requires the library the plain way when nothing was compiled early', () => {
    expect(inFreshNode('')).toEqual({ from: 'require', rows: ROWS });
  });

  it('falls back to the plain way when the background compile fails', () => {
    const failing = `WebAssembly.compile = () => Promise.reject(new Error('injected')); compileSqliteEarly();`;
    expect(inFreshNode(failing)).toEqual({ from: 'require', rows: ROWS });
  });
});
