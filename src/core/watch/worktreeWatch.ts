import { existsSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { watchGitDir, type GitDirWatcher } from '../../adapters/gitDirWatcher.js';
import { watchTree, type TreeWatcher, type WatcherFactory } from '../../adapters/watcher.js';
import type { Workspace } from '../context/workspace.js';
import type { IgnoreRules } from './ignoreRules.js';

/** Polling interval after native watching failed: stat calls on every file, so not too often. */
export const POLL_INTERVAL_MS = 2000;

/** Error codes that mean "no more native watches": fall back to polling. */
const WATCH_LIMIT_CODES = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

export interface WorktreeWatchEvents {
  /** A worktree-relative path that may have changed. */
  path(path: string): void;
  /** git touched one of the entries of its git dir that mean it is operating on the tree. */
  git(name: string): void;
  /** Native watching hit a limit (code) and polling took over: everything must be compared again. */
  degraded(code: string): void;
  /** Another watcher error (reported once per code). */
  error(error: NodeJS.ErrnoException): void;
}

export interface WorktreeWatchOptions {
  ws: Workspace;
  rules: IgnoreRules;
  polling: boolean;
  events: WorktreeWatchEvents;
  create?: WatcherFactory;
}

/**
 * The worktree's watchers: chokidar on its folders (pruned by git's ignore rules) and one watch on the
 * git dir. Folders that appear after start-up are asked of git before they are watched, so a new build
 * output or package folder never costs watches. Falls back to polling when the watch limit is hit.
 */
export class WorktreeWatch {
  polling: boolean;
  private tree: TreeWatcher | null = null;
  private gitDir: GitDirWatcher | null = null;
  private scanned = false;
  private closed = false;
  private onClose: () => void = () => undefined;
  private readonly whenClosed = new Promise<void>((resolve) => (this.onClose = resolve));
  private readonly knownDirs = new Set<string>();
  private readonly unknownDirs = new Set<string>();
  private queuedDirs: string[] = [];
  private readonly reported = new Set<string>();
  private readonly options: WorktreeWatchOptions;

  constructor(options: WorktreeWatchOptions) {
    this.options = options;
    this.polling = options.polling;
  }

  /** Starts both watchers; resolves once the initial scan is done. */
  async start(): Promise<void> {
    this.startGitDir();
    await this.startTree();
  }

  /** Starts watching folders that git no longer ignores, and stops watching those it now ignores. */
  applyIgnoreChanges(change: { added: string[]; removed: string[] }): void {
    for (const path of change.added) {
      this.knownDirs.delete(path);
      this.tree?.unwatch(path);
    }
    for (const path of change.removed) {
      this.knownDirs.add(path);
      this.tree?.add(path);
      this.options.events.path(path);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.onClose();
    this.gitDir?.close();
    await this.tree?.close();
  }

  private startGitDir(): void {
    this.gitDir = watchGitDir({
      gitDir: this.options.ws.gitDir,
      polling: this.polling,
      intervalMs: Math.min(POLL_INTERVAL_MS, 500),
      onActivity: (name) => this.options.events.git(name),
      onError: (error) => this.onError(error),
    });
  }

  private async startTree(): Promise<void> {
    this.scanned = false;
    this.tree = watchTree({
      root: this.options.ws.root,
      polling: this.polling,
      intervalMs: POLL_INTERVAL_MS,
      isIgnored: (path, stats) => this.isIgnored(path, stats),
      onChange: (path) => this.options.events.path(path),
      onError: (error) => this.onError(error),
      create: this.options.create,
    });
    // Closing during the initial scan (Ctrl-C on a large tree) must not wait for the scan to end.
    await Promise.race([this.tree.ready, this.whenClosed]);
    this.scanned = true;
  }

  private isIgnored(path: string, stats: Stats | undefined): boolean {
    if (this.options.rules.isIgnored(path)) return true;
    if (!stats?.isDirectory() || this.knownDirs.has(path)) return false;
    // A nested repository (submodule or not) is one gitlink to the outer one: its files are not edits.
    if (existsSync(join(this.options.ws.root, path, '.git'))) return true;
    if (!this.scanned) {
      this.knownDirs.add(path);
      return false;
    }
    this.checkNewDir(path);
    return true;
  }

  /** A folder that appeared while watching: hold it back until git says whether it is ignored. */
  private checkNewDir(path: string): void {
    if (this.unknownDirs.has(path)) return;
    this.unknownDirs.add(path);
    this.options.events.path(path);
    this.queuedDirs.push(path);
    if (this.queuedDirs.length === 1) setImmediate(() => void this.resolveNewDirs());
  }

  private async resolveNewDirs(): Promise<void> {
    const dirs = this.queuedDirs;
    this.queuedDirs = [];
    try {
      const ignored = await this.options.rules.check(dirs);
      for (const dir of dirs) {
        this.unknownDirs.delete(dir);
        if (ignored.has(dir) || this.closed) continue;
        this.knownDirs.add(dir);
        this.tree?.add(dir);
        this.options.events.path(dir);
      }
    } catch (error) {
      for (const dir of dirs) this.unknownDirs.delete(dir);
      this.onError(error as NodeJS.ErrnoException);
    }
  }

  private onError(error: NodeJS.ErrnoException): void {
    const code = error.code ?? 'unknown';
    if (WATCH_LIMIT_CODES.has(code) && !this.polling && !this.closed) {
      this.polling = true;
      this.options.events.degraded(code);
      void this.restartPolling();
      return;
    }
    if (this.reported.has(code)) return;
    this.reported.add(code);
    this.options.events.error(error);
  }

  private async restartPolling(): Promise<void> {
    this.gitDir?.close();
    const old = this.tree;
    this.tree = null;
    await old?.close();
    if (this.closed) return;
    this.startGitDir();
    await this.startTree();
    // Events may have been lost while switching: the whole tree is compared again.
    this.options.events.path('.');
  }
}
