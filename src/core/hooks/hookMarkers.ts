import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/atomicWrite.js';
import type { Context } from '../context/context.js';

/**
 * Small files the shims read with shell builtins, so the commit path starts no process: in `.batch/`
 * `hook-mode` (hook.mode from the config) and `hook-verdict` (a finished background run's verdict,
 * shown once by the next commit or `batch status`); in the transient folder `hook-worker.pid` (the
 * background worker running now; shims installed by 0.1 wrote it in `.batch/`, still read).
 */
export const MODE_FILE = 'hook-mode';
export const VERDICT_FILE = 'hook-verdict';
export const WORKER_PID_FILE = 'hook-worker.pid';

/** Writes hook.mode where the shims read it (they ask node again when a config file is newer). */
export function writeHookModeCache(ctx: Context): void {
  mkdirSync(ctx.ws.batchDir, { recursive: true });
  writeFileAtomic(ctx.store.path(MODE_FILE), `${ctx.config.hook.mode}\n`, undefined, ctx.store.tempDir);
}

/** Leaves a verdict for the next commit's hook and `batch status` to show. */
export function writeVerdict(ctx: Context, lines: string[]): void {
  writeFileAtomic(
    ctx.store.path(VERDICT_FILE),
    lines.map((line) => `${line}\n`).join(''),
    undefined,
    ctx.store.tempDir,
  );
}

/** The verdict nobody has seen yet, emptied as it is read (null when there is none). */
export function takeVerdict(ctx: Context): string[] | null {
  const file = ctx.store.path(VERDICT_FILE);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') return null;
  writeFileSync(file, '');
  return text.replace(/\n$/, '').split('\n');
}

/** The pid in `hook-worker.pid`, or null. */
export function workerPid(ctx: Context): number | null {
  for (const file of [workerPidFile(ctx), ctx.store.path(WORKER_PID_FILE)]) {
    try {
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0) return pid;
    } catch {
      // not there: the next place
    }
  }
  return null;
}

function workerPidFile(ctx: Context): string {
  return join(ctx.ws.transientDir, WORKER_PID_FILE);
}

/** Marks `pid` as the running worker (the shims then leave new commits to it). */
export function claimWorker(ctx: Context, pid: number): void {
  mkdirSync(ctx.ws.transientDir, { recursive: true });
  writeFileAtomic(workerPidFile(ctx), `${pid}\n`, undefined, ctx.ws.transientDir);
}

/** Drops the worker mark if it is still `pid`'s. */
export function releaseWorker(ctx: Context, pid: number): void {
  if (workerPid(ctx) !== pid) return;
  for (const file of [workerPidFile(ctx), ctx.store.path(WORKER_PID_FILE)]) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}
