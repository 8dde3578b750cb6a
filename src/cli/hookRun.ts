import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { hookEnvironment, isProcessAlive, spawnDetached } from '../adapters/hookProcess.js';
import type { Batch } from '../core/model/batchModel.js';
import { openContext, type Context } from '../core/context/context.js';
import { BatchError } from '../core/context/errors.js';
import { resolveCommit } from '../core/hooks/commitRange.js';
import {
  claimWorker,
  releaseWorker,
  workerPid,
  writeHookModeCache,
  writeVerdict,
} from '../core/hooks/hookMarkers.js';
import { queueDirs, queueHasWork } from '../core/hooks/hookQueue.js';
import { syncCommits, type SyncResult } from '../core/hooks/syncCommits.js';
import { withState } from '../core/state/session.js';
import { messages } from '../output/messages.js';
import type { Printer } from '../output/printer.js';
import { runHookTests } from './hookTests.js';

export interface HookRunOptions {
  event: string;
  /** post-rewrite's first argument: `amend` or `rebase`. */
  kind: string | undefined;
  /** Run as the background worker (the shim or a foreground call started it detached). */
  worker: boolean;
  /** Only prove that node and the CLI start (the shim with BATCH_DRY_RUN=1, `batch doctor`). */
  dryRun: boolean;
  cwd: string | undefined;
}

/** Hook logs kept in .batch/logs/ (older ones are deleted by the next worker). */
const KEPT_LOGS = 20;

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function hookLogs(ctx: Context): string[] {
  try {
    return readdirSync(ctx.store.path('logs'))
      .filter((name) => /^hook-.*\.log$/.test(name))
      .map((name) => ctx.store.path('logs', name))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  } catch {
    return [];
  }
}

function pruneLogs(ctx: Context): void {
  const logs = hookLogs(ctx);
  for (const file of logs.slice(0, Math.max(0, logs.length - KEPT_LOGS))) unlinkSync(file);
}

function newestLog(ctx: Context): string {
  const file = hookLogs(ctx).pop();
  return file ? relative(ctx.ws.root, file) : '.batch/logs/';
}

/** Starts the detached worker unless one is running (it takes this commit before it stops). */
function startWorker(ctx: Context, options: HookRunOptions): void {
  const running = workerPid(ctx);
  if (running && isProcessAlive(running)) return;
  const args = ['hook-run', options.event, ...(options.kind ? [options.kind] : []), '--worker'];
  const pid = spawnDetached(process.execPath, [process.argv[1] ?? '', ...args, '--cwd', ctx.ws.root], {
    cwd: ctx.ws.root,
    env: ctx.env,
    logFile: ctx.store.path('logs', `hook-${stamp(ctx.clock.now())}.log`),
  });
  if (pid) claimWorker(ctx, pid);
}

function describeSync(printer: Printer, sync: SyncResult): void {
  if (sync.deferred && sync.sequence) printer.info(messages.hookDeferred(sync.sequence));
  if (sync.skipped.length) printer.info(messages.hookSkipped(sync.skipped.length));
  for (const record of sync.records) {
    const commit = record.edits[0]?.commit ?? sync.head ?? '';
    if (record.edits.length === 0) {
      printer.info(messages.hookNoEdit(commit));
      continue;
    }
    const batch = record.completed ?? record.current;
    printer.info(
      messages.hookRecorded(record.edits.length, commit, batch.id, batch.edits.length, record.batchSize),
    );
  }
}

/** The worker's verdict lines for the next commit's hook and `batch status`. */
async function testInBackground(ctx: Context, printer: Printer, batch: Batch): Promise<void> {
  const verdict = await runHookTests(ctx, printer, batch);
  if (verdict === null) return;
  writeVerdict(ctx, [
    messages.hookVerdict(batch.id, verdict),
    messages.hookVerdictMore(batch.id, newestLog(ctx)),
  ]);
}

/** Records until the queue is empty (worker) or once (foreground), testing each batch that completes. */
async function work(ctx: Context, printer: Printer, options: HookRunOptions): Promise<void> {
  const pid = process.pid;
  if (options.worker) {
    // Closing the terminal the commit ran in must not stop the recording.
    process.on('SIGHUP', () => undefined);
    claimWorker(ctx, pid);
    pruneLogs(ctx);
    printer.info(
      `${ctx.clock.now().toISOString()} batch hook ${options.event}${options.kind ? ` ${options.kind}` : ''}`,
    );
  }
  for (let round = 0; ; round++) {
    // The first hook in a worktree without state: HEAD's parent counts as seen, so this commit is an edit.
    const startAt =
      !ctx.store.exists() && options.event === 'post-commit'
        ? await resolveCommit(ctx.git, 'HEAD^1')
        : undefined;
    const tag = `${pid}-${round}-${ctx.clock.now().getTime()}`;
    const sync = await withState(
      ctx,
      'hook',
      (state) => syncCommits(ctx, state, { tag, ...(startAt !== undefined ? { startAt } : {}) }),
      startAt !== undefined ? { seenRev: startAt } : {},
    );
    describeSync(printer, sync);
    // Several batches may complete at once (catching up): the newest one's run tests them all.
    const completed = sync.completed[sync.completed.length - 1] ?? null;
    if (completed && ctx.config.hook.mode === 'off') printer.info(messages.hookTestsNotRun(completed.id));
    else if (completed && options.worker) await testInBackground(ctx, printer, completed);
    else if (completed) await runHookTests(ctx, printer, completed);
    if (!options.worker) return;
    releaseWorker(ctx, pid);
    // The shims append to the queue before they look for a worker: a commit made while this one
    // was busy is either seen here or starts a worker of its own.
    if (sync.deferred || !queueHasWork(queueDirs(ctx.ws))) return;
    claimWorker(ctx, pid);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `batch hook-run <event>`, what the shims call. Never fails: whatever goes wrong is printed (or left
 * as a verdict for the next commit) and the exit code is 0, so batch never blocks or breaks a commit.
 */
export async function runHook(options: HookRunOptions, printer: Printer): Promise<number> {
  if (options.dryRun) {
    printer.result(messages.hookDryRun(process.version, process.execPath, process.argv[1] ?? ''));
    return 0;
  }
  let ctx: Context | null = null;
  try {
    const env = hookEnvironment(process.env);
    // A commit must not wait half a minute for a lock; the worker can.
    env.BATCH_LOCK_TIMEOUT_MS ??= options.worker ? '120000' : '10000';
    ctx = await openContext({ cwd: resolve(options.cwd ?? process.cwd()), env, logger: printer });
    writeHookModeCache(ctx);
    if (!options.worker && ctx.config.hook.mode !== 'foreground') startWorker(ctx, options);
    else await work(ctx, printer, options);
  } catch (error) {
    const details = error instanceof BatchError ? error.details : [];
    printer.error(messages.hookFailed(errorText(error)), messages.hookFailedHint, details);
    if (!(error instanceof BatchError) && error instanceof Error) printer.debug(error.stack ?? '');
    if (ctx && options.worker)
      writeVerdict(ctx, [messages.hookFailedVerdict(errorText(error), newestLog(ctx))]);
  } finally {
    if (ctx && options.worker) releaseWorker(ctx, process.pid);
  }
  return 0;
}
