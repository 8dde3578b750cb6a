import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WatcherFactory } from '../../adapters/watcher.js';
import type { Batch } from '../model/batchModel.js';
import type { Context } from '../context/context.js';
import { BatchError } from '../context/errors.js';
import { peekState } from '../state/session.js';
import { gitIsOperating, openGitWindow, readStashTop, type GitWindow } from './gitWindow.js';
import { IgnoreRules } from './ignoreRules.js';
import { reconcileOffline } from './reconcileOffline.js';
import { recordBurst, type BurstOutcome } from './recordBurst.js';
import { realTimers, SettleTracker, type Timers } from './settleTracker.js';
import { WorktreeWatch } from './worktreeWatch.js';

/** git's index lock older than this is taken for one a crashed git left behind: stop waiting for it. */
const STALE_GIT_LOCK_MS = 60_000;

/**
 * Record calls snapshot only the paths events named; at most this long after the last whole-tree
 * snapshot, the next one stages the whole tree, catching changes whose events were lost.
 */
const FULL_SNAPSHOT_EVERY_MS = 10 * 60_000;

/** What the session tells its front end (the CLI formats it). */
export interface WatchReporter {
  ready(info: { polling: boolean; batch: { id: number; edits: number } | null }): void;
  /** A quiet point was recorded (also the start-up reconcile, with `offline`). */
  recorded(outcome: BurstOutcome, offline: boolean): void;
  /** A record call completed this batch. */
  batchComplete(batch: Batch): void;
  /** Native watching hit a limit; polling took over. */
  degraded(code: string): void;
  /** A problem that does not stop watching. */
  problem(error: unknown): void;
  /** A problem that does: the front end stops the session and reports it. */
  fatal(error: BatchError): void;
}

export interface WatchSessionOptions {
  reporter: WatchReporter;
  /** Force polling (a network file system, or `--poll`). */
  polling?: boolean;
  timers?: Timers;
  createWatcher?: WatcherFactory;
}

/**
 * `batch watch`: events are hints, content decides. Each hinted path settles on its own quiet period;
 * at a moment when none is settling, every settled path goes into one record call, so a burst stays in
 * one batch. While git holds its index lock nothing is recorded; the paths git wrote then become one
 * marker instead of edits.
 */
export class WatchSession {
  private readonly ctx: Context;
  private readonly options: WatchSessionOptions;
  private readonly timers: Timers;
  private readonly rules: IgnoreRules;
  private readonly tracker: SettleTracker;
  private readonly watch: WorktreeWatch;
  private window: GitWindow | null = null;
  private stashTop: string | null = null;
  private lockSeenAt: number | null = null;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private reloadRules = false;
  private stopping = false;
  private lastProblem = '';
  private lastFullAt = 0;
  private readonly unverified = new Set<string>();

  constructor(ctx: Context, options: WatchSessionOptions) {
    this.ctx = ctx;
    this.options = options;
    this.timers = options.timers ?? realTimers;
    this.rules = new IgnoreRules(ctx.git);
    const quietMs = ctx.config.watch.quietMs;
    this.tracker = new SettleTracker({
      quietMs,
      maxMs: Math.max(2000, quietMs * 4),
      timers: this.timers,
      onQuiet: () => void this.flush(false),
    });
    this.watch = new WorktreeWatch({
      ws: ctx.ws,
      rules: this.rules,
      polling: options.polling ?? false,
      create: options.createWatcher,
      events: {
        path: (path) => this.onPath(path),
        git: () => this.onGitActivity(),
        degraded: (code) => options.reporter.degraded(code),
        error: (error) => options.reporter.problem(error),
      },
    });
  }

  /** Whether the watchers poll (after a watch limit, or when asked to). */
  get polling(): boolean {
    return this.watch.polling;
  }

  /** Reads git's ignore rules, records what changed while nobody watched, and starts watching. */
  async start(): Promise<void> {
    const [, stashTop] = await Promise.all([this.rules.load(), readStashTop(this.ctx.git)]);
    this.stashTop = stashTop;
    const started = this.watch.start();
    const offline = await reconcileOffline(this.ctx);
    this.lastFullAt = this.timers.now();
    if (offline) this.report(offline, true);
    await started;
    if (this.stopping) return;
    const state = await peekState(this.ctx);
    this.options.reporter.ready({
      polling: this.watch.polling,
      batch: state ? { id: state.currentBatch.id, edits: state.currentBatch.edits.length } : null,
    });
  }

