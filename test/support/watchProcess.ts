import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Edit } from '../../src/core/model/batchModel.js';
import type { LoggedBatch } from '../../src/core/record/batchLog.js';
import type { TempRepo } from './repo.js';

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function pollUntil<T>(
  probe: () => T | undefined,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `batch log --json` read from another process. */
export function readLog(repo: TempRepo): LoggedBatch[] {
  return repo.json<{ batches: LoggedBatch[] }>(['log']).batches;
}

/**
 * The edits batch has recorded, read from its own files (`.batch/state.json`, then the batch files
 * of the batches it counts as complete), oldest first: what a poll reads while it waits, as cheap as
 * reading a few files, where `batch log` would start a node process every 100 ms and slow the process
 * under test. state.json is written last and atomically, so an edit is seen once its record call is
 * done. What a test asserts comes from `batch log`.
 */
export function storedEdits(repo: TempRepo): Edit[] {
  const read = <T>(file: string): T | null => {
    try {
      return JSON.parse(readFileSync(repo.path(file), 'utf8')) as T;
    } catch {
      return null;
    }
  };
  const state = read<{ completedBatches: number; currentBatch: { edits: Edit[] } }>('.batch/state.json');
  if (!state) return [];
  const complete = Array.from(
    { length: state.completedBatches },
    (_, i) => read<{ edits: Edit[] }>(`.batch/batches/${i + 1}.json`)?.edits ?? [],
  );
  return [...complete.flat(), ...state.currentBatch.edits];
}

/** Every edit in the log, oldest first. */
export function allEdits(repo: TempRepo) {
  return readLog(repo).flatMap((batch) => batch.edits);
}

/** A running `batch watch` in a temp repository, with its output collected. */
export class WatchProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** Starts `batch watch` and waits until it says it is watching. */
  static async start(repo: TempRepo, args: string[] = [], env: Record<string, string> = {}) {
    const watch = new WatchProcess(repo.spawnBatch(['watch', ...args], env));
    await watch.waitFor(/watching /, 'batch watch to start');
    return watch;
  }

  /** Waits until stdout or stderr matches. */
  async waitFor(pattern: RegExp, what: string): Promise<void> {
    let exited = false;
    void this.exited.then(() => (exited = true));
    await pollUntil(
      () => {
        if (pattern.test(this.stdout) || pattern.test(this.stderr)) return true;
        if (exited) throw new Error(`batch watch exited before ${what}:\n${this.stdout}\n${this.stderr}`);
        return undefined;
      },
      `${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`,
      30_000,
      20,
    );
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }

  /** Kills it without waiting for anything (cleanup after a failed test). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
