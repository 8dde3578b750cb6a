import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileAtomic, writeJsonAtomic } from './atomicWrite.js';
import { JsonFileTooLargeError, MAX_JSON_FILE_BYTES, parseJsonBytes } from './jsonText.js';

/** A JSON file in `.batch/` that exists but cannot be read back. */
export class CorruptFileError extends Error {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'CorruptFileError';
    this.file = file;
    this.reason = reason;
  }
}

/**
 * How the store checks what it reads back, given by core (which owns the schemas): each returns the
 * value as its type or throws (batch's own error, naming the file). `damaged` is told of a file that is
 * not JSON at all.
 */
export interface StoreChecks {
  batch(value: unknown, file: string): unknown;
  run(value: unknown, file: string): unknown;
  /** A named document (`baseline.json`, `operations/<id>.json`…), by its name under `.batch/`. */
  document(name: string, value: unknown, file: string): unknown;
  damaged(file: string, reason: string): never;
  /** A file too large to read (JsonFileTooLargeError says how large). */
  tooLarge(error: JsonFileTooLargeError): never;
}

const UNCHECKED: StoreChecks = {
  batch: (value) => value,
  run: (value) => value,
  document: (_name, value) => value,
  damaged: (file, reason) => {
    throw new CorruptFileError(file, reason);
  },
  tooLarge: (error) => {
    throw error;
  },
};

/**
 * A JSON file as a value; null when it does not exist. JsonFileTooLargeError past what node reads;
 * a file too large for one string is parsed piecewise (a run of millions of tests).
 */
function readJsonFile<T>(file: string): T | null {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_JSON_FILE_BYTES) throw new JsonFileTooLargeError(file, size);
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return parseJsonBytes(bytes) as T;
  } catch (error) {
    throw new CorruptFileError(file, (error as Error).message);
  }
}

function numberedIds(dir: string, prefix: string): number[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^${prefix}(\\d+)\\.json$`);
  return readdirSync(dir)
    .map((name) => pattern.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** lowdb's adapter for state.json: read as JSON, written atomically with the temp file in `tempDir`. */
class StateFile<T> implements Adapter<T> {
  constructor(
    private readonly file: string,
    private readonly tempDir: string,
  ) {}

  read(): Promise<T | null> {
    return Promise.resolve(readJsonFile<T>(this.file));
  }

  write(data: T): Promise<void> {
    writeJsonAtomic(this.file, data, this.tempDir);
    return Promise.resolve();
  }
}

/**
 * `.batch/` on disk: `state.json` through lowdb (small, atomic through steno's temp + rename), one file
 * per batch and per run written once, and the named documents CI reads.
 */
export class Store<S extends object = object> {
  readonly dir: string;
  /** Where temp files are written before their rename (batch's transient folder, outside the tree). */
  readonly tempDir: string;
  private readonly db: Low<S | null>;

  private readonly checks: StoreChecks;

  constructor(dir: string, tempDir: string, checks: StoreChecks = UNCHECKED) {
    this.dir = dir;
    this.tempDir = tempDir;
    this.checks = checks;
    this.db = new Low<S | null>(new StateFile<S | null>(join(dir, 'state.json'), tempDir), null);
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  exists(): boolean {
    return existsSync(this.path('state.json'));
  }

  /** Creates `.batch/` and its folders, and the transient folder. */
  ensureDirs(): void {
    for (const sub of ['batches', 'runs', 'reports', 'logs']) mkdirSync(this.path(sub), { recursive: true });
    mkdirSync(this.tempDir, { recursive: true });
  }

  /** Reads state.json; null when there is none; CorruptFileError when it cannot be parsed. */
  async readState(): Promise<S | null> {
    try {
      await this.db.read();
    } catch (error) {
      throw new CorruptFileError(this.path('state.json'), (error as Error).message);
    }
    const data = this.db.data;
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      throw new CorruptFileError(this.path('state.json'), 'not a JSON object');
    }
    return data;
  }

  async writeState(state: S): Promise<void> {
    this.db.data = state;
    await this.db.write();
  }

  /** Moves an unreadable file aside (never deletes it) and returns where it went. */
  quarantine(file: string, stamp: string): string {
    const target = `${file}.corrupt-${stamp.replace(/[:.]/g, '-')}`;
    renameSync(file, target);
    return target;
  }

  writeBatch(batch: { id: number }): void {
    writeJsonAtomic(this.path('batches', `${batch.id}.json`), batch, this.tempDir);
  }

  /** Reads a JSON file of `.batch/` and checks it; null when it does not exist. */
  private readChecked<T>(file: string, check: (value: unknown) => unknown): T | null {
    let value: unknown;
    try {
      value = readJsonFile<unknown>(file);
    } catch (error) {
      if (error instanceof CorruptFileError) this.checks.damaged(file, error.reason);
      if (error instanceof JsonFileTooLargeError) this.checks.tooLarge(error);
      throw error;
    }
    return value === null ? null : (check(value) as T);
  }

  readBatch<B>(id: number): B | null {
    const file = this.path('batches', `${id}.json`);
    return this.readChecked<B>(file, (value) => this.checks.batch(value, file));
  }

  batchIds(): number[] {
    return numberedIds(this.path('batches'), '');
  }

  writeRun(run: { id: number }): void {
    writeJsonAtomic(this.path('runs', `${run.id}.json`), run, this.tempDir);
  }

  /** Whether run `id` was stored (without reading it: a run file can hold 100,000 tests). */
  hasRun(id: number): boolean {
    return existsSync(this.path('runs', `${id}.json`));
  }

  readRun<R>(id: number): R | null {
    const file = this.path('runs', `${id}.json`);
    return this.readChecked<R>(file, (value) => this.checks.run(value, file));
  }

  runIds(): number[] {
    return numberedIds(this.path('runs'), '');
  }

  /** A named document at the top of `.batch/` (baseline.json, regressions.json, ci_test_results.json). */
  writeDocument(name: string, value: unknown): void {
    writeJsonAtomic(this.path(name), value, this.tempDir);
  }

  readDocument<T>(name: string): T | null {
    const file = this.path(name);
    return this.readChecked<T>(file, (value) => this.checks.document(name, value, file));
  }

  writeText(relative: string, text: string): void {
    writeFileAtomic(this.path(relative), text, undefined, this.tempDir);
  }
}
