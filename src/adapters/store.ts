import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
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

/**
 * `.batch/` on disk: `state.json` through lowdb (small, atomic through steno's temp + rename), one file
 * per batch and per run written once, and the named documents CI reads.
 */
export class Store<S extends object = object> {
  readonly dir: string;
  private readonly db: Low<S | null>;

  constructor(dir: string) {
    this.dir = dir;
    this.db = new Low<S | null>(new JSONFile<S | null>(join(dir, 'state.json')), null);
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  exists(): boolean {
    return existsSync(this.path('state.json'));
  }

  /** Creates `.batch/` and its folders. */
  ensureDirs(): void {
    for (const sub of ['batches', 'runs', 'reports', 'logs']) mkdirSync(this.path(sub), { recursive: true });
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
    writeJsonAtomic(this.path('batches', `${batch.id}.json`), batch);
  }

  readBatch<B>(id: number): B | null {
    return readJsonFile<B>(this.path('batches', `${id}.json`));
  }

  batchIds(): number[] {
    return numberedIds(this.path('batches'), '');
  }

  writeRun(run: { id: number }): void {
    writeJsonAtomic(this.path('runs', `${run.id}.json`), run);
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
    writeJsonAtomic(this.path(name), value);
  }

  readDocument<T>(name: string): T | null {
    return readJsonFile<T>(this.path(name));
  }

  writeText(relative: string, text: string): void {
    writeFileAtomic(this.path(relative), text);
  }
}
