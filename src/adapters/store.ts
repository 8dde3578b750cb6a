import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileAtomic, writeJsonAtomic } from './atomicWrite.js';

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

function readJsonFile<T>(file: string): T | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
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

  constructor(dir: string, tempDir: string) {
    this.dir = dir;
    this.tempDir = tempDir;
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

  readBatch<B>(id: number): B | null {
    return readJsonFile<B>(this.path('batches', `${id}.json`));
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
    return readJsonFile<R>(this.path('runs', `${id}.json`));
  }

  runIds(): number[] {
    return numberedIds(this.path('runs'), '');
  }

  /** A named document at the top of `.batch/` (baseline.json, regressions.json, ci_test_results.json). */
  writeDocument(name: string, value: unknown): void {
    writeJsonAtomic(this.path(name), value, this.tempDir);
  }

  readDocument<T>(name: string): T | null {
    return readJsonFile<T>(this.path(name));
  }

  writeText(relative: string, text: string): void {
    writeFileAtomic(this.path(relative), text, undefined, this.tempDir);
  }
}