  /** Records what is still settling right away, closes the watchers and waits for the last record call. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.tracker.dispose();
    await this.watch.close();
    await this.flushing;
    if (this.tracker.size > 0) await this.flush(true);
  }

  private onPath(path: string): void {
    if (path === '.gitignore' || path.endsWith('/.gitignore')) this.reloadRules = true;
    this.ctx.logger.debug(`watch: ${path} may have changed`);
    this.tracker.touch(path);
    if (!this.rules.isVerified(path)) this.verifyLater(path);
  }

  /** Asks git whether new paths are ignored while they settle, so the record call need not wait for it. */
  private verifyLater(path: string): void {
    this.unverified.add(path);
    if (this.unverified.size > 1) return;
    setImmediate(() => {
      const paths = [...this.unverified].filter((p) => p !== '.' && existsSync(join(this.ctx.ws.root, p)));
      this.unverified.clear();
      this.rules.check(paths).catch((error: unknown) => this.options.reporter.problem(error));
    });
  }

  private onGitActivity(): void {
    this.window ??= openGitWindow(this.ctx.ws, this.timers.now(), this.stashTop);
    this.tracker.poke();
  }

  /** True while git holds its index lock (a lock held for over a minute is taken as left behind). */
  private gitHolds(): boolean {
    if (!gitIsOperating(this.ctx.ws)) {
      this.lockSeenAt = null;
      return false;
    }
    this.lockSeenAt ??= this.timers.now();
    return this.timers.now() - this.lockSeenAt < STALE_GIT_LOCK_MS;
  }

  /** At a quiet point: one record call for every settled path (or, `force`, for everything now). */
  private async flush(force: boolean): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    if (this.stopping && !force) return;
    if (!force && this.gitHolds()) {
      this.tracker.retryIn(this.ctx.config.watch.quietMs);
      return;
    }
    this.flushing = this.recordSettled().finally(() => {
      this.flushing = null;
      if (this.flushAgain && !this.stopping) {
        this.flushAgain = false;
        if (this.tracker.size > 0 && !this.tracker.isSettling()) void this.flush(false);
      }
    });
    return this.flushing;
  }

  private async recordSettled(): Promise<void> {
    const window = this.window;
    this.window = null;
    if (this.reloadRules) {
      this.reloadRules = false;
      this.watch.applyIgnoreChanges(await this.rules.load());
    }
    if (!existsSync(this.ctx.ws.root)) {
      this.options.reporter.fatal(
        new BatchError(`the worktree ${this.ctx.ws.root} was removed or renamed while batch watched it`, {
          hint: 'start batch watch again in the worktree (its records are in .batch/ there, if it still exists)',
        }),
      );
      return;
    }
    const taken = this.tracker.takeAll();
    if (window) this.stashTop = await readStashTop(this.ctx.git);
    if (taken.size === 0) return;
    const gitPaths = new Set<string>();
    if (window) for (const [path, first] of taken) if (first >= window.startedAt) gitPaths.add(path);
    const now = this.timers.now();
    const full = taken.has('.') || now - this.lastFullAt >= FULL_SNAPSHOT_EVERY_MS;
    try {
      const burst = { paths: [...taken.keys()], gitPaths, window, full };
      const outcome = await recordBurst(this.ctx, burst, this.rules);
      const took = Math.round(this.timers.now() - now);
      this.ctx.logger.debug(
        `watch: ${taken.size} settled path(s) recorded in ${took} ms${full ? ' (whole tree)' : ''}`,
      );
      if (full) this.lastFullAt = now;
      if (outcome.deferred) this.retry(taken, window);
      else this.report(outcome, false);
      this.lastProblem = '';
    } catch (error) {
      // The same failure on every retry is reported once.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastProblem) this.options.reporter.problem(error);
      this.lastProblem = message;
      this.retry(taken, window);
    }
  }

  /**
   * Puts paths back to be recorded at the next quiet point (the lock was busy, or state was being
   * repaired), with the git window they were seen in, so git's files still become a marker.
   */
  private retry(paths: Map<string, number>, window: GitWindow | null): void {
    if (this.stopping) return;
    if (window && (!this.window || window.startedAt < this.window.startedAt)) this.window = window;
    for (const [path, first] of paths) this.tracker.touch(path, first);
  }

  private report(outcome: BurstOutcome, offline: boolean): void {
    this.options.reporter.recorded(outcome, offline);
    const completed = outcome.record?.completed;
    if (completed) this.options.reporter.batchComplete(completed);
  }
}
