import { createRequire } from 'node:module';
import { compileSqliteEarly, loadSqlite, sqliteLoadedFrom } from './sqliteLoader.js';

type NativeModule = typeof import('libsql');
type NativeDatabase = InstanceType<NativeModule>;
type NativeStatement = ReturnType<NativeDatabase['prepare']>;

export type SqliteRow = Record<string, unknown>;
export type SqliteValue = string | number | null;

/** One SQLite connection, whichever engine opened it: the calls the history store makes. */
export interface SqliteConnection {
  /** Runs one or more statements that return nothing. */
  exec(sql: string): void;
  all(sql: string, params?: SqliteValue[]): SqliteRow[];
  /** The first row, or null when there is none. */
  get(sql: string, params?: SqliteValue[]): SqliteRow | null;
  run(sql: string, params?: SqliteValue[]): { changes: number; lastInsertRowid: number | bigint };
  readonly inTransaction: boolean;
  close(): void;
}

/**
 * Which SQLite to use. `auto`: the native one when its prebuilt binary loads on this platform, else
 * the WebAssembly build. `wasm` forces the WebAssembly build; `native` insists on the native one.
 */
export type SqliteEngineChoice = 'auto' | 'native' | 'wasm';
const SQLITE_ENGINE_CHOICES: readonly SqliteEngineChoice[] = ['auto', 'native', 'wasm'];

/** BATCH_SQLITE's value as an engine choice (unset or empty: auto); null for a value batch does not know. */
export function sqliteEngineChoice(value: string | undefined): SqliteEngineChoice | null {
  const wanted = value?.trim().toLowerCase() || 'auto';
  return SQLITE_ENGINE_CHOICES.find((c) => c === wanted) ?? null;
}

/** What a store was opened with, for `--verbose`. */
export interface SqliteEngineInfo {
  engine: 'native' | 'wasm';
  /** e.g. "native SQLite 3.45.1 (libsql)" or "SQLite in WebAssembly, compiled in the background". */
  description: string;
}

/** The native module could not be loaded here: why, as the loader said it. */
export class NativeSqliteUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`the native SQLite (libsql) does not load here: ${reason}`);
    this.name = 'NativeSqliteUnavailable';
  }
}

const require = createRequire(import.meta.url);
let native: { module: NativeModule } | { error: string } | undefined;

/**
 * libsql: SQLite compiled for each platform and shipped as prebuilt npm packages (optional dependencies
 * picked by os and cpu), so it needs no install script. Loaded once; a platform without a prebuilt
 * binary, or a binary that does not load, is remembered as unavailable with the loader's reason.
 */
function loadNative(): { module: NativeModule } | { error: string } {
  if (native !== undefined) return native;
  try {
    native = { module: require('libsql') as NativeModule };
  } catch (error) {
    native = { error: error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error) };
  }
  return native;
}

/**
 * Gets the engine ready for a command that will open the history store, as the command starts: loads
 * the native module, or, where it does not load (or `wasm` is chosen), starts compiling the WebAssembly
 * build in the background. Never throws; openSqlite says what went wrong.
 */
export function prepareSqlite(choice: SqliteEngineChoice): void {
  if (choice !== 'wasm' && 'module' in loadNative()) return;
  if (choice !== 'native') compileSqliteEarly();
}

/** Opens (creating) a database file with the chosen engine. */
export async function openSqlite(
  file: string,
  choice: SqliteEngineChoice,
): Promise<{ connection: SqliteConnection; info: SqliteEngineInfo }> {
  let unavailable = '';
  if (choice !== 'wasm') {
    const loaded = loadNative();
    if ('module' in loaded) {
      const connection = new NativeConnection(new loaded.module(file));
      const version = connection.get('SELECT sqlite_version() AS v')?.v;
      return {
        connection,
        info: { engine: 'native', description: `native SQLite ${String(version)} (libsql)` },
      };
    }
    if (choice === 'native') throw new NativeSqliteUnavailable(loaded.error);
    unavailable = `; the native one does not load here: ${loaded.error}`;
  }
  const sqlite = await loadSqlite();
  const compiled = sqliteLoadedFrom() === 'background' ? 'in the background' : 'on first use';
  return {
    // node-sqlite3-wasm's Database already has this shape
    connection: new sqlite.Database(file) satisfies SqliteConnection,
    info: { engine: 'wasm', description: `SQLite in WebAssembly, compiled ${compiled}${unavailable}` },
  };
}

/** libsql's better-sqlite3 API: statements prepared once per SQL text and kept for the connection. */
class NativeConnection implements SqliteConnection {
  private readonly statements = new Map<string, NativeStatement>();
  constructor(private readonly db: NativeDatabase) {}
  private statement(sql: string): NativeStatement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }
  exec(sql: string): void {
    this.db.exec(sql);
  }
  all(sql: string, params: SqliteValue[] = []): SqliteRow[] {
    return this.statement(sql).all(params) as SqliteRow[];
  }
  /** The first row, taken from `all`: libsql's `get` adds a `_metadata` field to the row. */
  get(sql: string, params: SqliteValue[] = []): SqliteRow | null {
    return this.all(sql, params)[0] ?? null;
  }
  run(sql: string, params: SqliteValue[] = []): { changes: number; lastInsertRowid: number | bigint } {
    const { changes, lastInsertRowid } = this.statement(sql).run(params);
    return { changes, lastInsertRowid };
  }
  get inTransaction(): boolean {
    return this.db.inTransaction;
  }
  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
