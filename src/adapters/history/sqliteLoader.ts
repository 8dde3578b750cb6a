import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { compileFunction } from 'node:vm';

type Sqlite = typeof import('node-sqlite3-wasm');

const require = createRequire(import.meta.url);
const LIBRARY = 'node-sqlite3-wasm';
const WASM_FILE = 'node-sqlite3-wasm.wasm';

/** SQLite's WebAssembly being compiled in the background, with the size of the bytes it came from. */
let early: { size: number; module: Promise<WebAssembly.Module | null> } | null = null;
let loaded: Sqlite | null = null;
let loadedFrom: 'background' | 'require' | null = null;

/**
 * V8's optimising wasm tier compiles SQLite's hot functions again for a process that lives a second:
 * it doubled the memory a run takes (past the 150 MB the output-bound test allows) and the time to the
 * first query. The baseline compiler (Liftoff) alone is enough here; batch runs no other wasm.
 */
function baselineCompilerOnly(): void {
  setFlagsFromString('--liftoff-only');
}

/**
 * Starts compiling SQLite (1.3 MB of WebAssembly) on V8's background threads, for a command that will
 * open the history store: `batch history --test` spent 100 of its 350 ms compiling SQLite's functions
 * one by one on the main thread as the first statements called them. Started before the command's own
 * modules load, the compile is done by the time the store opens. Never throws: if anything here fails,
 * loadSqlite loads the library the plain way.
 */
export function compileSqliteEarly(): void {
  if (early !== null || loaded !== null) return;
  try {
    baselineCompilerOnly();
    // Every function now, on background threads, instead of each one on its first call
    setFlagsFromString('--no-wasm-lazy-compilation');
    setFlagsFromString('--wasm-num-compilation-tasks=1');
    const bytes = readFileSync(join(dirname(require.resolve(LIBRARY)), WASM_FILE));
    early = { size: bytes.byteLength, module: WebAssembly.compile(bytes).catch(() => null) };
  } catch {
    early = null;
  }
}

/**
 * node-sqlite3-wasm, loaded once. After compileSqliteEarly, the library's CommonJS file is evaluated
 * with a `WebAssembly` whose `Module` hands back the module compiled in the background when the library
 * asks to compile bytes of that size (its own small helper modules are compiled as usual). Without an
 * early compile, or if the library's file is not what this expects, it is required the plain way.
 */
export async function loadSqlite(): Promise<Sqlite> {
  if (loaded !== null) return loaded;
  const compiled = early === null ? null : await early.module;
  if (compiled !== null && early !== null) loaded = evaluateWith(compiled, early.size);
  if (loaded !== null) loadedFrom = 'background';
  else {
    baselineCompilerOnly();
    loaded = require(LIBRARY) as Sqlite;
    loadedFrom = 'require';
  }
  return loaded;
}

/** How SQLite was loaded: from the background compile, the plain way, or not yet. */
export function sqliteLoadedFrom(): 'background' | 'require' | null {
  return loadedFrom;
}

function evaluateWith(compiled: WebAssembly.Module, size: number): Sqlite | null {
  try {
    const file = require.resolve(LIBRARY);
    const wasm = Object.create(WebAssembly, {
      Module: {
        value: function Module(bytes: BufferSource) {
          return bytes.byteLength === size ? compiled : new WebAssembly.Module(bytes);
        },
      },
    }) as typeof WebAssembly;
    const params = ['exports', 'require', 'module', '__filename', '__dirname', 'WebAssembly'];
    const body = compileFunction(readFileSync(file, 'utf8'), params, { filename: file }) as (
      ...args: unknown[]
    ) => void;
    const module = { exports: {} as unknown };
    body(module.exports, createRequire(file), module, file, dirname(file), wasm);
    const sqlite = module.exports as Partial<Sqlite>;
    return typeof sqlite.Database === 'function' ? (sqlite as Sqlite) : null;
  } catch {
    return null;
  }
}
